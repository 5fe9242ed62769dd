package io.patchflow.demo;

/**
 * One installed package of a demo host, as {@code dpkg-query} or {@code rpm -qa} would report it. {@code source} is
 * the Debian source package or the source RPM name, {@code sourceVersion} its version (with epoch where it has one).
 */
public record DemoPackage(String name, String version, String source, String sourceVersion, String arch) {

    /** The same package moved to another version, as an update or a patch leaves it. */
    public DemoPackage withVersion(String newVersion, String newSourceVersion) {
        return new DemoPackage(name, newVersion, source, newSourceVersion, arch);
    }
}
