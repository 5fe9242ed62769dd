package io.patchflow.cli.assess;

import io.patchflow.advisory.OfflineAdvisories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole fleet in little memory: every distinct (ecosystem, name, version) is stored once and numbered, and a host
 * is its name plus the numbers of its packages' tuples. Ten million installed packages over a few tens of thousands
 * of tuples cost about 40 MB of ints instead of ten million objects; strings are pooled as they are parsed. The tuple
 * of a Debian or Ubuntu package is its source package and source version, which is what their advisories name; a
 * host's binaries of one source collapse into one tuple (and one finding).
 */
final class FleetTable implements InventorySink {

    /** One distinct installed (ecosystem, name, version), as the advisories of its ecosystem name it. */
    record Tuple(String ecosystem, String name, String version) {
    }

    private final StringPool pool = new StringPool();
    /** Per ecosystem (number): (name number, version number) -> tuple number. */
    private final Map<Integer, LongIntMap> tupleIds = new HashMap<>();
    private final Map<Integer, Boolean> bySource = new HashMap<>();
    private int lastEcosystem = StringPool.BLANK;
    private LongIntMap lastIds;
    private boolean lastBySource;
    private final List<Tuple> tuples = new ArrayList<>();
    private final List<String> hostNames = new ArrayList<>();
    private final List<int[]> hostTuples = new ArrayList<>();
    private int[] current = new int[1024];
    private int currentSize = -1;
    private long packages;

    @Override
    public int intern(char[] text, int offset, int length) {
        return pool.intern(text, offset, length);
    }

    @Override
    public String string(int number) {
        return pool.string(number);
    }

    @Override
    public void host(int name, int os) {
        finishHost();
        hostNames.add(pool.string(name));
        currentSize = 0;
    }

    @Override
    public void pkg(int ecosystem, int name, int version, int source, int sourceVersion) {
        if (ecosystem != lastEcosystem) {
            lastEcosystem = ecosystem;
            lastIds = tupleIds.computeIfAbsent(ecosystem, e -> new LongIntMap());
            lastBySource = bySource.computeIfAbsent(ecosystem,
                    e -> OfflineAdvisories.namesSourcePackages(pool.string(e)));
        }
        int matchName = lastBySource ? source : name;
        int matchVersion = lastBySource ? sourceVersion : version;
        long key = ((long) matchName << 32) | (matchVersion & 0xFFFFFFFFL);
        int id = lastIds.get(key);
        if (id == LongIntMap.ABSENT) {
            id = tuples.size();
            tuples.add(new Tuple(pool.string(ecosystem), pool.string(matchName), pool.string(matchVersion)));
            lastIds.put(key, id);
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
