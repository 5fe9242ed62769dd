package io.patchflow.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The fields an entry's hash covers, in the one order that appending and verification share. The hash is the
 * lowercase hex SHA-256 of a canonical JSON array of these fields, so it can be recomputed outside Patchflow.
 * Public for the offline verification of exported evidence packs ({@code audit.export}).
 */
public record EntryHash(String previousHash, long seq, String changeId, Instant at, String kind, String actor,
        String summary, String reason, String inputsJson, String outcomeJson) {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    public String compute() {
        return hash(CanonicalJson.normalise(inputsJson), CanonicalJson.normalise(outcomeJson));
    }

    /**
     * The same hash for inputs and outcome already in canonical form ({@link CanonicalJson#write}, which
     * {@link CanonicalJson#normalise} gives back unchanged), as the appender has them: without parsing and writing
     * them again while the chain head is locked.
     */
    String computeFromCanonical() {
        return hash(inputsJson, outcomeJson);
    }

    private String hash(String canonicalInputs, String canonicalOutcome) {
        // A JSON array rather than concatenation: no choice of field values can make two entries serialise alike.
        String canonical = CanonicalJson.writeAny(Arrays.asList(previousHash, seq, changeId, timestamp(at), kind,
                actor, summary, reason, canonicalInputs, canonicalOutcome));
        return sha256(canonical);
    }

    /** Microseconds: the precision both PostgreSQL and H2 keep, so a stored timestamp hashes as it was appended. */
    public static Instant truncate(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    private static String timestamp(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(truncate(at));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
