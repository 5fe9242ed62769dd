package io.patchflow.itsm.jira;

import io.patchflow.itsm.jira.JiraMessages.CommentRequest;
import io.patchflow.itsm.jira.JiraMessages.CommentView;
import io.patchflow.itsm.jira.JiraMessages.CreateIssue;
import io.patchflow.itsm.jira.JiraMessages.CreatedIssue;
import io.patchflow.itsm.jira.JiraMessages.Issue;
import io.patchflow.itsm.jira.JiraMessages.PageOfComments;
import io.patchflow.itsm.jira.JiraMessages.RemoteLinkRequest;
import io.patchflow.itsm.jira.JiraMessages.SearchRequest;
import io.patchflow.itsm.jira.JiraMessages.SearchResults;
import io.patchflow.itsm.jira.JiraMessages.Transition;
import io.patchflow.itsm.jira.JiraMessages.TransitionId;
import io.patchflow.itsm.jira.JiraMessages.TransitionRequest;
import io.patchflow.itsm.jira.JiraMessages.Transitions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The Jira REST calls Patchflow makes, typed, on either flavour: the same resources under {@code /rest/api/3}
 * (Cloud) or {@code /rest/api/2} (Data Center), texts shaped by {@link JiraText}. Every call goes through
 * {@link JiraHttp}, which retries rate limits, outages and timeouts.
 */
class JiraApi {

    private final RestClient rest;
    private final JiraHttp http;
    private final String api;
    private final JiraText text;

    JiraApi(RestClient rest, JiraHttp http, JiraFlavour flavour) {
        this.rest = rest;
        this.http = http;
        this.api = flavour.apiPath();
        this.text = JiraText.of(flavour);
    }

    JiraText text() {
        return text;
    }

    /** The first issue the JQL finds, with its status. */
    Optional<Issue> findOne(String jql) {
        SearchResults results = http.call("search " + jql, () -> rest.post().uri(api + "/search")
                .contentType(MediaType.APPLICATION_JSON).body(new SearchRequest(jql, 1, List.of("status")))
                .retrieve().body(SearchResults.class));
        return results == null || results.issues() == null ? Optional.empty()
                : results.issues().stream().findFirst();
    }

    CreatedIssue create(Map<String, Object> fields) {
        return http.call("create issue", () -> rest.post().uri(api + "/issue").contentType(MediaType.APPLICATION_JSON)
                .body(new CreateIssue(fields)).retrieve().body(CreatedIssue.class));
    }

    /** Creates or, for a {@code globalId} the issue already has, updates a remote link: repeating it is harmless. */
    void remoteLink(String key, RemoteLinkRequest link) {
        http.call("link " + key, () -> rest.post().uri(api + "/issue/{key}/remotelink", key)
                .contentType(MediaType.APPLICATION_JSON).body(link).retrieve().toBodilessEntity());
    }

    void comment(String key, String author, String body) {
        http.call("comment on " + key, () -> rest.post().uri(api + "/issue/{key}/comment", key)
                .contentType(MediaType.APPLICATION_JSON).body(new CommentRequest(text.authored(author, body)))
                .retrieve().toBodilessEntity());
    }

    /** The issue's latest comments (up to 100, newest first), their bodies as Jira stores them. */
    List<CommentView> latestComments(String key) {
        PageOfComments page = http.call("read comments of " + key, () -> rest.get()
                .uri(api + "/issue/{key}/comment?orderBy=-created&maxResults=100", key)
                .retrieve().body(PageOfComments.class));
        return page == null || page.comments() == null ? List.of() : page.comments();
    }

    Optional<String> status(String key) {
        Issue issue = http.call("read status of " + key, () -> rest.get()
                .uri(api + "/issue/{key}?fields=status", key).retrieve().body(Issue.class));
        return Optional.ofNullable(issue).map(Issue::statusName);
    }

    List<Transition> transitions(String key) {
        Transitions transitions = http.call("read transitions of " + key, () -> rest.get()
                .uri(api + "/issue/{key}/transitions", key).retrieve().body(Transitions.class));
        return transitions == null || transitions.transitions() == null ? List.of() : transitions.transitions();
    }

    /** Performs the transition and adds the reason as a comment in the same call, so both happen or neither. */
    void transition(String key, String transitionId, String author, String reason) {
        Map<String, List<Map<String, Object>>> update = reason == null || reason.isBlank() ? null
                : Map.of("comment", List.of(Map.of("add", Map.of("body", text.authored(author, reason)))));
        http.call("transition " + key, () -> rest.post().uri(api + "/issue/{key}/transitions", key)
                .contentType(MediaType.APPLICATION_JSON).body(new TransitionRequest(new TransitionId(transitionId),
                        update)).retrieve().toBodilessEntity());
    }
}
