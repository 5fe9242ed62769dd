package io.patchflow.cli.assess;

/**
 * Receives an inventory as a reader streams it: a host, then its packages, then the next host. Strings travel as
 * numbers the sink hands out ({@link #intern}), so the millions of repeated names and versions of a fleet are stored
 * once and never allocated again. Defaults of the inventory contract are already applied: a package's ecosystem is
 * the host's {@code os} when it has none, its source name and version are its own when it has none.
 */
public interface InventorySink {

    /** The number of a string given as characters (stripped); {@link StringPool#BLANK} when blank. */
    int intern(char[] text, int offset, int length);

    /** The number of a string; {@link StringPool#BLANK} when null or blank. */
    default int intern(String text) {
        return text == null ? StringPool.BLANK : intern(text.toCharArray(), 0, text.length());
    }

    /** The string with this number, for messages. */
    String string(int number);

    void host(int name, int os);

    void pkg(int ecosystem, int name, int version, int source, int sourceVersion);
}
