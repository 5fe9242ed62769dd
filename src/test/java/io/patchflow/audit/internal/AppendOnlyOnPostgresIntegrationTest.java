package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditTrail;
import io.patchflow.testsupport.PostgresIntegrationTest;
import io.patchflow.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The database itself refuses to change or remove audit rows, whoever asks (here: the owner of the tables). */
class AppendOnlyOnPostgresIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    AuditTrail trail;

    @Test
    void triggerRefusesUpdatingAnEntry() {
        AuditEntry entry = trail.record(AuditChainIntegrationTest.record(AuditChainIntegrationTest.newChangeId(),
                "approval.vote"));

        assertThatThrownBy(() -> execute("UPDATE audit_entry SET actor = 'mallory' WHERE id = " + entry.id()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("The audit log is append-only: UPDATE on table audit_entry is refused");
        assertThat(trail.forChange(entry.changeId())).containsExactly(entry);
    }

    @Test
    void triggerRefusesDeletingAnEntry() {
        AuditEntry entry = trail.record(AuditChainIntegrationTest.record(AuditChainIntegrationTest.newChangeId(),
                "approval.vote"));

        assertThatThrownBy(() -> execute("DELETE FROM audit_entry WHERE id = " + entry.id()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("The audit log is append-only: DELETE on table audit_entry is refused");
        assertThat(trail.forChange(entry.changeId())).containsExactly(entry);
    }

    @Test
    void triggerRefusesTruncatingTheLog() {
        trail.record(AuditChainIntegrationTest.record(AuditChainIntegrationTest.newChangeId(), "approval.vote"));

        assertThatThrownBy(() -> execute("TRUNCATE audit_entry CASCADE"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("The audit log is append-only: TRUNCATE on table audit_entry is refused");
        assertThatThrownBy(() -> execute("TRUNCATE audit_checkpoint"))
                .hasMessageContaining("TRUNCATE on table audit_checkpoint is refused");
    }

    @Test
    void triggerRefusesChangingOrRemovingCheckpoints() {
        AuditEntry entry = trail.record(AuditChainIntegrationTest.record(AuditChainIntegrationTest.newChangeId(),
                "approval.vote"));
        // A checkpoint row exists only inside these rolled-back transactions: the shared schema keeps no seal that
        // the application's key did not write.
        String seal = "INSERT INTO audit_checkpoint (seq, entry_id, hash, sealed_at, hmac) SELECT seq, id, hash, "
                + "recorded_at, 'test' FROM audit_entry WHERE id = " + entry.id();

        assertThatThrownBy(() -> executeAndRollBack(seal, "UPDATE audit_checkpoint SET hmac = 'forged'"))
                .hasMessageContaining("The audit log is append-only: UPDATE on table audit_checkpoint is refused");
        assertThatThrownBy(() -> executeAndRollBack(seal, "DELETE FROM audit_checkpoint"))
                .hasMessageContaining("The audit log is append-only: DELETE on table audit_checkpoint is refused");
    }

    private static void executeAndRollBack(String... statements) throws SQLException {
        try (Connection connection = TestPostgres.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = TestPostgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
