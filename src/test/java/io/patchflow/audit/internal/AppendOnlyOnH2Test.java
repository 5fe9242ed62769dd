package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded default's database refuses to change or remove audit rows, like PostgreSQL does. */
class AppendOnlyOnH2Test {

    private final H2AuditDatabase db = new H2AuditDatabase();

    @AfterEach
    void shutdown() {
        db.shutdown();
    }

    @Test
    void h2TriggerRefusesUpdatingAnEntry() throws SQLException {
        long id = db.append("CHG-H2-1");

        assertThatThrownBy(() -> execute("UPDATE audit_entry SET summary = 'rewritten' WHERE id = " + id))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("The audit log is append-only: UPDATE on table audit_entry is refused");
        assertThat(summaryOf(id)).isEqualTo("A decision");
    }

    @Test
    void h2TriggerRefusesDeletingAnEntry() throws SQLException {
        long id = db.append("CHG-H2-2");

        assertThatThrownBy(() -> execute("DELETE FROM audit_entry WHERE id = " + id))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("The audit log is append-only: DELETE on table audit_entry is refused");
        assertThat(summaryOf(id)).isEqualTo("A decision");
    }

    @Test
    void h2TriggerRefusesChangingACheckpoint() throws SQLException {
        long id = db.append("CHG-H2-3");
        execute("INSERT INTO audit_checkpoint (seq, entry_id, hash, sealed_at, hmac) VALUES (1, " + id
                + ", 'h', CURRENT_TIMESTAMP, 'm')");

        assertThatThrownBy(() -> execute("DELETE FROM audit_checkpoint"))
                .hasMessageContaining("DELETE on table audit_checkpoint is refused");
        assertThatThrownBy(() -> execute("UPDATE audit_checkpoint SET hmac = 'x'"))
                .hasMessageContaining("UPDATE on table audit_checkpoint is refused");
    }

    @Test
    void h2RefusesTruncatingTheEntries() {
        db.append("CHG-H2-4");

        assertThatThrownBy(() -> execute("TRUNCATE TABLE audit_entry")).isInstanceOf(SQLException.class);
        assertThat(db.jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single()).isEqualTo(1);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String summaryOf(long id) {
        return db.jdbc.sql("SELECT summary FROM audit_entry WHERE id = :id").param("id", id).query(String.class)
                .single();
    }
}
