package io.patchflow.itsm.jira;

import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketRequest;
import io.patchflow.itsm.TicketSystem;
import io.patchflow.itsm.jira.JiraMessages.Application;
import io.patchflow.itsm.jira.JiraMessages.RemoteLinkRequest;
import io.patchflow.itsm.jira.JiraMessages.RemoteObject;
import io.patchflow.itsm.jira.JiraMessages.Transition;
import io.patchflow.shared.ConflictException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.util.StringUtils;

/**
 * Jira as the change's ticket system. Idempotent throughout, because every call may be a retry: an issue is looked up
 * by the change's label before one is created; remote links carry a {@code globalId}, so linking again replaces;
 * a transition to the status the issue already has does nothing.
 */
class JiraTicketSystem implements TicketSystem {

    static final String SYSTEM = "jira";
    private static final Application PATCHFLOW = new Application("io.patchflow", "Patchflow");

    private final JiraApi jira;
    private final JiraProperties properties;
    private final JiraIssueFields issueFields;

    JiraTicketSystem(JiraApi jira, JiraProperties properties) {
        this.jira = jira;
        this.properties = properties;
        this.issueFields = new JiraIssueFields(properties, jira.text());
    }

    /**
     * Finds the change's issue by its label, or creates it; then (again, harmlessly, for a found one) links it back
     * to the change. A crash between creating the issue and storing its key is therefore answered by the retry
     * finding the issue, never by a second one.
     */
    @Override
    public TicketRef open(TicketRequest request) {
        String key = jira.findOne("project = \"" + jql(properties.projectKey()) + "\" AND labels = \""
                + JiraIssueFields.label(request.changeId()) + "\" ORDER BY created ASC")
                .map(JiraMessages.Issue::key)
                .orElseGet(() -> jira.create(issueFields.of(request)).key());
        jira.remoteLink(key, new RemoteLinkRequest(request.changeId(), PATCHFLOW, "patch change",
                new RemoteObject(patchflowUrl("/api/v1/changes/" + request.changeId()), "Patchflow change "
                        + request.changeId(), request.title())));
        return ref(key);
    }

    @Override
    public void comment(TicketRef ref, String author, String text) {
        jira.comment(key(ref), author, text);
    }

    @Override
    public boolean hasComment(TicketRef ref, String marker) {
        return jira.latestComments(key(ref)).stream()
                .anyMatch(c -> c.body() != null && c.body().toString().contains(marker));
    }

    @Override
    public void linkEvidence(TicketRef ref, String title, String url, String summary) {
        String changeId = url.replaceAll(".*/changes/([^/]+)/.*", "$1");
        jira.remoteLink(key(ref), new RemoteLinkRequest(changeId + "/evidence", PATCHFLOW, "evidence",
                new RemoteObject(patchflowUrl(url), title, summary)));
    }

    /**
     * Looks the transition up by name among those Jira offers the issue now (ids differ between workflows and
     * sites, so none is written down anywhere). An issue already in a final status is a conflict the caller
     * comments on instead.
     */
    @Override
    public void transition(TicketRef ref, String status, String author, String reason) {
        String key = key(ref);
        JiraProperties.Step step = Optional.ofNullable(properties.workflow().get(status.toUpperCase(Locale.ROOT)))
                .orElseThrow(() -> new IllegalStateException("No Jira transition is configured for status " + status
                        + ": set patchflow.itsm.jira.workflow." + status + ".transition and .status"));
        String current = jira.status(key).orElse("");
        if (current.equalsIgnoreCase(step.status())) {
            return; // a retried delivery: already there
        }
        if (finalStatuses().stream().anyMatch(current::equalsIgnoreCase)) {
            throw new ConflictException("Ticket " + key + " is " + current + ", a final status; it cannot move to "
                    + step.status());
        }
        List<Transition> offered = jira.transitions(key);
        Transition transition = offered.stream().filter(t -> step.transition().equalsIgnoreCase(t.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Jira offers no transition named '" + step.transition()
                        + "' for " + key + " in status '" + current + "' (offered: "
                        + offered.stream().map(Transition::name).toList() + "); check patchflow.itsm.jira.workflow."
                        + status + ".transition against the project's workflow"));
        jira.transition(key, transition.id(), author, reason);
    }

    private List<String> finalStatuses() {
        return List.of("CLOSED", "CANCELLED", "REJECTED").stream().map(properties.workflow()::get)
                .filter(s -> s != null).map(JiraProperties.Step::status).toList();
    }

    private TicketRef ref(String key) {
        String base = StringUtils.trimTrailingCharacter(properties.baseUrl().toString(), '/');
        return new TicketRef(SYSTEM, key, base + "/browse/" + key);
    }

    private String patchflowUrl(String path) {
        return StringUtils.trimTrailingCharacter(properties.patchflowUrl().toString(), '/') + path;
    }

    private static String key(TicketRef ref) {
        if (!SYSTEM.equals(ref.system())) {
            throw new IllegalArgumentException("Ticket " + ref.key() + " belongs to system '" + ref.system()
                    + "', not to Jira");
        }
        return ref.key();
    }

    /** JQL string literal content: quotes and backslashes escaped. */
    static String jql(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
