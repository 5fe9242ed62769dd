package io.patchflow.itsm.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.itsm.TicketCancelledInItsm;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a Jira webhook means to Patchflow. In order: the signature (401 when wrong, nothing read before), the age
 * (older than {@code max-age}: refused, so a captured call cannot be replayed later), the delivery id (seen before:
 * answered as a duplicate, nothing done twice), then the event: an issue of a change moved to one of the cancel
 * statuses cancels the change, on the record as coming from Jira and from the Jira user who did it.
 */
@Service
@ConditionalOnProperty(prefix = "patchflow.itsm", name = "system", havingValue = "jira")
class JiraWebhooks {

    private final WebhookSignature signature;
    private final JiraProperties.Webhook settings;
    private final WebhookDeliveries deliveries;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    JiraWebhooks(JiraProperties properties, WebhookDeliveries deliveries, ApplicationEventPublisher events,
            ObjectMapper json) {
        this.signature = new WebhookSignature(properties.webhook().secret());
        this.settings = properties.webhook();
        this.deliveries = deliveries;
        this.events = events;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    record Outcome(String outcome, String change, String issue) {

        boolean cancelling() {
            return "cancelling".equals(outcome);
        }

        Map<String, String> asMap() {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("outcome", outcome);
            if (change != null) {
                map.put("change", change);
            }
            if (issue != null) {
                map.put("issue", issue);
            }
            return map;
        }
    }

    @Transactional
    public Outcome receive(byte[] body, String signatureHeader, String deliveryId) {
        if (!signature.matches(signatureHeader, body)) {
            throw new WebhookRefused(HttpStatus.UNAUTHORIZED, WebhookSignature.HEADER, "The webhook's "
                    + WebhookSignature.HEADER + " header is missing or does not match the body signed with the "
                    + "shared secret (sha256=<hex HMAC-SHA256>); nothing was done");
        }
        JsonNode event = parse(body);
        Instant sent = sentAt(event);
        Instant now = clock.instant();
        if (Duration.between(sent, now).abs().compareTo(settings.maxAge()) > 0) {
            throw new WebhookRefused(HttpStatus.BAD_REQUEST, "timestamp", "The webhook was sent at " + sent
                    + ", more than " + settings.maxAge() + " from now (" + now + "); refused as stale or replayed");
        }
        String issueKey = event.path("issue").path("key").asText(null);
        String id = deliveryId == null || deliveryId.isBlank() ? "sha256:" + sha256(body) : deliveryId.trim();
        if (!deliveries.firstTime(id, now, issueKey, event.path("webhookEvent").asText(null))) {
            return new Outcome("duplicate", null, issueKey);
        }
        Optional<String> changeId = changeOf(event);
        Optional<String> cancelStatus = movedToCancelStatus(event);
        if (changeId.isEmpty() || cancelStatus.isEmpty()) {
            return new Outcome("ignored", changeId.orElse(null), issueKey);
        }
        String user = user(event.path("user"));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("webhookEvent", event.path("webhookEvent").asText(""));
        evidence.put("delivery", id);
        evidence.put("issue", String.valueOf(issueKey));
        evidence.put("status", cancelStatus.get());
        evidence.put("sentAt", sent.toString());
        evidence.put("jiraUser", user);
        events.publishEvent(new TicketCancelledInItsm(changeId.get(), JiraTicketSystem.SYSTEM, issueKey, user,
                "Issue " + issueKey + " moved to " + cancelStatus.get() + " in Jira by " + user, evidence));
        return new Outcome("cancelling", changeId.get(), issueKey);
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode event = json.readTree(body);
            if (event == null || !event.isObject()) {
                throw new WebhookRefused(HttpStatus.BAD_REQUEST, null, "The webhook body is not a JSON object");
            }
            return event;
        } catch (IOException e) {
            throw new WebhookRefused(HttpStatus.BAD_REQUEST, null, "The webhook body is not JSON: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()));
        }
    }

    private static Instant sentAt(JsonNode event) {
        JsonNode timestamp = event.path("timestamp");
        if (!timestamp.canConvertToLong() || !timestamp.isNumber()) {
            throw new WebhookRefused(HttpStatus.BAD_REQUEST, "timestamp", "The webhook has no numeric timestamp "
                    + "(milliseconds since 1970), so its age cannot be checked");
        }
        return Instant.ofEpochMilli(timestamp.asLong());
    }

    /** The change's label on the issue: what Patchflow put there when it created the issue. */
    private static Optional<String> changeOf(JsonNode event) {
        return StreamSupport.stream(event.path("issue").path("fields").path("labels").spliterator(), false)
                .map(JsonNode::asText)
                .filter(label -> label.startsWith(JiraIssueFields.label("")))
                .map(label -> label.substring(JiraIssueFields.label("").length()))
                .filter(id -> !id.isBlank())
                .findFirst();
    }

    /** The status the issue was moved to, if it is one of the cancel statuses (from the changelog). */
    private Optional<String> movedToCancelStatus(JsonNode event) {
        if (!"jira:issue_updated".equals(event.path("webhookEvent").asText())) {
            return Optional.empty();
        }
        return StreamSupport.stream(event.path("changelog").path("items").spliterator(), false)
                .filter(item -> "status".equalsIgnoreCase(item.path("field").asText()))
                .map(item -> item.path("toString").asText(""))
                .filter(status -> settings.cancelStatuses().stream().anyMatch(status::equalsIgnoreCase))
                .findFirst();
    }

    /** Cloud names a user by account id, Data Center by user name; both carry a display name. */
    private static String user(JsonNode user) {
        String name = user.path("displayName").asText("");
        String id = user.hasNonNull("accountId") ? user.path("accountId").asText() : user.path("name").asText("");
        if (name.isBlank() && id.isBlank()) {
            return "unknown Jira user";
        }
        return name.isBlank() ? id : id.isBlank() ? name : name + " (" + id + ")";
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
