package io.patchflow.advisory.version;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How OSV ecosystem names and package names line up with what hosts report. An advisory for "Debian:12" applies to
 * packages of "Debian:12"; an advisory for "Debian" applies to every Debian release. Feed spellings that carry more
 * than the release are reduced to it: "Ubuntu:22.04:LTS" and "Ubuntu:Pro:22.04:LTS" to "Ubuntu:22.04",
 * "Red Hat:enterprise_linux:9::appstream" to "Red Hat:9", "Alpine:3.18" to "Alpine:v3.18".
 */
public final class Ecosystems {

    private static final Set<String> SOURCE_PACKAGE_ECOSYSTEMS = Set.of("Debian", "Ubuntu");
    private static final Pattern RED_HAT_RELEASE = Pattern.compile("(?:enterprise_linux|rhel)[^:]*:(\\d+)");
    private static final Pattern PYPI_SEPARATORS = Pattern.compile("[-_.]+");

    private Ecosystems() {
    }

    /** The ecosystem without release: "Debian" for "Debian:12". */
    public static String base(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }

    /** The ecosystem reduced to name and release, the form hosts report. */
    public static String normalize(String ecosystem) {
        String base = base(ecosystem);
        if (base.equals(ecosystem)) {
            return ecosystem;
        }
        String release = ecosystem.substring(base.length() + 1);
        switch (base) {
            case "Ubuntu" -> {
                release = release.replaceFirst("^Pro:", "").replaceFirst("^FIPS[^:]*:", "")
                        .replaceFirst(":LTS$", "");
            }
            case "Red Hat" -> {
                Matcher m = RED_HAT_RELEASE.matcher(release);
                if (m.find()) {
                    release = m.group(1);
                }
            }
            case "Alpine" -> {
                if (!release.startsWith("v")) {
                    release = "v" + release;
                }
            }
            default -> {
                // other ecosystems already use the plain release
            }
        }
        return release.isEmpty() ? base : base + ":" + release;
    }

    /** Whether an advisory for {@code advisoryEcosystem} concerns packages of {@code packageEcosystem}. */
    public static boolean applies(String advisoryEcosystem, String packageEcosystem) {
        String advisory = normalize(advisoryEcosystem);
        String installed = normalize(packageEcosystem);
        if (advisory.equals(installed)) {
            return true;
        }
        return advisory.equals(base(advisory)) && advisory.equals(base(installed));
    }

    /** Debian and Ubuntu advisories name the source package; other ecosystems name what is installed. */
    public static boolean namesSourcePackages(String ecosystem) {
        return SOURCE_PACKAGE_ECOSYSTEMS.contains(base(ecosystem));
    }

    /** The package name in the form the ecosystem treats as equal: PyPI names per PEP 503, others as they are. */
    public static String normalizeName(String ecosystem, String name) {
        if ("PyPI".equals(base(ecosystem))) {
            return PYPI_SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
        }
        return name;
    }
}
