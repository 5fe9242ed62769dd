package io.patchflow.inventory.imports.formats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The columns an inventory CSV may have, named as the JSON inventory names the same fields. */
enum CsvColumn {
    HOST("host", true), OS("os", true), ENVIRONMENT("environment", true), GROUPS("groups", true),
    CRITICALITY("criticality", true), INTERNET_FACING("internetFacing", true),
    NAME("name", false), VERSION("version", false), SOURCE("source", false), SOURCE_VERSION("sourceVersion", false),
    ARCH("arch", false), ECOSYSTEM("ecosystem", false), PURL("purl", false);

    final String header;
    /** Whether the column describes the host rather than the package. */
    final boolean hostAttribute;

    CsvColumn(String header, boolean hostAttribute) {
        this.header = header;
        this.hostAttribute = hostAttribute;
    }

    /** The column a header cell names, ignoring case and surrounding blanks. */
    static Optional<CsvColumn> named(String header) {
        String wanted = header.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.header.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    static String all() {
        return Arrays.stream(values()).map(c -> c.header).collect(Collectors.joining(","));
    }
}
