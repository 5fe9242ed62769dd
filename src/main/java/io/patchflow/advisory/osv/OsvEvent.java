package io.patchflow.advisory.osv;

/** A range event: {@code type} is introduced, fixed, last_affected or limit. */
public record OsvEvent(String type, String version) {

    public static final String INTRODUCED = "introduced";
    public static final String FIXED = "fixed";
    public static final String LAST_AFFECTED = "last_affected";
    public static final String LIMIT = "limit";
}
