package io.patchflow.advisory.assessment;

import io.patchflow.advisory.Finding;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Iterator;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Fills {@code adv_finding_stage} with one assessment's findings without a round trip per row: PostgreSQL's
 * {@code COPY ... FROM STDIN} through the driver's copy API, streamed as the rows are produced; on other databases
 * (H2, the embedded default) JDBC batches of {@value #BATCH} rows. Always on the transaction's own connection, so
 * the stage and the merge commit or roll back together.
 */
@Repository
class FindingStage {

    static final int BATCH = 2000;
    /** For this transaction only: room for the merge's hash join of a million staged findings. */
    static final String MERGE_WORK_MEM = "128MB";
    private static final String COLUMNS = "assessment_id, host, ecosystem, package_name, installed_version, "
            + "advisory_id, fixed_version, status, reason, priority, sla_days, policy_reason, in_kev, kev_due";

    private final JdbcTemplate jdbc;

    FindingStage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the rows; answers how many. */
    long fill(long assessmentId, Iterator<StageRow> rows) {
        Long written = jdbc.execute((ConnectionCallback<Long>) connection -> {
            if (connection.isWrapperFor(PGConnection.class)) {
                long copied = copy(connection.unwrap(PGConnection.class), assessmentId, rows);
                try (var statement = connection.createStatement()) {
                    // The planner must know the stage holds a million rows, not the few it held when last analysed,
                    // or it joins it to adv_finding row by row; and the hash join of the merge should fit in memory.
                    statement.execute("ANALYZE adv_finding_stage");
                    statement.execute("SET LOCAL work_mem = '" + MERGE_WORK_MEM + "'");
                }
                return copied;
            }
            return batches(connection, assessmentId, rows);
        });
        return written == null ? 0 : written;
    }

    void clear(long assessmentId) {
        jdbc.update("DELETE FROM adv_finding_stage WHERE assessment_id = ?", assessmentId);
    }

    private static long copy(PGConnection connection, long assessmentId, Iterator<StageRow> rows)
            throws SQLException {
        long count = 0;
        try (PGCopyOutputStream out = new PGCopyOutputStream(connection,
                "COPY adv_finding_stage (" + COLUMNS + ") FROM STDIN", 1 << 16);
                Writer writer = new BufferedWriter(
                        new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            CopyText text = new CopyText(writer);
            while (rows.hasNext()) {
                StageRow row = rows.next();
                Finding f = row.finding();
                text.field(Long.toString(assessmentId)).field(f.host()).field(f.ecosystem()).field(f.packageName())
                        .field(f.installedVersion()).field(f.advisory()).field(f.fixedVersion()).field(f.status())
                        .field(f.reason()).field(row.decision().priority())
                        .field(Integer.toString(row.decision().slaDays())).field(row.decision().reason())
                        .field(row.risk().inKev() ? "t" : "f")
                        .last(row.risk().kevDue() == null ? null : row.risk().kevDue().toString());
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing findings to PostgreSQL failed", e);
        }
        return count;
    }

    private static long batches(Connection connection, long assessmentId, Iterator<StageRow> rows)
            throws SQLException {
        long count = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO adv_finding_stage (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            while (rows.hasNext()) {
                StageRow row = rows.next();
                Finding f = row.finding();
                insert.setLong(1, assessmentId);
                insert.setString(2, f.host());
                insert.setString(3, f.ecosystem());
                insert.setString(4, f.packageName());
                insert.setString(5, f.installedVersion());
                insert.setString(6, f.advisory());
                insert.setString(7, f.fixedVersion());
                insert.setString(8, f.status());
                insert.setString(9, f.reason());
                insert.setString(10, row.decision().priority());
                insert.setInt(11, row.decision().slaDays());
                insert.setString(12, row.decision().reason());
                insert.setBoolean(13, row.risk().inKev());
                if (row.risk().kevDue() == null) {
                    insert.setNull(14, Types.DATE);
                } else {
                    insert.setDate(14, Date.valueOf(row.risk().kevDue()));
                }
                insert.addBatch();
                if (++count % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return count;
    }

    /** PostgreSQL's COPY text format: tab between fields, newline after a row, {@code \N} for null. */
    private record CopyText(Writer writer) {

        CopyText field(String value) throws IOException {
            write(value);
            writer.write('\t');
            return this;
        }

        void last(String value) throws IOException {
            write(value);
            writer.write('\n');
        }

        private void write(String value) throws IOException {
            if (value == null) {
                writer.write("\\N");
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> writer.write("\\\\");
                    case '\t' -> writer.write("\\t");
                    case '\n' -> writer.write("\\n");
                    case '\r' -> writer.write("\\r");
                    default -> writer.write(c);
                }
            }
        }
    }
}
