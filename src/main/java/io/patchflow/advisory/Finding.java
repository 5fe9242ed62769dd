package io.patchflow.advisory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One vulnerable package on one host, for one advisory: the shape of {@code GET /api/v1/findings} and of the
 * offline {@code assess} output. {@code status} is {@code FIX_AVAILABLE} (with the lowest {@code fixedVersion} that
 * resolves it) or {@code NO_FIX}, then with {@code reason} when the source says why (Debian tracker: "no-dsa",
 * "postponed", "ignored", "open", "undetermined", each with the tracker's note). {@code priority} and {@code slaDue}
 * come from the {@code patch-priority} policy; {@code firstSeen}/{@code lastSeen} from the stored assessments, and
 * {@code resolvedAt} is when an assessment no longer saw a stored finding (null while it is open). A finding straight
 * from the matcher has none of these five yet. In JSON the package is {@code "package"}, and every field appears
 * even when null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Finding(String host, String ecosystem, @JsonProperty("package") String packageName,
        String installedVersion, String advisory, List<String> aliases, String fixedVersion, String status,
        String reason, String priority, LocalDate slaDue, Instant firstSeen, Instant lastSeen, Instant resolvedAt) {

    public static final String FIX_AVAILABLE = "FIX_AVAILABLE";
    public static final String NO_FIX = "NO_FIX";

    /** A finding that has not been resolved (or is not stored): what existed before {@code resolvedAt}. */
    public Finding(String host, String ecosystem, String packageName, String installedVersion, String advisory,
            List<String> aliases, String fixedVersion, String status, String reason, String priority,
            LocalDate slaDue, Instant firstSeen, Instant lastSeen) {
        this(host, ecosystem, packageName, installedVersion, advisory, aliases, fixedVersion, status, reason, priority,
                slaDue, firstSeen, lastSeen, null);
    }

    /** A finding as the matcher produces it: status from whether a fixed version is known; nothing stored yet. */
    public static Finding matched(String host, String ecosystem, String packageName, String installedVersion,
            String advisory, List<String> aliases, String fixedVersion, String noFixReason) {
        return new Finding(host, ecosystem, packageName, installedVersion, advisory, aliases, fixedVersion,
                fixedVersion == null ? NO_FIX : FIX_AVAILABLE, fixedVersion == null ? noFixReason : null, null, null,
                null, null);
    }
}
