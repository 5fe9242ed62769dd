package io.patchflow.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** docker/compose.yaml as Docker Compose reads it (YAML merge keys resolved), for tests that check its wiring. */
final class ComposeFile {

    static final Path PATH = Path.of("docker/compose.yaml");

    private final Map<String, Object> services;

    private ComposeFile(Map<String, Object> services) {
        this.services = services;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(PATH));
        return new ComposeFile((Map<String, Object>) compose.get("services"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> service(String name) {
        Map<String, Object> service = (Map<String, Object>) services.get(name);
        if (service == null) {
            throw new AssertionError(PATH + " has no service '" + name + "' (it has " + services.keySet() + ")");
        }
        return service;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String service, String key) {
        return (Map<String, Object>) service(service).get(key);
    }

    @SuppressWarnings("unchecked")
    List<String> list(String service, String key) {
        return (List<String>) service(service).get(key);
    }

    /** The health check's command as Docker runs it: ["CMD", program, args...] without the "CMD". */
    @SuppressWarnings("unchecked")
    List<String> healthCheckCommand(String service) {
        List<String> test = (List<String>) map(service, "healthcheck").get("test");
        if (!"CMD".equals(test.get(0))) {
            throw new AssertionError("expected an exec-form health check [\"CMD\", ...] in " + service + ": " + test);
        }
        return test.subList(1, test.size());
    }
}
