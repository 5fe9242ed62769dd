package io.patchflow.audit.export;

import io.patchflow.audit.internal.CanonicalJson;
import io.patchflow.audit.internal.EntryHash;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Recomputes the hashes of a pack's entries and checks the links between neighbours in the chain. */
final class PackEntryCheck {

    /** One entry as a pack carries it; inputs and outcome as JSON text (null when missing). */
    record Entry(Long seq, String id, String changeId, String at, String kind, String actor, String summary,
            String reason, String inputsJson, String outcomeJson, String previousHash, String hash) {

        static Entry of(Map<?, ?> map) {
            return new Entry(number(map.get("seq")), text(map.get("id")), text(map.get("changeId")),
                    text(map.get("at")), text(map.get("kind")), text(map.get("actor")), text(map.get("summary")),
                    text(map.get("reason")), map.get("inputs") == null ? null : CanonicalJson.writeAny(map.get("inputs")),
                    map.get("outcome") == null ? null : CanonicalJson.writeAny(map.get("outcome")),
                    text(map.get("previousHash")), text(map.get("hash")));
        }

        static Entry of(List<String> row) {
            return new Entry(number(row.get(0)), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5),
                    row.get(6), row.get(7), row.get(8), row.get(9), row.get(10), row.get(11));
        }

        String label() {
            return "entry " + (id == null ? "?" : id) + " (position " + seq + ")";
        }
    }

    private PackEntryCheck() {
    }

    /**
     * {@code wholePeriod}: the pack claims every entry of a period, so its positions must follow one another
     * (a change's pack has gaps where other changes' entries were recorded).
     */
    static void check(List<Entry> entries, List<String> problems, boolean wholePeriod) {
        Entry previous = null;
        for (Entry e : entries) {
            String problem = problemOf(e);
            if (problem != null) {
                problems.add(e.label() + ": " + problem);
            } else if (wholePeriod && previous != null && previous.seq() != null && e.seq() != previous.seq() + 1) {
                problems.add(e.label() + ": entries are missing before it (a period's pack holds every entry of the "
                        + "period)");
            } else if (previous != null && previous.seq() != null && e.seq() == previous.seq() + 1
                    && !e.previousHash().equals(previous.hash())) {
                problems.add(e.label() + ": does not link to the entry before it");
            } else if (previous != null && previous.seq() != null && e.seq() <= previous.seq()) {
                problems.add(e.label() + ": out of chain order");
            }
            previous = e;
        }
    }

    private static String problemOf(Entry e) {
        if (e.seq() == null || e.at() == null || e.kind() == null || e.actor() == null || e.inputsJson() == null
                || e.outcomeJson() == null || e.previousHash() == null || e.hash() == null) {
            return "a field the hash covers is missing";
        }
        Instant at;
        try {
            at = Instant.parse(e.at());
        } catch (DateTimeParseException bad) {
            return "its time '" + e.at() + "' is not an ISO instant";
        }
        String recomputed;
        try {
            recomputed = new EntryHash(e.previousHash(), e.seq(), e.changeId(), at, e.kind(), e.actor(), e.summary(),
                    e.reason(), e.inputsJson(), e.outcomeJson()).compute();
        } catch (RuntimeException unreadable) {
            return "its inputs or outcome are not JSON objects";
        }
        return recomputed.equals(e.hash()) ? null : "its contents no longer match its hash";
    }

    private static Long number(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
