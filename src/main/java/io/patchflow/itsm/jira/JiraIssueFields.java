package io.patchflow.itsm.jira;

import io.patchflow.itsm.TicketRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a change's new issue: project, issue type, summary, description, priority (P1..P4 mapped to the
 * site's priority names), the change's label (how the issue is found again) and the configured custom fields.
 */
class JiraIssueFields {

    /** Jira labels take no spaces; change ids have none. */
    static String label(String changeId) {
        return "patchflow-" + changeId;
    }

    /** Risk as the change's priority says it: P1 is critical. */
    private static final Map<String, String> RISK = Map.of("P1", "critical", "P2", "high", "P3", "medium",
            "P4", "low");

    private final JiraProperties properties;
    private final JiraText text;

    JiraIssueFields(JiraProperties properties, JiraText text) {
        this.properties = properties;
        this.text = text;
    }

    Map<String, Object> of(TicketRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project", Map.of("key", properties.projectKey()));
        fields.put("issuetype", Map.of("name", properties.issueType()));
        fields.put("summary", summary(request));
        fields.put("description", text.plain(request.description() == null ? request.title()
                : request.description()));
        fields.put("labels", List.of(label(request.changeId())));
        String priority = request.priority() == null ? null : properties.priorities().get(request.priority());
        if (priority != null) {
            fields.put("priority", Map.of("name", priority));
        }
        custom(fields, "risk", request.priority() == null ? null : RISK.get(request.priority()));
        custom(fields, "change-type", request.changeType());
        custom(fields, "affected-hosts", request.affectedHosts());
        custom(fields, "sla-due", request.slaDue() == null ? null : request.slaDue().toString());
        return fields;
    }

    private void custom(Map<String, Object> fields, String name, Object value) {
        String id = properties.fields().get(name);
        if (id != null && !id.isBlank() && value != null) {
            fields.put(id, value);
        }
    }

    /** Jira's summary is one line of at most 255 characters. */
    private static String summary(TicketRequest request) {
        String summary = (request.changeId() + ": " + request.title()).replaceAll("[\\r\\n]+", " ");
        return summary.length() <= 255 ? summary : summary.substring(0, 254) + "…";
    }
}
