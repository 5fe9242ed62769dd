package io.patchflow.audit.export;

import static io.patchflow.shared.DateParameters.instant;

import io.patchflow.shared.BadInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one export covers: the whole trail of one change, or every entry recorded in a period ({@code to}
 * exclusive). Exactly one of the two; a period of dates covers the whole of its last day.
 */
record EvidenceScope(String changeId, Instant from, Instant to) {

    private static final Pattern CHANGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    EvidenceScope {
        if (changeId != null && (from != null || to != null)) {
            throw new BadInputException("changeId", "give either changeId or a period (from and to), not both");
        }
        if (changeId == null && (from == null || to == null)) {
            throw new BadInputException(from == null ? "from" : "to",
                    "give changeId, or both from and to (ISO dates such as 2026-01-01, or instants)");
        }
        if (changeId != null && !CHANGE_ID.matcher(changeId).matches()) {
            throw new BadInputException("changeId", "not a change id (letters, digits, '.', '_' and '-', such as "
                    + "CHG-000001)");
        }
        if (from != null && !from.isBefore(to)) {
            throw new BadInputException("to", "to must be later than from");
        }
    }

    static EvidenceScope of(String changeId, String from, String to) {
        return new EvidenceScope(blankToNull(changeId), instant("from", from, false), instant("to", to, true));
    }

    boolean perChange() {
        return changeId != null;
    }

    /** As written into packs and file names. */
    Map<String, Object> describe() {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("changeId", changeId);
        scope.put("from", from == null ? null : from.toString());
        scope.put("to", to == null ? null : to.toString());
        return scope;
    }

    String fileStem() {
        return perChange() ? "evidence-" + changeId
                : "evidence-" + from.toString().replace(":", "") + "--" + to.toString().replace(":", "");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
