package io.patchflow.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Package versions as they are stored in a text column (a JSON array): the rollout's targets and recorded versions,
 * and the simulated fleet's journal of what it applied.
 */
public final class PackageTargetsJson {

    private static final TypeReference<List<PackageTarget>> TARGETS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public PackageTargetsJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(List<PackageTarget> targets) {
        try {
            return json.writeValueAsString(targets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Package versions cannot be written as JSON", e);
        }
    }

    /** The versions stored in {@code text}; none for SQL NULL. */
    public List<PackageTarget> read(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, TARGETS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored package versions are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
