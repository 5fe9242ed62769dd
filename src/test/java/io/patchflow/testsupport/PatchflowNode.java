package io.patchflow.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One Patchflow node as a separate OS process, started from this JVM's class path ({@code java -cp ...
 * PatchflowApplication}) on a free port, for the cluster tests: several nodes on one database share the engine's jobs
 * exactly as an installation's nodes do, and a node can be killed with SIGKILL ({@link #kill()}), which no
 * in-process application context can imitate. Its output goes to {@code target/nodes/<name>.log}.
 * <p>
 * Each node runs the {@code postgres} profile (demo identity, so the demo users can call the API) without demo data,
 * on the given database and schema; {@code properties} are passed as {@code --key=value} and override the profile.
 */
public final class PatchflowNode implements AutoCloseable {

    private static final String MAIN_CLASS = "io.patchflow.PatchflowApplication";
    private static final Path LOG_DIR = Paths.get("target", "nodes");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private PatchflowNode(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a node on {@code schema} of the PostgreSQL server at {@code jdbcUrl} with the {@code postgres} profile,
     * without demo data, and returns once it is ready (see {@link #start(String, Map, Map, Duration)}).
     */
    public static PatchflowNode start(String name, String jdbcUrl, String user, String schema,
            Map<String, String> properties, Duration timeout) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("spring.profiles.active", "postgres");
        args.put("spring.datasource.url", jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        args.put("spring.datasource.username", user);
        args.put("spring.datasource.password", TestPostgres.PASSWORD);
        // Camunda looks for its tables in this schema only.
        args.put("camunda.bpm.database.schema-name", schema);
        args.put("camunda.bpm.database.table-prefix", schema + ".");
        args.put("patchflow.demo.data", "false");
        args.putAll(properties);
        return start(name, args, Map.of(), timeout);
    }

    /**
     * Starts a node with these application properties (its port is added) and environment variables, and returns once
     * it is ready (/actuator/health/readiness: database and job executor up), or fails with the tail of its log when
     * it exits or is not ready within {@code timeout}.
     */
    public static PatchflowNode start(String name, Map<String, String> properties, Map<String, String> environment,
            Duration timeout) {
        PatchflowNode node = launch(name, properties, environment);
        try {
            node.awaitReady(timeout);
        } catch (RuntimeException | Error e) {
            node.kill();
            throw e;
        }
        return node;
    }

    private static PatchflowNode launch(String name, Map<String, String> properties, Map<String, String> environment) {
        int port = freePort();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("server.port", Integer.toString(port));
        args.put("server.address", "127.0.0.1");
        args.putAll(properties);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx768m", "-XX:+UseSerialGC",
                "-Dpatchflow.node=" + name, "-cp", classPath(), MAIN_CLASS));
        args.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Path home = Files.createDirectories(LOG_DIR.resolve(name)).toAbsolutePath();
            Path log = LOG_DIR.resolve(name + ".log").toAbsolutePath();
            // A directory of its own: nothing the node writes lands in the project.
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            return new PatchflowNode(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Patchflow node " + name + " could not be started", e);
        }
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Patchflow node " + name + " exited with status "
                        + process.exitValue() + " while starting; last lines of " + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for node " + name, e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Patchflow node " + name + " was not ready within " + timeout
                + " (readiness: " + last + "); last lines of " + log + ":\n" + tail(40));
    }

    /** SIGKILL on Linux: no shutdown hook runs, no transaction is finished, locked jobs stay locked. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** A graceful stop (SIGTERM), then SIGKILL after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(30))) {
            kill();
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Everything the node wrote so far (standard output and error), line by line. */
    public List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The log of node " + name + " is unreadable: " + log, e);
        }
    }

    /** The last {@code lines} lines of the node's log, for failure messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "node " + name + " (pid " + process.pid() + ", port " + port + (alive() ? "" : ", dead") + ")";
    }

    /**
     * This JVM's class path without empty entries: Maven's has one, which Java reads as the working directory, and
     * the project directory's bpmn/ and forms/ would then be deployed a second time beside target/classes'.
     */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for a Patchflow node", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
