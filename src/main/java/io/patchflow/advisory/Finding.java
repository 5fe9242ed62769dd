package io.patchflow.advisory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One vulnerable package on one host, for one advisory: the shape of {@code GET /api/v1/findings}.
 * {@code status} is {@code FIX_AVAILABLE} (with the lowest {@code fixedVersion} that resolves it) or {@code NO_FIX}.
 * In JSON the package is {@code "package"}, and {@code fixedVersion}/{@code priority} appear even when null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Finding(String host, String ecosystem, @JsonProperty("package") String packageName, String installedVersion, String advisory,
        List<String> aliases, String fixedVersion, String status, String priority) {

    public static final String FIX_AVAILABLE = "FIX_AVAILABLE";
    public static final String NO_FIX = "NO_FIX";
}
