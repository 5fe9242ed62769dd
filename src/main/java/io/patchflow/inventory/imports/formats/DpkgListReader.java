package io.patchflow.inventory.imports.formats;

import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.PackageInput;
import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the output of {@code dpkg-query -W -f='${Package}\t${Version}\t${source:Package}\t${source:Version}\t
 * ${Architecture}\n'}: one package per line, tab-separated. Plain {@code dpkg-query -W} (name and version) is accepted
 * too, and an optional sixth column {@code ${db:Status-Abbrev}} lets packages that are only remembered (removed with
 * their configuration files kept, or never installed) be left out. dpkg itself prints such packages with an empty
 * version, which is read the same way.
 */
public final class DpkgListReader {

    private static final String COLUMNS = "Package, Version, source:Package, source:Version, Architecture";

    private DpkgListReader() {
    }

    public static List<PackageInput> read(InputStream in, String os, InventoryLimits limits) {
        TextLines lines = new TextLines(in);
        PackageList packages = new PackageList(os, limits.maxPackagesPerHost());
        String line;
        while ((line = lines.next()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length < 2 || fields.length > 6) {
                throw new BadInputException(lines.where(), "expected 2 to 6 tab-separated columns (" + COLUMNS
                        + "), as dpkg-query -W -f='${Package}\\t${Version}\\t${source:Package}\\t${source:Version}"
                        + "\\t${Architecture}\\n' writes them; found " + fields.length);
            }
            if (fields[1].isEmpty() || notOnDisk(fields)) {
                continue;
            }
            packages.add(pkg(fields), lines.where(), PackageList.atLine(lines.number()));
        }
        return packages.packages();
    }

    private static PackageInput pkg(String[] fields) {
        String name = fields[0];
        String arch = column(fields, 4);
        // ${binary:Package} writes "libc6:amd64" for multi-arch packages; the name is what advisories use.
        int colon = name.indexOf(':');
        if (colon > 0) {
            arch = arch == null ? name.substring(colon + 1) : arch;
            name = name.substring(0, colon);
        }
        return new PackageInput(name, fields[1], column(fields, 2), column(fields, 3), arch, null, null);
    }

    /** The second letter of {@code ${db:Status-Abbrev}}: 'n' not installed, 'c' only configuration files left. */
    private static boolean notOnDisk(String[] fields) {
        String status = column(fields, 5);
        return status != null && status.length() >= 2 && (status.charAt(1) == 'n' || status.charAt(1) == 'c');
    }

    private static String column(String[] fields, int index) {
        return index < fields.length && !fields[index].isBlank() ? fields[index] : null;
    }
}
