package io.patchflow.deployment.ansible;

import io.patchflow.deployment.PackageTarget;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The package manager of a host, known from the ecosystem of its {@code os} in Patchflow's inventory, and how it
 * names an exact version: apt {@code name=version}, dnf {@code name-[epoch:]version-release}.
 */
enum PackageManager {
    APT("debian"), DNF("redhat");

    /** Debian policy and rpm both allow these; anything else (spaces, quotes, Jinja braces) is refused. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+.-]{0,199}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+~:_-]{0,199}");

    private final String family;

    PackageManager(String family) {
        this.family = family;
    }

    /** The value of the {@code patchflow_family} host variable the playbooks branch on. */
    String family() {
        return family;
    }

    static Optional<PackageManager> forOs(String os) {
        String name = os == null ? "" : os.split(":", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "debian", "ubuntu" -> Optional.of(APT);
            case "red hat", "redhat", "rocky linux", "almalinux", "centos", "oracle linux", "fedora" ->
                    Optional.of(DNF);
            default -> Optional.empty();
        };
    }

    /**
     * The package with its exact version as the package manager's install command takes it. Refuses names and
     * versions that are not package names and versions: they end up in a generated inventory that Ansible templates.
     */
    String spec(PackageTarget target) {
        if (target.name() == null || !NAME.matcher(target.name()).matches()) {
            throw new IllegalArgumentException("'" + target.name() + "' is not a package name");
        }
        if (target.version() == null || !VERSION.matcher(target.version()).matches()) {
            throw new IllegalArgumentException("'" + target.version() + "' is not a version of " + target.name());
        }
        return switch (this) {
            case APT -> target.name() + "=" + target.version();
            // rpm versions are stored as rpm -q prints them (epoch:version-release); dnf leaves out epoch 0.
            case DNF -> target.name() + "-" + (target.version().startsWith("0:") ? target.version().substring(2)
                    : target.version());
        };
    }
}
