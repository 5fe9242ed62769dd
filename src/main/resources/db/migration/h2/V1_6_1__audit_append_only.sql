-- The audit log is append-only on H2 too: a Java trigger refuses every UPDATE and DELETE. H2 has no TRUNCATE
-- trigger; TRUNCATE of audit_entry is refused by H2 itself because audit_checkpoint references it.
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE, DELETE ON audit_entry
    FOR EACH ROW CALL 'io.patchflow.audit.internal.AppendOnlyTrigger';

CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE, DELETE ON audit_checkpoint
    FOR EACH ROW CALL 'io.patchflow.audit.internal.AppendOnlyTrigger';
