package io.patchflow.shared.logging;

import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The change a thread is working for, in the logging context (SLF4J's MDC) under {@link #KEY}, so that every line
 * logged meanwhile carries it: in JSON logs as a field, found by one filter in a log search. The engine sets the same
 * key for its jobs (the process business key is the change id, {@code camunda.bpm.generic-properties} in
 * application.yml); request threads and Patchflow's own background work set it here.
 */
public final class ChangeLogContext {

    /** The one name of the change id in every log line (docs/operations.md, "Logs"). */
    public static final String KEY = "changeId";

    // A change id as Patchflow makes them (CHG-000001) or as a client might mistype one; anything else (a path
    // segment carrying line breaks or markup) is not put into the logs.
    private static final Pattern PLAUSIBLE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ChangeLogContext() {
    }

    /**
     * Puts {@code changeId} into the logging context until the returned scope is closed, which restores what was
     * there before (a nested scope for another change does not lose the outer one). An implausible id is left out.
     */
    public static Scope open(String changeId) {
        String previous = MDC.get(KEY);
        if (changeId != null && PLAUSIBLE_ID.matcher(changeId).matches()) {
            MDC.put(KEY, changeId);
        }
        return () -> restore(previous);
    }

    private static void restore(String previous) {
        if (previous == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, previous);
        }
    }

    /** A logging context that ends without a checked exception, for try-with-resources. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
