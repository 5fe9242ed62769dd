package io.patchflow.itsm.jira;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Jira settings ({@code patchflow.itsm.jira.*}, used when {@code patchflow.itsm.system=jira}; docs/jira.md). The
 * credentials ({@code api-token}, {@code personal-access-token}) and the webhook secret are secrets: they come from
 * the environment and have no default; {@link #problems()} names what is missing so the service refuses to start.
 *
 * @param priorities Patchflow priority (P1..P4) to Jira priority name
 * @param fields custom field ids (e.g. {@code customfield_10050}) for {@code risk}, {@code change-type},
 *        {@code affected-hosts}, {@code sla-due}; a field without an id is not sent
 * @param workflow per ticket status (IN_PROGRESS, RESOLVED, CLOSED, CANCELLED, REJECTED): the name of the Jira
 *        transition that reaches it and the name of the Jira status it reaches
 * @param patchflowUrl Patchflow's public URL, for the links from the issue back to the change
 */
@ConfigurationProperties("patchflow.itsm.jira")
record JiraProperties(@DefaultValue("CLOUD") JiraFlavour flavour, URI baseUrl, String email, String apiToken,
        String personalAccessToken, String projectKey, @DefaultValue("Task") String issueType,
        Map<String, String> priorities,
        Map<String, String> fields, Map<String, Step> workflow, URI patchflowUrl,
        @DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("3") int attempts, @DefaultValue("500ms") Duration backoff,
        @DefaultValue("30s") Duration maxWait, @DefaultValue Webhook webhook) {

    /** The defaults fit Jira's IT service management workflow for changes; adjust them to the project's. */
    static final Map<String, Step> DEFAULT_WORKFLOW = Map.of(
            "IN_PROGRESS", new Step("Start progress", "In Progress"),
            "RESOLVED", new Step("Resolve", "Resolved"),
            "CLOSED", new Step("Close", "Closed"),
            "CANCELLED", new Step("Cancel", "Canceled"),
            "REJECTED", new Step("Decline", "Declined"));

    static final Map<String, String> DEFAULT_PRIORITIES = Map.of("P1", "Highest", "P2", "High", "P3", "Medium",
            "P4", "Low");

    JiraProperties {
        priorities = priorities == null || priorities.isEmpty() ? DEFAULT_PRIORITIES : Map.copyOf(priorities);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        workflow = workflow == null || workflow.isEmpty() ? DEFAULT_WORKFLOW : Map.copyOf(workflow);
    }

    record Step(String transition, String status) {
    }

    /**
     * The notifications Jira sends to {@code POST /api/v1/itsm/jira/webhook}: signed with {@code secret}
     * ({@code X-Hub-Signature: sha256=...}), refused when older than {@code maxAge}; an issue moved to one of
     * {@code cancelStatuses} cancels its change.
     */
    record Webhook(String secret, @DefaultValue("5m") Duration maxAge,
            @DefaultValue({"Canceled", "Cancelled", "Declined", "Rejected"}) List<String> cancelStatuses) {
    }

    /** What keeps Jira from working with these settings, each naming its property and environment variable. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        require(problems, baseUrl, "base-url", "the Jira site, e.g. https://example.atlassian.net");
        require(problems, projectKey, "project-key", "the Jira project changes are filed in");
        require(problems, patchflowUrl, "patchflow-url", "Patchflow's public URL, linked from every issue");
        if (flavour == JiraFlavour.CLOUD) {
            require(problems, email, "email", "the Atlassian account Patchflow acts as");
            require(problems, apiToken, "api-token", "that account's API token");
        } else {
            require(problems, personalAccessToken, "personal-access-token", "a personal access token");
        }
        require(problems, webhook == null ? null : webhook.secret(), "webhook.secret",
                "the shared secret Jira signs its webhooks with");
        for (String status : List.of("IN_PROGRESS", "CLOSED", "CANCELLED", "REJECTED")) {
            Step step = workflow.get(status);
            if (step == null || blank(step.transition()) || blank(step.status())) {
                problems.add("patchflow.itsm.jira.workflow." + status + ".transition and .status are required");
            }
        }
        return problems;
    }

    private static void require(List<String> problems, Object value, String property, String what) {
        if (value == null || blank(value.toString())) {
            problems.add("patchflow.itsm.jira." + property + " (environment variable PATCHFLOW_ITSM_JIRA_"
                    + property.toUpperCase().replace('-', '_').replace('.', '_') + ") is required: " + what);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
