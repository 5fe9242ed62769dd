package io.patchflow.cli.assess;

import java.util.Arrays;

/** {@code long -> int} without boxing: open addressing, linear probing, keys never {@link Long#MIN_VALUE}. */
final class LongIntMap {

    static final int ABSENT = -1;
    private static final long FREE = Long.MIN_VALUE;

    private long[] keys = new long[1 << 14];
    private int[] values = new int[1 << 14];
    private int size;

    LongIntMap() {
        Arrays.fill(keys, FREE);
    }

    int get(long key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        long k;
        while ((k = keys[slot]) != FREE) {
            if (k == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    void put(long key, int value) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == FREE) {
            size++;
        }
        keys[slot] = key;
        values[slot] = value;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[keys.length];
        Arrays.fill(keys, FREE);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
