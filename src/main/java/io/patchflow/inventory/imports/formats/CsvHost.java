package io.patchflow.inventory.imports.formats;

import io.patchflow.inventory.HostAttributes;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.imports.HostInputValidator;
import io.patchflow.shared.BadInputException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One host of an inventory CSV, gathered from all its rows. A host attribute may be given on any of them (or by a
 * default), but where two rows give it they must agree: a host has one os and one criticality.
 */
final class CsvHost {

    private final String name;
    private final int firstLine;
    private final Map<CsvColumn, String> values = new EnumMap<>(CsvColumn.class);
    private final Map<CsvColumn, Integer> lines = new EnumMap<>(CsvColumn.class);
    private final PackageList packages;

    CsvHost(String name, int firstLine, int maxPackages) {
        this.name = name;
        this.firstLine = firstLine;
        this.packages = new PackageList(null, maxPackages);
        lines.put(CsvColumn.HOST, firstLine);
    }

    /** Takes the host attributes a row gives, refusing one that contradicts an earlier row. */
    void attributes(Map<CsvColumn, String> row, int line) {
        for (CsvColumn column : CsvColumn.values()) {
            String value = row.get(column);
            if (!column.hostAttribute || column == CsvColumn.HOST || value == null) {
                continue;
            }
            String normalized = normalize(column, value, line);
            String earlier = values.putIfAbsent(column, normalized);
            if (earlier == null) {
                lines.put(column, line);
            } else if (!earlier.equals(normalized)) {
                throw new BadInputException("line " + line + ": " + column.header, "host '" + name + "' has "
                        + column.header + " '" + earlier + "' on line " + lines.get(column) + " and '" + value
                        + "' here; a host's attributes must agree on all its rows");
            }
        }
    }

    PackageList packages() {
        return packages;
    }

    /** The host, its attributes checked and named by the line that gave them (or the parameter that did). */
    HostInput toInput(HostAttributes defaults) {
        String groups = values.get(CsvColumn.GROUPS);
        String internetFacing = values.get(CsvColumn.INTERNET_FACING);
        HostInput input = new HostInput(name, or(CsvColumn.OS, defaults.os()),
                or(CsvColumn.ENVIRONMENT, defaults.environment()),
                groups != null ? split(groups) : defaults.groups(), or(CsvColumn.CRITICALITY, defaults.criticality()),
                internetFacing != null ? Boolean.valueOf(internetFacing) : defaults.internetFacing(),
                packages.packages());
        HostInputValidator.attributes(input, attribute -> field(attribute, defaults));
        return input;
    }

    private String field(String attribute, HostAttributes defaults) {
        CsvColumn column = attribute.equals("name") ? CsvColumn.HOST : CsvColumn.named(attribute).orElseThrow();
        Integer line = lines.get(column);
        if (line != null) {
            return "line " + line + ": " + column.header;
        }
        boolean byDefault = switch (column) {
            case OS -> defaults.os() != null;
            case ENVIRONMENT -> defaults.environment() != null;
            case CRITICALITY -> defaults.criticality() != null;
            case GROUPS -> defaults.groups() != null;
            default -> false;
        };
        return byDefault ? column.header : "line " + firstLine + ": " + column.header;
    }

    private String or(CsvColumn column, String fallback) {
        return values.getOrDefault(column, fallback);
    }

    private static String normalize(CsvColumn column, String value, int line) {
        return switch (column) {
            case GROUPS -> String.join(",", split(value).stream().sorted().distinct().toList());
            case INTERNET_FACING -> bool(value, line);
            case CRITICALITY -> value.strip().toLowerCase(java.util.Locale.ROOT);
            default -> value.strip();
        };
    }

    /** Groups in one cell, separated by commas or semicolons: {@code "web;dmz"}. */
    static List<String> split(String groups) {
        return Arrays.stream(groups.split("[,;]")).map(String::strip).filter(g -> !g.isEmpty()).toList();
    }

    private static String bool(String value, int line) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> "true";
            case "false", "no", "0" -> "false";
            default -> throw new BadInputException("line " + line + ": internetFacing", "'" + value
                    + "' is not true or false");
        };
    }
}
