package io.patchflow.inventory;

import io.patchflow.inventory.imports.HostInputValidator;
import io.patchflow.inventory.imports.formats.CsvInventoryReader;
import io.patchflow.inventory.imports.formats.CycloneDxReader;
import io.patchflow.inventory.imports.formats.DpkgListReader;
import io.patchflow.inventory.imports.formats.JsonInventoryReader;
import io.patchflow.inventory.imports.formats.PackageFactsReader;
import io.patchflow.inventory.imports.formats.RpmListReader;
import io.patchflow.shared.BadInputException;
import io.patchflow.shared.LimitedInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads every inventory format into hosts, without Spring or a database: the API and the offline CLI share it.
 * Input is streamed and bounded by {@link InventoryLimits}. Each package of a file format is checked as it is read
 * with the rules of {@link InventoryImport}, so a mistake raises {@link BadInputException} naming its line
 * ({@code line 12: version}) or element ({@code components[3].purl}); the host attributes of a single-host format
 * are checked first, naming the parameter ({@code os}), and those of a CSV host name the line that gave them. Hosts
 * of the JSON format are returned as read: {@link InventoryImport} applies the rules to them, naming JSON paths.
 * Broken JSON or XML raises {@link InventoryUnreadableException}, an exceeded limit
 * {@link InventoryTooLargeException}.
 */
public final class InventoryFormats {

    private InventoryFormats() {
    }

    /** All hosts of {@code in}; {@code host} holds the attributes of a single-host format's host. */
    public static List<HostInput> parse(InventoryFormat format, InputStream in, HostAttributes host,
            InventoryLimits limits) {
        List<HostInput> hosts = new ArrayList<>();
        read(format, in, host, limits, hosts::add);
        return hosts;
    }

    /**
     * Hands the hosts of {@code in} to {@code hosts} one by one as they are complete (JSON: as each is read; CSV,
     * whose rows of a host may be anywhere: at the end). Does not close {@code in}.
     */
    public static void read(InventoryFormat format, InputStream in, HostAttributes host, InventoryLimits limits,
            Consumer<HostInput> hosts) {
        HostAttributes given = host == null ? HostAttributes.NONE : host;
        InputStream limited = new LimitedInputStream(in, limits.maxBytes(), max -> new InventoryTooLargeException(null,
                "The inventory is larger than " + max + " bytes (patchflow.inventory.max-body-size); split it into "
                + "several uploads."));
        switch (format) {
            case JSON -> JsonInventoryReader.read(limited, limits, hosts);
            case CSV -> CsvInventoryReader.read(limited, given, limits, hosts);
            default -> hosts.accept(given.withPackages(packages(format, limited, checkedOs(format, given), limits)));
        }
    }

    private static List<PackageInput> packages(InventoryFormat format, InputStream in, String os,
            InventoryLimits limits) {
        return switch (format) {
            case DPKG -> DpkgListReader.read(in, os, limits);
            case RPM -> RpmListReader.read(in, os, limits);
            case CYCLONEDX -> CycloneDxReader.read(in, os, limits);
            case PACKAGE_FACTS -> PackageFactsReader.read(in, os, limits);
            case JSON, CSV -> throw new IllegalArgumentException(format + " lists several hosts");
        };
    }

    /** Checks the attributes of a single-host format's host, naming the parameter, before its file is read. */
    private static String checkedOs(InventoryFormat format, HostAttributes host) {
        requireParameter(host.name(), "host", format, "the name of the host the file describes");
        requireParameter(host.os(), "os", format, "an OSV ecosystem with release, such as Debian:12 or Red Hat:9");
        requireParameter(host.environment(), "environment", format, "such as production");
        requireParameter(host.criticality(), "criticality", format, "low, medium, high or critical");
        return HostInputValidator.attributes(host.withPackages(List.of()),
                attribute -> attribute.equals("name") ? "host" : attribute).os();
    }

    private static void requireParameter(String value, String parameter, InventoryFormat format, String expected) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(parameter, "the parameter " + parameter + " is required with format "
                    + format.id() + " (" + expected + ")");
        }
    }
}
