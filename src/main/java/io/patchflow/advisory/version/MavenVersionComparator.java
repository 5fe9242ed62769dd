package io.patchflow.advisory.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maven's version ordering, with the semantics of {@code org.apache.maven.artifact.versioning.ComparableVersion}
 * (maven-artifact 3.9.x), which the differential test checks on random and real-looking versions.
 *
 * <p>A version is lower-cased and split into items: numbers, qualifiers and sub-lists. '.' separates items of one
 * list; '-' and every change between letters and digits open a nested list ("1-1" is [1, [1]]). Trailing "null"
 * items (0, release qualifiers, empty lists) are dropped, so "1.0" = "1" = "1-ga". Qualifiers order as
 * {@code alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp}, unknown qualifiers after
 * those, alphabetically; "a1", "b1", "m1" mean alpha-1, beta-1, milestone-1. A number outranks a list, which
 * outranks a qualifier ("1.1" > "1-1" > "1-sp").
 */
final class MavenVersionComparator implements VersionComparator {

    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final int RELEASE = QUALIFIERS.indexOf("");

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public int compare(String left, String right) {
        return compareLists(parse(left), parse(right));
    }

    /** An item: a number (its digits), a qualifier (normalised) or a nested list. */
    private record Item(String number, String qualifier, List<Item> list) {

        /** Leading '0's stripped as ComparableVersion strips them (a run of only '0's stays as it is). */
        static Item number(String digits) {
            int i = 0;
            while (i < digits.length() && digits.charAt(i) == '0') {
                i++;
            }
            return new Item(i == digits.length() ? digits : digits.substring(i), null, null);
        }

        static Item qualifier(String text, boolean followedByDigit) {
            String q = text;
            if (followedByDigit && q.length() == 1) {
                q = switch (q.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> q;
                };
            }
            q = switch (q) {
                case "ga", "final", "release" -> "";
                case "cr" -> "rc";
                default -> q;
            };
            return new Item(null, q, null);
        }

        static Item newList() {
            return new Item(null, null, new ArrayList<>());
        }

        boolean isNull() {
            if (number != null) {
                return significantLength(number) == 0;
            }
            if (qualifier != null) {
                return RELEASE == QUALIFIERS.indexOf(qualifier);
            }
            return list.isEmpty();
        }
    }

    /** The tokenizer of ComparableVersion.parseVersion, building the same tree of items. */
    static List<Item> parse(String version) {
        String v = version.toLowerCase(Locale.ENGLISH);
        Item root = Item.newList();
        List<Item> stack = new ArrayList<>();
        stack.add(root);
        List<Item> list = root.list();
        boolean isDigit = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' || c == '-') {
                list.add(i == start ? Item.number("0") : item(isDigit, v.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    list = nest(list, stack);
                }
            } else if (Character.isDigit(c)) {
                if (!isDigit && i > start) {
                    // "1.0.0.X1" < "1.0.0-X2": a qualifier before digits becomes a list of its own
                    if (!list.isEmpty()) {
                        list = nest(list, stack);
                    }
                    list.add(Item.qualifier(v.substring(start, i), true));
                    start = i;
                    list = nest(list, stack);
                }
                isDigit = true;
            } else {
                if (isDigit && i > start) {
                    list.add(item(true, v.substring(start, i)));
                    start = i;
                    list = nest(list, stack);
                }
                isDigit = false;
            }
        }
        if (v.length() > start) {
            if (!isDigit && !list.isEmpty()) {
                list = nest(list, stack);
            }
            list.add(item(isDigit, v.substring(start)));
        }
        for (int i = stack.size() - 1; i >= 0; i--) {
            normalize(stack.get(i).list());
        }
        return root.list();
    }

    private static List<Item> nest(List<Item> list, List<Item> stack) {
        Item nested = Item.newList();
        list.add(nested);
        stack.add(nested);
        return nested.list();
    }

    private static Item item(boolean isDigit, String text) {
        return isDigit ? Item.number(text) : Item.qualifier(text, false);
    }

    /** Drops trailing null items, looking past nested lists as ComparableVersion does. */
    private static void normalize(List<Item> list) {
        for (int i = list.size() - 1; i >= 0; i--) {
            Item last = list.get(i);
            if (last.isNull()) {
                list.remove(i);
            } else if (last.list() == null) {
                break;
            }
        }
    }

    private static int compareLists(List<Item> a, List<Item> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            Item l = i < a.size() ? a.get(i) : null;
            Item r = i < b.size() ? b.get(i) : null;
            int c = l == null ? -compare(r, null) : compare(l, r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares an item with another or, when {@code b} is null, with the absence of an item. */
    private static int compare(Item a, Item b) {
        if (a.number() != null) {
            if (b == null) {
                return a.isNull() ? 0 : 1;
            }
            return b.number() != null ? compareNumbers(a.number(), b.number()) : 1;
        }
        if (a.qualifier() != null) {
            if (b == null) {
                return Integer.signum(compareQualifiers(a.qualifier(), ""));
            }
            return b.qualifier() != null ? compareQualifiers(a.qualifier(), b.qualifier()) : -1;
        }
        if (b == null) {
            for (Item item : a.list()) {
                int c = compare(item, null);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        if (b.number() != null) {
            return -1;
        }
        return b.qualifier() != null ? 1 : compareLists(a.list(), b.list());
    }

    /**
     * Numbers compare by value, but ComparableVersion keeps runs of up to 9 digits (after stripping leading '0's) as
     * int, up to 18 as long, longer ones as BigInteger, and ranks the kinds first: a run of ten '0's is a long 0 and
     * outranks an int 5. Within a kind, by value: significant length, then digit by digit.
     */
    private static int compareNumbers(String a, String b) {
        int kindA = numberKind(a);
        int kindB = numberKind(b);
        if (kindA != kindB) {
            return Integer.compare(kindA, kindB);
        }
        int byLength = Integer.compare(significantLength(a), significantLength(b));
        if (byLength != 0) {
            return byLength;
        }
        for (int i = a.length() - significantLength(a), j = b.length() - significantLength(b); i < a.length();
                i++, j++) {
            int c = Integer.compare(Character.digit(a.charAt(i), 10), Character.digit(b.charAt(j), 10));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int numberKind(String digits) {
        return digits.length() <= 9 ? 0 : digits.length() <= 18 ? 1 : 2;
    }

    /** Length without leading digits of value zero (other scripts' zeros, which parseInt reads as 0). */
    private static int significantLength(String digits) {
        int i = 0;
        while (i < digits.length() && Character.digit(digits.charAt(i), 10) == 0) {
            i++;
        }
        return digits.length() - i;
    }

    /** Known qualifiers by their rank; unknown ones after all of them, alphabetically. */
    private static int compareQualifiers(String a, String b) {
        int rankA = QUALIFIERS.indexOf(a);
        int rankB = QUALIFIERS.indexOf(b);
        if (rankA >= 0 || rankB >= 0) {
            return Integer.compare(rankA < 0 ? QUALIFIERS.size() : rankA, rankB < 0 ? QUALIFIERS.size() : rankB);
        }
        return Integer.signum(a.compareTo(b));
    }
}
