package io.patchflow.inventory;

import io.patchflow.shared.BadInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The inventory formats Patchflow reads; see {@code docs/inventory-formats.md}. */
public enum InventoryFormat {

    /** {@code {"hosts":[Host...]}}, the contract of {@code POST /api/v1/inventory}. */
    JSON("json", false, List.of("application/json")),
    /** One row per package under a header naming the columns; several hosts. */
    CSV("csv", false, List.of("text/csv")),
    /** {@code dpkg-query -W -f='${Package}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}\n'}. */
    DPKG("dpkg", true, List.of()),
    /** {@code rpm -qa --qf '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{SOURCERPM}\t%{ARCH}\n'}. */
    RPM("rpm", true, List.of()),
    /** A CycloneDX SBOM (JSON or XML): every component with a package URL of a known type. */
    CYCLONEDX("cyclonedx", true, List.of("application/vnd.cyclonedx+json", "application/vnd.cyclonedx+xml")),
    /** The facts of Ansible's {@code package_facts} module. */
    PACKAGE_FACTS("package-facts", true, List.of());

    private final String id;
    private final boolean singleHost;
    private final List<String> mediaTypes;

    InventoryFormat(String id, boolean singleHost, List<String> mediaTypes) {
        this.id = id;
        this.singleHost = singleHost;
        this.mediaTypes = mediaTypes;
    }

    /** The name used in {@code ?format=} and by the CLI. */
    public String id() {
        return id;
    }

    /** Whether the file describes one host, whose attributes then come from {@link HostAttributes}. */
    public boolean singleHost() {
        return singleHost;
    }

    /** The format named {@code name} ({@code package_facts} and {@code ansible} are accepted for package-facts). */
    public static InventoryFormat named(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (wanted.equals("ansible")) {
            return PACKAGE_FACTS;
        }
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new BadInputException("format", "unknown inventory format '" + name
                        + "': use one of " + ids()));
    }

    /**
     * The format a media type stands for when no format is named: JSON, CSV and CycloneDX have their own media types;
     * the text outputs of dpkg, rpm and Ansible do not, so they must be named.
     */
    public static Optional<InventoryFormat> forMediaType(String mediaType) {
        String type = mediaType == null ? "" : mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.mediaTypes.contains(type)).findFirst();
    }

    /** The format names, for messages: "json, csv, dpkg, ...". */
    public static String ids() {
        return Arrays.stream(values()).map(InventoryFormat::id).collect(Collectors.joining(", "));
    }
}
