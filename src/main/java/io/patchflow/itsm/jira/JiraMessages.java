package io.patchflow.itsm.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Patchflow's own types for the parts of Jira's REST API it uses (Atlassian's Java client is not on Maven Central).
 * Names follow Jira's schemas (SearchRequestBean, IssueUpdateDetails, RemoteIssueLinkRequest, ...); answers ignore
 * whatever else Jira sends.
 */
final class JiraMessages {

    private JiraMessages() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchRequest(String jql, int maxResults, List<String> fields) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SearchResults(List<Issue> issues) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Issue(String id, String key, IssueFields fields) {

        String statusName() {
            return fields == null || fields.status() == null ? null : fields.status().name();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IssueFields(Status status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(String name) {
    }

    /** IssueUpdateDetails for creating: {@code fields} holds system and custom fields by id. */
    record CreateIssue(Map<String, Object> fields) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreatedIssue(String id, String key, String self) {
    }

    /** {@code body}: an ADF document on Cloud, a wiki markup string on Data Center. */
    record CommentRequest(Object body) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PageOfComments(Integer startAt, Integer maxResults, Integer total, List<CommentView> comments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommentView(String id, JsonNode body) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RemoteLinkRequest(String globalId, Application application, String relationship, RemoteObject object) {
    }

    record Application(String type, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RemoteObject(String url, String title, String summary) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Transitions(List<Transition> transitions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Transition(String id, String name, Status to) {
    }

    /** IssueUpdateDetails for a transition: the transition by id, and the reason as a comment in the same call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TransitionRequest(TransitionId transition, Map<String, List<Map<String, Object>>> update) {
    }

    record TransitionId(String id) {
    }
}
