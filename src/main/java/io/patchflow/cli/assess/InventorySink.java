package io.patchflow.cli.assess;

/**
 * Receives an inventory as a reader streams it: a host, then its packages, then the next host. Defaults of the
 * inventory contract are already applied: a package's ecosystem is the host's {@code os} when it has none, its
 * source name and version are its own when it has none.
 */
public interface InventorySink {

    void host(String name, String os);

    void pkg(String ecosystem, String name, String version, String source, String sourceVersion);
}
