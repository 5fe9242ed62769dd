package io.patchflow.advisory.version;

import java.util.Map;

/**
 * Which version ordering an OSV ecosystem uses. The key is the ecosystem's name without release ("Debian" for
 * "Debian:12"); ecosystems not listed get rpm's segment comparison, the most forgiving general algorithm.
 */
public final class VersionComparators {

    private static final VersionComparator DPKG = new DpkgVersionComparator();
    private static final VersionComparator RPM = new RpmVersionComparator();
    private static final VersionComparator APK = new AlpineVersionComparator();
    private static final VersionComparator SEMVER = new SemverComparator();
    private static final VersionComparator MAVEN = new MavenVersionComparator();
    private static final VersionComparator PEP440 = new Pep440Comparator();

    private static final Map<String, VersionComparator> BY_ECOSYSTEM = Map.ofEntries(
            Map.entry("Debian", DPKG), Map.entry("Ubuntu", DPKG),
            Map.entry("Red Hat", RPM), Map.entry("Rocky Linux", RPM), Map.entry("AlmaLinux", RPM),
            Map.entry("openSUSE", RPM), Map.entry("SUSE", RPM), Map.entry("Mageia", RPM),
            Map.entry("openEuler", RPM), Map.entry("Photon OS", RPM), Map.entry("Azure Linux", RPM),
            Map.entry("Alpine", APK), Map.entry("Wolfi", APK), Map.entry("Chainguard", APK),
            Map.entry("Alpaquita", APK), Map.entry("MinimOS", APK),
            Map.entry("npm", SEMVER), Map.entry("Go", SEMVER), Map.entry("crates.io", SEMVER),
            Map.entry("NuGet", SEMVER), Map.entry("Hex", SEMVER), Map.entry("Pub", SEMVER),
            Map.entry("Maven", MAVEN), Map.entry("PyPI", PEP440));

    private VersionComparators() {
    }

    /** The ordering of versions in the given ecosystem (with or without release). */
    public static VersionComparator forEcosystem(String ecosystem) {
        return BY_ECOSYSTEM.getOrDefault(Ecosystems.base(ecosystem), RPM);
    }

    /** The ordering OSV ranges of type SEMVER use, whatever the ecosystem. */
    public static VersionComparator semver() {
        return SEMVER;
    }
}
