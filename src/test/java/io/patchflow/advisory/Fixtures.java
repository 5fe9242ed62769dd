package io.patchflow.advisory;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-world files of {@code ../shared/fixtures}, located by the {@code patchflow.fixtures} property. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path path(String relative) {
        String root = System.getProperty("patchflow.fixtures", "../shared/fixtures");
        Path path = Path.of(root).resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("Fixture " + path.toAbsolutePath() + " is missing; set -Dpatchflow.fixtures");
        }
        return path;
    }
}
