package io.patchflow.operations;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's nginx running docker/proxy/patchflow.conf unchanged but for the addresses: the listen port and the two
 * upstream servers (compose service names, which do not resolve here) become local ports. Wrapped in a minimal
 * nginx.conf like the official image's, which includes the file inside its http block.
 */
final class NginxProxy implements AutoCloseable {

    static final Path CONFIG = Path.of("docker/proxy/patchflow.conf");

    private final Path dir;
    private final Process process;
    final int port;

    private NginxProxy(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static NginxProxy start(int node1Port, int node2Port) throws Exception {
        Path dir = Files.createTempDirectory("patchflow-proxy");
        int port = freePort();
        String config = replaceOnce(Files.readString(CONFIG), "listen 80;", "listen 127.0.0.1:" + port + ";");
        config = replaceOnce(config, "server patchflow-1:8080 ", "server 127.0.0.1:" + node1Port + " ");
        config = replaceOnce(config, "server patchflow-2:8080 ", "server 127.0.0.1:" + node2Port + " ");
        Files.writeString(dir.resolve("patchflow.conf"), config);
        Files.writeString(dir.resolve("nginx.conf"), """
                # When run as root, nginx's workers would otherwise switch to "nobody" and lose the temporary files.
                user root;
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    include %1$s/patchflow.conf;
                }
                """.formatted(dir));
        List<String> nginx = List.of(nginx(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString());

        Process test = new ProcessBuilder(concat(nginx, "-t")).redirectErrorStream(true).start();
        String testOutput = new String(test.getInputStream().readAllBytes());
        if (!test.waitFor(30, TimeUnit.SECONDS) || test.exitValue() != 0) {
            throw new AssertionError("nginx -t refuses " + CONFIG + ":\n" + testOutput);
        }
        Process process = new ProcessBuilder(nginx).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile()).start();
        NginxProxy proxy = new NginxProxy(dir, process, port);
        proxy.awaitListening();
        return proxy;
    }

    private void awaitListening() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx ended at once: " + Files.readString(dir.resolve("nginx.out")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port + " within 20 s");
    }

    private static String nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("The proxy tests run the real nginx, and none is installed: apt-get install "
                + "nginx-light (Debian), or put nginx in /usr/sbin");
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new AssertionError(CONFIG + " must contain '" + target + "' exactly once");
        }
        return text.replace(target, replacement);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> concat(List<String> command, String argument) {
        return Stream.concat(command.stream(), Stream.of(argument)).toList();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
