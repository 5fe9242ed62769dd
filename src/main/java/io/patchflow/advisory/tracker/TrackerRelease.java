package io.patchflow.advisory.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.osv.OsvEvent;
import io.patchflow.advisory.osv.OsvRange;
import io.patchflow.shared.BadInputException;
import java.util.List;
import java.util.Set;

/**
 * What the tracker says about one issue in one release, and what that means for a host of that release:
 * <ul>
 * <li>resolved with a {@code fixed_version}: versions below it are affected, that version fixes it;</li>
 * <li>resolved with {@code fixed_version} "0" (or none): the release was never affected, so no entry at all;</li>
 * <li>{@code nodsa} set (the security team decided not to issue an advisory): affected, no fix, reason from
 * {@code nodsa_reason} ("postponed", "ignored", or "no-dsa" when empty) with the {@code nodsa} note;</li>
 * <li>open or undetermined: affected, no fix, reason "open" or "undetermined" with the urgency (such as
 * "unimportant") unless it is "not yet assigned"; urgency "end-of-life" gives reason "end-of-life".</li>
 * </ul>
 * A planned point-release fix ({@code next_point_update}) is added to the reason's note.
 */
record TrackerRelease(String status, String fixedVersion, String urgency, String nodsa, String nodsaReason,
        boolean nextPointUpdate) {

    static final String RESOLVED = "resolved";
    static final String OPEN = "open";
    static final String UNDETERMINED = "undetermined";
    private static final Set<String> STATUSES = Set.of(RESOLVED, OPEN, UNDETERMINED);
    private static final int MAX_REASON = 2000;

    static TrackerRelease parse(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new BadInputException(path, "a release must be an object with a status");
        }
        String status = text(node, "status", path);
        if (status == null || !STATUSES.contains(status)) {
            throw new BadInputException(path + "/status", "status '" + status + "' is not one of resolved, open, "
                    + "undetermined");
        }
        JsonNode next = node.get("next_point_update");
        return new TrackerRelease(status, text(node, "fixed_version", path), text(node, "urgency", path),
                text(node, "nodsa", path), text(node, "nodsa_reason", path), next != null && next.asBoolean(false));
    }

    /** The affected entry for this release, or null when the release is not affected. */
    OsvAffected affected(String ecosystem, String pkg) {
        if (RESOLVED.equals(status)) {
            if (fixedVersion == null || fixedVersion.isBlank() || "0".equals(fixedVersion)) {
                return null;
            }
            return entry(ecosystem, pkg, List.of(new OsvEvent(OsvEvent.INTRODUCED, "0"),
                    new OsvEvent(OsvEvent.FIXED, fixedVersion)), null);
        }
        return entry(ecosystem, pkg, List.of(new OsvEvent(OsvEvent.INTRODUCED, "0")), noFixReason());
    }

    String noFixReason() {
        String reason;
        String note;
        if (nodsa != null) {
            reason = nodsaReason == null || nodsaReason.isBlank() ? "no-dsa" : nodsaReason.strip();
            note = nodsa.strip();
        } else if ("end-of-life".equals(urgency)) {
            reason = "end-of-life";
            note = "";
        } else {
            reason = status;
            note = urgency == null || urgency.isBlank() || "not yet assigned".equals(urgency) ? ""
                    : "urgency " + urgency;
        }
        if (nextPointUpdate) {
            note = note.isEmpty() ? "fix planned for the next point release"
                    : note + "; fix planned for the next point release";
        }
        String text = note.isEmpty() ? reason : reason + ": " + note;
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
    }

    private OsvAffected entry(String ecosystem, String pkg, List<OsvEvent> events, String noFixReason) {
        ObjectNode specific = JsonNodeFactory.instance.objectNode();
        specific.put("status", status);
        if (urgency != null) {
            specific.put("urgency", urgency);
        }
        return new OsvAffected(ecosystem, pkg, null, List.of(new OsvRange(OsvRange.ECOSYSTEM, null, events)),
                List.of(), specific.toString(), noFixReason);
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode() || value.isContainerNode()) {
            throw new BadInputException(path + "/" + field, field + " must be a string");
        }
        return value.asText();
    }
}
