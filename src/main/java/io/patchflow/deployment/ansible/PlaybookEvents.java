package io.patchflow.deployment.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the event stream of {@code ansible-playbook} with the {@code ansible.posix.jsonl} stdout callback: one JSON
 * object per line, written as each task finishes on each host, then the play recap ({@code v2_playbook_on_stats}).
 * Because events are written as they happen, a run killed by its time limit still tells what each host had done.
 * Lines that are not JSON (warnings some plugins print to stdout) are ignored.
 */
final class PlaybookEvents {

    static final String INSTALLED_VERSIONS = "patchflow: installed versions";
    static final String APPLIED_BEFORE = "patchflow: applied before";
    static final String RESULT = "patchflow: result";
    static final String PACKAGE_FACTS = "patchflow: package facts";
    static final String SOURCE_PACKAGES = "patchflow: source packages";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, HostReport> hosts = new LinkedHashMap<>();
    private boolean recapSeen;

    private PlaybookEvents() {
    }

    static PlaybookEvents read(Path file) {
        PlaybookEvents events = new PlaybookEvents();
        if (!Files.exists(file)) {
            return events;
        }
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("{")) {
                    events.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** Whether the run got as far as its recap: only then do hosts without a failure count as done. */
    boolean complete() {
        return recapSeen;
    }

    Optional<HostReport> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    private void accept(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return; // a half-written last line of a killed run
        }
        String kind = event.path("_event").asText();
        if (kind.equals("v2_playbook_on_stats")) {
            recapSeen = true;
            event.path("stats").fields().forEachRemaining(s -> report(s.getKey()).recap(
                    s.getValue().path("failures").asInt(), s.getValue().path("unreachable").asInt()));
            return;
        }
        if (!kind.startsWith("v2_runner_on_") || kind.equals("v2_runner_on_start")) {
            return;
        }
        String task = event.path("task").path("name").asText();
        event.path("hosts").fields().forEachRemaining(h -> report(h.getKey()).result(task, h.getValue()));
    }

    private HostReport report(String host) {
        return hosts.computeIfAbsent(host, HostReport::new);
    }
}
