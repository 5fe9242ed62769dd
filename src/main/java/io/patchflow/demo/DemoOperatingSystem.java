package io.patchflow.demo;

/** The operating systems of the demo fleet, with the folder name of their package lists under demo/packages/. */
enum DemoOperatingSystem {

    DEBIAN_12("Debian:12", "debian-12"),
    UBUNTU_22_04("Ubuntu:22.04", "ubuntu-22.04"),
    RHEL_9("Red Hat:9", "rhel-9");

    private final String ecosystem;
    private final String packageFolder;

    DemoOperatingSystem(String ecosystem, String packageFolder) {
        this.ecosystem = ecosystem;
        this.packageFolder = packageFolder;
    }

    /** The OSV ecosystem with release that hosts of this system report as their {@code os}. */
    String ecosystem() {
        return ecosystem;
    }

    /** The packages every host of this system has: the base server image. */
    String baseImageResource() {
        return DemoResources.PACKAGES + packageFolder + ".tsv";
    }

    /** The packages hosts of this system run on top of the base image when they serve the given group. */
    String roleResource(String group) {
        return DemoResources.PACKAGES + packageFolder + "/" + group + ".tsv";
    }

    /** Newer versions of some packages, which part of the hosts have already installed. */
    String updatesResource() {
        return DemoResources.PACKAGES + packageFolder + "/updates.tsv";
    }
}
