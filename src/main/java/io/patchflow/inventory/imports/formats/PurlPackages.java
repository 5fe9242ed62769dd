package io.patchflow.inventory.imports.formats;

import io.patchflow.inventory.PackageInput;
import java.util.Map;

/**
 * Turns a package URL into a package under OSV's naming: Maven {@code group:artifact}, npm {@code @scope/name}, Go
 * the module path (versions without the {@code v}), Packagist {@code vendor/name}. Operating system packages
 * ({@code deb}, {@code rpm}, {@code apk}) are the host's own, so they take the host's {@code os} as ecosystem, with the
 * source package from the {@code upstream} qualifier and the epoch from {@code epoch} where the version lacks it.
 */
final class PurlPackages {

    private static final Map<String, String> LANGUAGE_ECOSYSTEMS = Map.of("maven", "Maven", "npm", "npm",
            "pypi", "PyPI", "golang", "Go", "cargo", "crates.io", "gem", "RubyGems", "nuget", "NuGet",
            "composer", "Packagist", "hex", "Hex", "pub", "Pub");

    private PurlPackages() {
    }

    /** The package {@code purl} stands for, or null when its type is not one Patchflow matches advisories for. */
    static PackageInput toPackage(PackageUrl purl, String text, String fallbackVersion) {
        String version = purl.version() != null ? purl.version() : fallbackVersion;
        if (version == null || version.isBlank()) {
            return null;
        }
        String ecosystem = LANGUAGE_ECOSYSTEMS.get(purl.type());
        if (ecosystem != null) {
            return new PackageInput(languageName(purl), languageVersion(purl, version), null, null, null, ecosystem,
                    text);
        }
        String full = withEpoch(purl, version);
        return switch (purl.type()) {
            case "deb", "apk" -> osPackage(purl, full, text, upstream(purl, full));
            case "rpm" -> osPackage(purl, full, text, rpmUpstream(purl, full));
            default -> null;
        };
    }

    private static String languageName(PackageUrl purl) {
        if (purl.namespace() == null) {
            return purl.name();
        }
        return switch (purl.type()) {
            case "maven" -> purl.namespace() + ":" + purl.name();
            default -> purl.namespace() + "/" + purl.name();
        };
    }

    private static String languageVersion(PackageUrl purl, String version) {
        boolean goTag = purl.type().equals("golang") && version.length() > 1 && version.charAt(0) == 'v'
                && Character.isDigit(version.charAt(1));
        return goTag ? version.substring(1) : version;
    }

    private static PackageInput osPackage(PackageUrl purl, String version, String text, String[] upstream) {
        return new PackageInput(purl.name(), version, upstream[0], upstream[1], purl.qualifiers().get("arch"), null,
                text);
    }

    private static String withEpoch(PackageUrl purl, String version) {
        String epoch = purl.qualifiers().get("epoch");
        boolean hasEpoch = epoch != null && !epoch.isBlank() && !epoch.equals("0") && version.indexOf(':') < 0;
        return hasEpoch ? epoch + ":" + version : version;
    }

    /** {@code upstream=openssl} or {@code upstream=glibc@2.36-9}: the source package, with its version if different. */
    private static String[] upstream(PackageUrl purl, String version) {
        String upstream = purl.qualifiers().get("upstream");
        if (upstream == null || upstream.isBlank()) {
            return new String[] {null, null};
        }
        int at = upstream.indexOf('@');
        return at < 0 ? new String[] {upstream, version}
                : new String[] {upstream.substring(0, at), upstream.substring(at + 1)};
    }

    /** rpm SBOMs name the source RPM file ({@code upstream=openssl-3.0.7-27.el9.src.rpm}). */
    private static String[] rpmUpstream(PackageUrl purl, String version) {
        String upstream = purl.qualifiers().get("upstream");
        SourceRpmName srpm = upstream == null ? null : SourceRpmName.parse(upstream);
        if (srpm == null) {
            return upstream(purl, version);
        }
        int colon = version.indexOf(':');
        return new String[] {srpm.name(), (colon > 0 ? version.substring(0, colon + 1) : "") + srpm.versionRelease()};
    }
}
