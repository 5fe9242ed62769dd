package io.patchflow.shared.logging;

import io.patchflow.testsupport.PostgresIntegrationTest;
import io.patchflow.testsupport.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.util.FileSystemUtils;

/**
 * Patchflow started as a process of its own from the test classpath, on a fresh PostgreSQL schema, with the shared
 * integration context's settings ({@link PostgresIntegrationTest#postgres}) and its output (stdout and stderr) in a
 * file. A process, not a Spring test context: logging is configured once per JVM, and the contexts other tests
 * cache would share (and reconfigure) it.
 */
final class ApplicationProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final Path output;
    private final Path directory;
    private final int port;

    private ApplicationProcess(Process process, Path output, Path directory, int port) {
        this.process = process;
        this.output = output;
        this.directory = directory;
        this.port = port;
    }

    /** Starts the application with these environment variables and extra properties, and waits until it is ready. */
    static ApplicationProcess start(Map<String, String> environment, Map<String, String> properties)
            throws IOException, InterruptedException {
        String schema = TestPostgres.newSchema("pf_logs_");
        int port = freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        PostgresIntegrationTest.postgres((name, value) -> settings.put(name, String.valueOf(value.get())),
                () -> schema);
        settings.put("server.port", String.valueOf(port));
        settings.putAll(properties);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", testClasspath(),
                "io.patchflow.PatchflowApplication"));
        settings.forEach((name, value) -> command.add("--" + name + "=" + value));
        Path output = Files.createTempFile("patchflow-logs-", ".log");
        // A directory of its own: the checkout's bpmn/ folder must not be found on the classpath a second time.
        Path directory = Files.createTempDirectory("patchflow-app-");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).directory(directory.toFile());
        builder.environment().putAll(environment);
        ApplicationProcess app = new ApplicationProcess(builder.start(), output, directory, port);
        try {
            app.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
        return app;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Everything the process wrote so far, line by line. */
    List<String> outputLines() throws IOException {
        return Files.readAllLines(output, StandardCharsets.UTF_8);
    }

    Path output() {
        return output;
    }

    /**
     * Stops the application as an orchestrator would (SIGTERM), forcibly if it does not end within a minute, and
     * removes its working directory. The output file stays for the test to read (and to look at when it fails).
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        FileSystemUtils.deleteRecursively(directory.toFile());
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Patchflow ended during start-up (exit " + process.exitValue()
                        + "); its output: " + output);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Patchflow was not ready within " + START_TIMEOUT + "; its output: " + output);
    }

    /**
     * This JVM's classpath without empty entries: surefire's ends with a separator, which a new JVM reads as its
     * working directory.
     */
    private static String testClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
