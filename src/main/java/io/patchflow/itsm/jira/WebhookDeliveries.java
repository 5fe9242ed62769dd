package io.patchflow.itsm.jira;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import io.patchflow.shared.ConflictException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** itsm_webhook_delivery: the webhook calls already handled, by Jira's delivery identifier. */
@Repository
@ConditionalOnProperty(prefix = "patchflow.itsm", name = "system", havingValue = "jira")
class WebhookDeliveries {

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the delivery; false when it was recorded before (a retry or a replay of the same call). */
    boolean firstTime(String deliveryId, Instant at, String issueKey, String event) {
        String id = deliveryId.length() > 200 ? deliveryId.substring(0, 200) : deliveryId;
        // Looked up first: a failed insert would spoil the transaction on PostgreSQL.
        if (jdbc.sql("SELECT COUNT(*) FROM itsm_webhook_delivery WHERE delivery_id = :id").param("id", id)
                .query(Long.class).single() > 0) {
            return false;
        }
        try {
            jdbc.sql("INSERT INTO itsm_webhook_delivery (delivery_id, received_at, issue_key, event) "
                    + "VALUES (:id, :at, :issue, :event)")
                    .param("id", id)
                    .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .param("issue", issueKey)
                    .param("event", event == null || event.length() <= 100 ? event : event.substring(0, 100))
                    .update();
            return true;
        } catch (DuplicateKeyException concurrent) {
            throw new ConflictException("The same webhook (" + id + ") is being handled right now; send it again "
                    + "to learn its outcome");
        }
    }
}
