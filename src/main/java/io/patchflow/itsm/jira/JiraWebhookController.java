package io.patchflow.itsm.jira;

import io.patchflow.shared.LimitedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/itsm/jira/webhook}: Jira tells Patchflow what happened to an issue. No user logs in here: the
 * call is authenticated by the signature of its body with the shared secret, checked before anything is read.
 */
@RestController
@ConditionalOnProperty(prefix = "patchflow.itsm", name = "system", havingValue = "jira")
class JiraWebhookController {

    static final String PATH = "/api/v1/itsm/jira/webhook";
    static final String DELIVERY_HEADER = "X-Atlassian-Webhook-Identifier";

    private final JiraWebhooks webhooks;

    JiraWebhookController(JiraWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** Jira's issue events are a few kilobytes; anyone may call this endpoint, so nothing larger is read. */
    static final int MAX_BODY = 1024 * 1024;

    @PostMapping(PATH)
    ResponseEntity<Map<String, String>> receive(InputStream in,
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @RequestHeader(name = DELIVERY_HEADER, required = false) String deliveryId) throws IOException {
        byte[] body = new LimitedInputStream(in, MAX_BODY, limit -> new WebhookRefused(HttpStatus.PAYLOAD_TOO_LARGE,
                null, "The webhook body is larger than " + limit + " bytes; nothing was done")).readAllBytes();
        JiraWebhooks.Outcome outcome = webhooks.receive(body, signature, deliveryId);
        return ResponseEntity.status(outcome.cancelling() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(outcome.asMap());
    }

    @ExceptionHandler(WebhookRefused.class)
    ResponseEntity<ProblemDetail> refused(WebhookRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(URI.create("https://patchflow.io/problems/"
                + (e.status() == HttpStatus.UNAUTHORIZED ? "webhook-signature"
                        : e.status() == HttpStatus.PAYLOAD_TOO_LARGE ? "too-large" : "invalid-input")));
        problem.setTitle(e.status() == HttpStatus.UNAUTHORIZED ? "Webhook not signed with the shared secret"
                : "Invalid webhook");
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return ResponseEntity.status(e.status()).body(problem);
    }
}
