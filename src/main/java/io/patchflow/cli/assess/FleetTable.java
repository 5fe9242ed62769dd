package io.patchflow.cli.assess;

import io.patchflow.advisory.OfflineAdvisories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole fleet in little memory: every distinct (ecosystem, name, version) the advisories would be asked about is
 * stored once and numbered, and a host is its name plus the numbers of its packages' tuples. Ten million installed
 * packages over a few tens of thousands of tuples cost about 40 MB of ints instead of ten million objects. The tuple
 * of a Debian or Ubuntu package is its source package and source version, which is what their advisories name; a
 * host's binaries of one source collapse into one tuple (and one finding).
 */
final class FleetTable implements InventorySink {

    /** One distinct installed (ecosystem, name, version), as the advisories of its ecosystem name it. */
    record Tuple(String ecosystem, String name, String version) {
    }

    private final Map<Tuple, Integer> ids = new HashMap<>(1 << 16);
    private final List<Tuple> tuples = new ArrayList<>();
    private final Map<String, Boolean> bySource = new HashMap<>();
    private final List<String> hostNames = new ArrayList<>();
    private final List<int[]> hostTuples = new ArrayList<>();
    private int[] current = new int[1024];
    private int currentSize = -1;
    private long packages;

    @Override
    public void host(String name, String os) {
        finishHost();
        hostNames.add(name);
        currentSize = 0;
    }

    @Override
    public void pkg(String ecosystem, String name, String version, String source, String sourceVersion) {
        Tuple tuple = bySource.computeIfAbsent(ecosystem, OfflineAdvisories::namesSourcePackages)
                ? new Tuple(ecosystem, source, sourceVersion) : new Tuple(ecosystem, name, version);
        Integer id = ids.get(tuple);
        if (id == null) {
            id = tuples.size();
            tuples.add(tuple);
            ids.put(tuple, id);
        }
        if (currentSize == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[currentSize++] = id;
        packages++;
    }

    /** Ends the reading: the last host's packages are stored. */
    FleetTable done() {
        finishHost();
        return this;
    }

    private void finishHost() {
        if (currentSize >= 0) {
            hostTuples.add(Arrays.copyOf(current, currentSize));
            currentSize = -1;
        }
    }

    int hosts() {
        return hostNames.size();
    }

    String hostName(int host) {
        return hostNames.get(host);
    }

    int[] tuplesOf(int host) {
        return hostTuples.get(host);
    }

    long packages() {
        return packages;
    }

    List<Tuple> tuples() {
        return tuples;
    }
}
