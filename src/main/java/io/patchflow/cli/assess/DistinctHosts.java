package io.patchflow.cli.assess;

import io.patchflow.shared.BadInputException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Passes an inventory on to the fleet, refusing a host that an earlier file already described: with several
 * inventory files, two descriptions of one host would otherwise both be matched, and one of them is surely stale.
 * (A host named twice within one JSON file is refused by the reader, with its path.)
 */
final class DistinctHosts implements InventorySink {

    private final InventorySink fleet;
    /** Host name number -> the file that described it. */
    private final Map<Integer, Path> seen = new HashMap<>();
    private Path file;

    DistinctHosts(InventorySink fleet) {
        this.fleet = fleet;
    }

    /** The file whose hosts come next. */
    void reading(Path next) {
        this.file = next;
    }

    @Override
    public int intern(char[] text, int offset, int length) {
        return fleet.intern(text, offset, length);
    }

    @Override
    public String string(int number) {
        return fleet.string(number);
    }

    @Override
    public void host(int name, int os) {
        Path earlier = seen.putIfAbsent(name, file);
        if (earlier != null) {
            throw new BadInputException(file.toString(), "host '" + fleet.string(name) + "' is described twice "
                    + "(also by " + earlier + "); give each host once");
        }
        fleet.host(name, os);
    }

    @Override
    public void pkg(int ecosystem, int name, int version, int source, int sourceVersion) {
        fleet.pkg(ecosystem, name, version, source, sourceVersion);
    }
}
