package io.patchflow.cli.assess;

import java.util.Arrays;

/**
 * De-duplicates the strings of an inventory straight from the parser's character buffer: a package name or version
 * that ten thousand hosts repeat becomes one {@code String}, and the ones already seen cost a hash and a vectorised
 * comparison but no allocation. Each distinct string gets a dense number (0, 1, 2... in order of first sight), so a
 * (name, version) pair is a {@code long}. Open addressing, linear probing; leading and trailing whitespace is not
 * part of a value.
 */
final class StringPool {

    /** The pool answers this for a blank value. */
    static final int BLANK = -1;

    /** Per slot: the hash in the high half, the string's number in the low half; -1 when free. */
    private long[] slots = new long[1 << 14];
    private char[][] chars = new char[1 << 12][];
    private String[] strings = new String[1 << 12];
    private int size;

    StringPool() {
        Arrays.fill(slots, -1);
    }

    /** The number of {@code text[offset, offset + length)} stripped, or {@link #BLANK}. */
    int intern(char[] text, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && Character.isWhitespace(text[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(text[end - 1])) {
            end--;
        }
        if (start == end) {
            return BLANK;
        }
        int hash = hash(text, start, end);
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        long entry;
        while ((entry = slots[slot]) != -1) {
            int number = (int) entry;
            if ((int) (entry >>> 32) == hash && Arrays.equals(chars[number], 0, chars[number].length, text, start, end)) {
                return number;
            }
            slot = (slot + 1) & mask;
        }
        int number = size++;
        if (number == strings.length) {
            strings = Arrays.copyOf(strings, number * 2);
            chars = Arrays.copyOf(chars, number * 2);
        }
        chars[number] = Arrays.copyOfRange(text, start, end);
        strings[number] = new String(chars[number]);
        slots[slot] = ((long) hash << 32) | number;
        if (size * 2 > slots.length) {
            grow();
        }
        return number;
    }

    /** The string with this number (null for {@link #BLANK}). */
    String string(int number) {
        return number == BLANK ? null : strings[number];
    }

    /**
     * The length and at most the first and last eight characters: values of a fleet differ in their beginning (names)
     * or their end (versions, revisions), and the few that differ only in the middle just share a probe chain.
     */
    private static int hash(char[] text, int start, int end) {
        int hash = end - start;
        if (end - start <= 16) {
            for (int i = start; i < end; i++) {
                hash = 31 * hash + text[i];
            }
            return hash;
        }
        for (int i = start; i < start + 8; i++) {
            hash = 31 * hash + text[i];
        }
        for (int i = end - 8; i < end; i++) {
            hash = 31 * hash + text[i];
        }
        return hash;
    }

    private static int mix(int hash) {
        return (hash ^ (hash >>> 16)) * 0x85EBCA6B;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (long entry : old) {
            if (entry != -1) {
                int slot = mix((int) (entry >>> 32)) & mask;
                while (slots[slot] != -1) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = entry;
            }
        }
    }
}
