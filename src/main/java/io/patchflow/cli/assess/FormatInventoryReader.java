package io.patchflow.cli.assess;

import io.patchflow.inventory.HostAttributes;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryFormat;
import io.patchflow.inventory.InventoryFormats;
import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.PackageInput;
import io.patchflow.shared.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An inventory format of the inventory module (CSV, dpkg-query, rpm -qa, CycloneDX, Ansible package_facts) read with
 * the module's own parser, {@link InventoryFormats}, exactly as {@code POST /api/v1/inventory} reads it: the same
 * checks, line by line. Each host is handed to the sink as soon as the parser completes it (a single-host file holds
 * one host; a CSV, whose rows of one host may be anywhere, gives its hosts at its end). Without limits: the operator
 * reads a file of their own machine. An error names the file and then what the parser names (line, column, element);
 * the host's {@code os} and name, which the command line gave, are named by their options.
 */
final class FormatInventoryReader implements InventoryReader {

    private final InventoryFormat format;

    FormatInventoryReader(InventoryFormat format) {
        this.format = format;
    }

    @Override
    public void read(Path file, HostAttributes host, InventorySink sink) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InventoryFormats.read(format, in, host, InventoryLimits.UNBOUNDED, parsed -> hand(parsed, sink));
        } catch (BadInputException e) {
            throw new BadInputException(where(file, e.field()), e.getMessage());
        }
    }

    /** The contract's defaults, as for JSON: the host's os as ecosystem, the package itself as its source. */
    private static void hand(HostInput host, InventorySink sink) {
        int os = sink.intern(host.os());
        sink.host(sink.intern(host.name()), os);
        for (PackageInput pkg : host.packages()) {
            int ecosystem = sink.intern(pkg.ecosystem());
            int name = sink.intern(pkg.name());
            int version = sink.intern(pkg.version());
            int source = sink.intern(pkg.source());
            int sourceVersion = sink.intern(pkg.sourceVersion());
            sink.pkg(ecosystem == StringPool.BLANK ? os : ecosystem, name, version,
                    source == StringPool.BLANK ? name : source,
                    sourceVersion == StringPool.BLANK ? version : sourceVersion);
        }
    }

    /** The parser names a line ("line 3: version") or a host parameter ("os"); the latter came from an option. */
    private static String where(Path file, String field) {
        if (field == null) {
            return file.toString();
        }
        return switch (field) {
            case "os" -> "--os";
            case "host" -> file + " (the host name, from --host or the file name)";
            default -> file + ": " + field;
        };
    }
}
