package io.patchflow.audit.export;

import io.patchflow.shared.BadInputException;
import java.util.Arrays;
import java.util.Locale;

/** The file formats of an evidence pack. */
enum PackFormat {
    JSON("application/json", "json"),
    CSV("text/csv", "csv"),
    PDF("application/pdf", "pdf");

    private final String mediaType;
    private final String extension;

    PackFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    static PackFormat of(String name) {
        return Arrays.stream(values()).filter(f -> f.extension.equals(name == null ? "" : name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new BadInputException("format", "format must be json, csv or pdf"));
    }
}
