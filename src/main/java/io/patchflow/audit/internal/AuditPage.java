package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import java.util.List;

/** One page of a search over the log, oldest first; {@code total} counts all matching entries. */
record AuditPage(List<AuditEntry> entries, int page, int size, long total) {
}
