package io.patchflow.advisory;

import java.util.List;

/**
 * One vulnerable package on one host, for one advisory: the shape of {@code GET /api/v1/findings}.
 * {@code status} is {@code FIX_AVAILABLE} (with the lowest {@code fixedVersion} that resolves it) or {@code NO_FIX}.
 */
public record Finding(String host, String ecosystem, String packageName, String installedVersion, String advisory,
        List<String> aliases, String fixedVersion, String status, String priority) {

    public static final String FIX_AVAILABLE = "FIX_AVAILABLE";
    public static final String NO_FIX = "NO_FIX";
}
