package io.patchflow.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's counterpart of the PostgreSQL trigger in {@code db/migration/postgresql/V1_6_1__audit_append_only.sql}:
 * refuses every UPDATE and DELETE on the audit tables. Public with a no-argument constructor because H2 creates
 * it by class name ({@code db/migration/h2/V1_6_1__audit_append_only.sql}).
 */
public class AppendOnlyTrigger implements Trigger {

    /** The SQL state PostgreSQL's trigger raises too: insufficient privilege. */
    static final String SQL_STATE = "42501";

    private String table;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName,
            boolean before, int type) {
        this.table = tableName.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String operation = newRow == null ? "DELETE" : "UPDATE";
        throw new SQLException("The audit log is append-only: " + operation + " on table " + table
                + " is refused", SQL_STATE);
    }
}
