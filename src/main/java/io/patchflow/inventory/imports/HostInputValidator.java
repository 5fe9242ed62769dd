package io.patchflow.inventory.imports;

import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.HostView;
import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.PackageInput;
import io.patchflow.shared.BadInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Checks an inventory before anything is written and applies the defaults of the contract. The first problem found
 * is reported with its JSON path ({@code hosts[3].packages[0].version}), so the sender can fix exactly that. The
 * file formats check each host and package with the same rules as they read them, naming the line or element.
 */
public final class HostInputValidator {

    private static final Set<String> CRITICALITIES = Set.of("low", "medium", "high", "critical");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");
    /** An OSV ecosystem with release, e.g. "Debian:12", "Ubuntu:22.04", "Red Hat:9", "Alpine:v3.18". */
    private static final Pattern OS = Pattern.compile("[A-Za-z][A-Za-z0-9 .-]*:[A-Za-z0-9][A-Za-z0-9._:+-]*");
    /** An OSV ecosystem, release optional: "Maven", "npm", "Debian:12". */
    private static final Pattern ECOSYSTEM = Pattern.compile("[A-Za-z][A-Za-z0-9 .-]*(:[A-Za-z0-9][A-Za-z0-9._:+-]*)?");
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");
    private static final Pattern PURL = Pattern.compile("pkg:\\S+");

    private HostInputValidator() {
    }

    static List<ValidHost> validate(List<HostInput> hosts) {
        if (hosts == null) {
            throw new BadInputException("hosts", "hosts is required: a list of hosts, each with its packages");
        }
        List<ValidHost> valid = new ArrayList<>(hosts.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            String path = "hosts[" + i + "]";
            ValidHost host = host(hosts.get(i), path);
            Integer earlier = seen.putIfAbsent(host.view().name(), i);
            if (earlier != null) {
                throw new BadInputException(path + ".name", "host '" + host.view().name()
                        + "' appears twice (also at hosts[" + earlier + "])");
            }
            valid.add(host);
        }
        return valid;
    }

    private static ValidHost host(HostInput input, String path) {
        if (input == null) {
            throw new BadInputException(path, "a host must be an object");
        }
        HostView view = attributes(input, attribute -> path + "." + attribute);
        if (input.packages() == null) {
            throw new BadInputException(path + ".packages", "packages is required: the host's complete package "
                    + "list (an empty list removes all packages)");
        }
        Set<InstalledPackage> packages = new LinkedHashSet<>();
        for (int j = 0; j < input.packages().size(); j++) {
            String packagePath = path + ".packages[" + j + "]";
            if (input.packages().get(j) == null) {
                throw new BadInputException(packagePath, "a package must be an object");
            }
            packages.add(pkg(input.packages().get(j), view.os(), attribute -> packagePath + "." + attribute));
        }
        return new ValidHost(view, List.copyOf(packages));
    }

    /**
     * Checks a host's own attributes (not its packages) and applies their defaults. {@code field} turns an
     * attribute name ({@code name}, {@code os}, ...) into what the error names: a JSON path, a query parameter or a
     * line of a file.
     */
    public static HostView attributes(HostInput input, UnaryOperator<String> field) {
        String name = required(input.name(), "name", field, HOST_NAME,
                "letters, digits, '.', '_' and '-', at most 255 characters");
        String os = required(input.os(), "os", field, OS,
                "an OSV ecosystem with release, such as Debian:12, Ubuntu:22.04 or Red Hat:9");
        checkLength(os, 100, "os", field);
        String environment = required(input.environment(), "environment", field, LABEL,
                "a name of letters, digits, ' ', '.', '_' and '-', at most 100 characters");
        String criticality = criticality(input.criticality(), field.apply("criticality"));
        List<String> groups = groups(input.groups(), field);
        boolean internetFacing = Boolean.TRUE.equals(input.internetFacing());
        return new HostView(name, os, environment, groups, criticality, internetFacing);
    }

    /**
     * Checks one package and applies the defaults of the contract: the host's {@code os} as ecosystem, the package
     * itself as its source. {@code field} names an attribute of the package as the error should show it.
     */
    public static InstalledPackage pkg(PackageInput input, String hostOs, UnaryOperator<String> field) {
        String name = required(input.name(), "name", field, NO_SPACE, "a package name without spaces");
        String version = required(input.version(), "version", field, NO_SPACE, "a version without spaces");
        String source = optional(input.source(), "source", field, NO_SPACE, "a package name without spaces");
        String sourceVersion = optional(input.sourceVersion(), "sourceVersion", field, NO_SPACE,
                "a version without spaces");
        String arch = optional(input.arch(), "arch", field, NO_SPACE, "an architecture such as amd64");
        String ecosystem = optional(input.ecosystem(), "ecosystem", field, ECOSYSTEM,
                "an OSV ecosystem such as Maven, npm, PyPI or Debian:12");
        String purl = optional(input.purl(), "purl", field, PURL, "a package URL starting with pkg:");
        checkLength(name, 255, "name", field);
        checkLength(version, 255, "version", field);
        checkLength(source, 255, "source", field);
        checkLength(sourceVersion, 255, "sourceVersion", field);
        checkLength(arch, 50, "arch", field);
        checkLength(ecosystem, 100, "ecosystem", field);
        checkLength(purl, 1000, "purl", field);
        return new InstalledPackage(name, version, source == null ? name : source,
                sourceVersion == null ? version : sourceVersion, arch, ecosystem == null ? hostOs : ecosystem, purl);
    }

    private static String criticality(String value, String path) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(path, "criticality is required: low, medium, high or critical");
        }
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        if (!CRITICALITIES.contains(normalized)) {
            throw new BadInputException(path, "criticality '" + value + "' is not one of low, medium, high, critical");
        }
        return normalized;
    }

    private static List<String> groups(List<String> groups, UnaryOperator<String> field) {
        if (groups == null) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            int index = i;
            unique.add(required(groups.get(i), "groups", attribute -> field.apply(attribute) + "[" + index + "]",
                    LABEL, "a group name of letters, digits, ' ', '.', '_' and '-', at most 100 characters"));
        }
        return unique.stream().sorted().toList();
    }

    private static String required(String value, String attribute, UnaryOperator<String> field, Pattern pattern,
            String expected) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(field.apply(attribute), attribute + " is required: " + expected);
        }
        return optional(value, attribute, field, pattern, expected);
    }

    private static String optional(String value, String attribute, UnaryOperator<String> field, Pattern pattern,
            String expected) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (!pattern.matcher(stripped).matches()) {
            throw new BadInputException(field.apply(attribute), "'" + value + "' is not a valid " + attribute
                    + ": expected " + expected);
        }
        return stripped;
    }

    private static void checkLength(String value, int max, String attribute, UnaryOperator<String> field) {
        if (value != null && value.length() > max) {
            throw new BadInputException(field.apply(attribute), attribute + " is longer than " + max + " characters");
        }
    }
}
