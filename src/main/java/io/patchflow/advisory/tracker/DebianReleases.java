package io.patchflow.advisory.tracker;

import java.util.Map;
import java.util.Optional;

/**
 * The tracker names releases by codename; hosts and OSV name them by number ("Debian:12"). sid has no number:
 * its entries go to {@code Debian:unstable}, the ecosystem a host running unstable reports. A codename missing here
 * (a release Debian branched after this list was written) is skipped and counted, never guessed.
 */
final class DebianReleases {

    private static final Map<String, String> ECOSYSTEMS = Map.of(
            "jessie", "Debian:8",
            "stretch", "Debian:9",
            "buster", "Debian:10",
            "bullseye", "Debian:11",
            "bookworm", "Debian:12",
            "trixie", "Debian:13",
            "forky", "Debian:14",
            "duke", "Debian:15",
            "sid", "Debian:unstable");

    private DebianReleases() {
    }

    static Optional<String> ecosystem(String codename) {
        return Optional.ofNullable(ECOSYSTEMS.get(codename));
    }

    /** Sort key, so that an advisory's affected entries come in release order whatever order the file had. */
    static int order(String ecosystem) {
        String release = ecosystem.substring(ecosystem.indexOf(':') + 1);
        return release.chars().allMatch(Character::isDigit) ? Integer.parseInt(release) : Integer.MAX_VALUE;
    }
}
