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

    private int[] slots = new int[1 << 14];
    private int[] slotHashes = new int[1 << 14];
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
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text[i];
        }
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        int number;
        while ((number = slots[slot]) >= 0) {
            if (slotHashes[slot] == hash && Arrays.equals(chars[number], 0, chars[number].length, text, start, end)) {
                return number;
            }
            slot = (slot + 1) & mask;
        }
        number = size++;
        if (number == strings.length) {
            strings = Arrays.copyOf(strings, number * 2);
            chars = Arrays.copyOf(chars, number * 2);
        }
        chars[number] = Arrays.copyOfRange(text, start, end);
        strings[number] = new String(chars[number]);
        slots[slot] = number;
        slotHashes[slot] = hash;
        if (size * 2 > slots.length) {
            grow();
        }
        return number;
    }

    /** The string with this number (null for {@link #BLANK}). */
    String string(int number) {
        return number == BLANK ? null : strings[number];
    }

    private static int mix(int hash) {
        return (hash ^ (hash >>> 16)) * 0x85EBCA6B;
    }

    private void grow() {
        int[] oldSlots = slots;
        int[] oldHashes = slotHashes;
        slots = new int[oldSlots.length * 2];
        slotHashes = new int[slots.length];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] >= 0) {
                int slot = mix(oldHashes[i]) & mask;
                while (slots[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = oldSlots[i];
                slotHashes[slot] = oldHashes[i];
            }
        }
    }
}
