package io.patchflow.inventory.imports.formats;

import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.PackageInput;
import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code rpm -qa --qf '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{SOURCERPM}\t%{ARCH}\n'}.
 * Epoch 0 is dropped as rpm itself treats a missing epoch as 0 ({@code 0:3.0.7-27.el9} is {@code 3.0.7-27.el9}), so
 * versions compare and display the same whether the list was made with {@code %{EPOCHNUM}} or {@code %{EPOCH}}
 * (which prints {@code (none)}). The source package and its version come from the source RPM's file name; the
 * source RPM carries the epoch of its binaries.
 */
public final class RpmListReader {

    private static final Pattern EVR = Pattern.compile("(?:(\\d{1,9}|\\(none\\)):)?([^:]+)");
    private static final String NONE = "(none)";

    private RpmListReader() {
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
            if (fields.length < 2 || fields.length > 4) {
                throw new BadInputException(lines.where(), "expected 2 to 4 tab-separated columns (name, "
                        + "epoch:version-release, source RPM, arch), as rpm -qa --qf '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-"
                        + "%{RELEASE}\\t%{SOURCERPM}\\t%{ARCH}\\n' writes them; found " + fields.length);
            }
            packages.add(pkg(fields, lines.number()), lines.where(), PackageList.atLine(lines.number()));
        }
        return packages.packages();
    }

    private static PackageInput pkg(String[] fields, int line) {
        Matcher evr = EVR.matcher(fields[1].strip());
        if (!evr.matches()) {
            throw new BadInputException("line " + line + ": version", "'" + fields[1] + "' is not an rpm version "
                    + "of the form epoch:version-release");
        }
        String epoch = evr.group(1) == null || evr.group(1).equals(NONE) || Integer.parseInt(evr.group(1)) == 0
                ? "" : Integer.parseInt(evr.group(1)) + ":";
        String version = epoch + evr.group(2);
        String source = null;
        String sourceVersion = null;
        String sourceRpm = column(fields, 2);
        if (sourceRpm != null) {
            SourceRpmName parsed = SourceRpmName.parse(sourceRpm);
            if (parsed == null) {
                throw new BadInputException("line " + line + ": source", "'" + sourceRpm + "' is not a source RPM "
                        + "file name (name-version-release.src.rpm)");
            }
            source = parsed.name();
            sourceVersion = epoch + parsed.versionRelease();
        }
        return new PackageInput(fields[0], version, source, sourceVersion, column(fields, 3), null, null);
    }

    /** An empty column or rpm's "(none)" (the source RPM of gpg-pubkey, its architecture) is no value. */
    private static String column(String[] fields, int index) {
        if (index >= fields.length) {
            return null;
        }
        String value = fields[index].strip();
        return value.isEmpty() || value.equals(NONE) ? null : value;
    }
}
