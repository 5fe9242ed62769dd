package io.patchflow.inventory.imports.formats;

/**
 * The source package named by a source RPM's file name, {@code name-version-release.src.rpm}: the name may hold
 * dashes, version and release may not, so both are taken from the right.
 */
record SourceRpmName(String name, String versionRelease) {

    /** The parts of {@code fileName}, or null when it is not a source RPM file name. */
    static SourceRpmName parse(String fileName) {
        String base;
        if (fileName.endsWith(".src.rpm")) {
            base = fileName.substring(0, fileName.length() - ".src.rpm".length());
        } else if (fileName.endsWith(".nosrc.rpm")) {
            base = fileName.substring(0, fileName.length() - ".nosrc.rpm".length());
        } else {
            return null;
        }
        int releaseDash = base.lastIndexOf('-');
        int versionDash = releaseDash <= 0 ? -1 : base.lastIndexOf('-', releaseDash - 1);
        if (versionDash <= 0 || releaseDash == base.length() - 1 || versionDash + 1 == releaseDash) {
            return null;
        }
        return new SourceRpmName(base.substring(0, versionDash), base.substring(versionDash + 1));
    }
}
