package io.patchflow.inventory.imports.formats;

import io.patchflow.inventory.HostAttributes;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.InventoryTooLargeException;
import io.patchflow.inventory.PackageInput;
import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an inventory CSV: a header naming the columns ({@link CsvColumn}; {@code host}, {@code name} and
 * {@code version} required, others optional, any order), then one row per package. Rows of one host need not be
 * adjacent. A row with neither name nor version declares a host without packages. Empty host attributes take the
 * given defaults (the query parameters), so a CSV of {@code host,name,version} is enough with {@code ?os=...}.
 */
public final class CsvInventoryReader {

    private CsvInventoryReader() {
    }

    public static void read(InputStream in, HostAttributes defaults, InventoryLimits limits,
            Consumer<HostInput> consumer) {
        CsvRecords records = new CsvRecords(in);
        List<String> headerRow = records.next();
        if (headerRow == null) {
            throw new BadInputException("line 1", "the CSV is empty; it starts with a header line such as "
                    + CsvColumn.all());
        }
        CsvColumn[] columns = header(headerRow, records.line());
        Map<String, CsvHost> hosts = new LinkedHashMap<>();
        List<String> row;
        while ((row = records.next()) != null) {
            int line = records.line();
            if (row.size() != columns.length) {
                throw new BadInputException("line " + line, "the row has " + row.size() + " fields, the header "
                        + columns.length);
            }
            Map<CsvColumn, String> cells = new EnumMap<>(CsvColumn.class);
            for (int i = 0; i < columns.length; i++) {
                if (!row.get(i).isBlank()) {
                    cells.put(columns[i], row.get(i));
                }
            }
            String name = cells.containsKey(CsvColumn.HOST) ? cells.get(CsvColumn.HOST).strip() : null;
            if (name == null) {
                throw new BadInputException("line " + line + ": host", "host is required: the host the package is "
                        + "installed on");
            }
            CsvHost host = hosts.get(name);
            if (host == null) {
                if (hosts.size() == limits.maxHosts()) {
                    throw new InventoryTooLargeException("line " + line, "more than " + limits.maxHosts()
                            + " hosts in one inventory (patchflow.inventory.max-hosts)");
                }
                host = new CsvHost(name, line, limits.maxPackagesPerHost());
                hosts.put(name, host);
            }
            host.attributes(cells, line);
            PackageInput pkg = pkg(cells);
            if (pkg != null) {
                host.packages().add(pkg, "line " + line, PackageList.atLine(line));
            }
        }
        hosts.values().forEach(host -> consumer.accept(host.toInput(defaults)));
    }

    private static CsvColumn[] header(List<String> row, int line) {
        CsvColumn[] columns = new CsvColumn[row.size()];
        for (int i = 0; i < row.size(); i++) {
            String cell = row.get(i);
            CsvColumn column = CsvColumn.named(cell).orElseThrow(() -> new BadInputException("line " + line,
                    "unknown column '" + cell + "' in the header; the columns are " + CsvColumn.all()));
            for (int j = 0; j < i; j++) {
                if (columns[j] == column) {
                    throw new BadInputException("line " + line, "column '" + column.header + "' appears twice in "
                            + "the header");
                }
            }
            columns[i] = column;
        }
        for (CsvColumn required : List.of(CsvColumn.HOST, CsvColumn.NAME, CsvColumn.VERSION)) {
            if (!List.of(columns).contains(required)) {
                throw new BadInputException("line " + line, "the header lacks the column '" + required.header
                        + "'; the columns are " + CsvColumn.all() + " (host, name and version required)");
            }
        }
        return columns;
    }

    /** The row's package, or null for a row that only declares its host. */
    private static PackageInput pkg(Map<CsvColumn, String> cells) {
        boolean hasPackage = cells.keySet().stream().anyMatch(c -> !c.hostAttribute);
        if (!hasPackage) {
            return null;
        }
        return new PackageInput(cells.get(CsvColumn.NAME), cells.get(CsvColumn.VERSION), cells.get(CsvColumn.SOURCE),
                cells.get(CsvColumn.SOURCE_VERSION), cells.get(CsvColumn.ARCH), cells.get(CsvColumn.ECOSYSTEM),
                cells.get(CsvColumn.PURL));
    }
}
