package io.patchflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb, pg_ctl) in a temporary directory on a free port, for tests that
 * restart the database under a running application: the machine's PostgreSQL is shared by other tests and is never
 * restarted. The binaries come from {@code PATCHFLOW_PG_BIN}, else the newest {@code /usr/lib/postgresql/<n>/bin};
 * without them the test fails and says what to install. PostgreSQL refuses to run as root, so when the JVM is root
 * the server runs as the {@code postgres} system user (through {@code runuser}) and its directory belongs to it.
 * Trust authentication, listening on 127.0.0.1 only; user {@code postgres}, database {@code patchflow}.
 */
public final class PrivatePostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "patchflow";
    private static final String SYSTEM_USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path dir;
    private final int port;

    private PrivatePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Creates the cluster, starts it and creates the database {@value #DATABASE}. */
    public static PrivatePostgres start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("patchflow-pg-");
            PrivatePostgres server = new PrivatePostgres(bin, dir, freePort());
            if (runningAsRoot()) {
                server.run(List.of("chown", "-R", SYSTEM_USER + ":", dir.toString()), false);
                // The temporary directory is created 0700 for root; the server's own user must enter it.
                server.run(List.of("chmod", "0700", dir.toString()), false);
            }
            server.run(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--no-sync"), true);
            server.pgCtl("start");
            server.execute("CREATE DATABASE " + DATABASE);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-private-postgres"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("No temporary directory for a private PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /**
     * {@code pg_ctl restart -m fast}: every connection is cut, open transactions roll back, and the server comes
     * back on the same port; returns once it accepts connections again.
     */
    public void restart() {
        pgCtl("restart", "-m", "fast");
    }

    /** Stops the server at once and removes its directory; safe to call twice. */
    @Override
    public synchronized void close() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                pgCtl("stop", "-m", "immediate");
            }
        } catch (RuntimeException e) {
            System.err.println("Private PostgreSQL in " + dir + " not stopped: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Private PostgreSQL directory " + dir + " not removed: " + e.getMessage());
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(),
                "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"));
        command.add(action);
        command.addAll(List.of(options));
        run(command, true);
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Private PostgreSQL on port " + port + " refused " + sql, e);
        }
    }

    /** Runs a command (as the server's user when {@code asServer} and we are root); fails with its output. */
    private void run(List<String> command, boolean asServer) {
        List<String> full = new ArrayList<>();
        if (asServer && runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("patchflow-pg-cmd-", ".log");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).directory(Paths.get("/").toFile()).start();
                if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", full) + " did not finish in "
                            + COMMAND_TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", full) + " failed with status "
                            + process.exitValue() + ":\n" + Files.readString(output, StandardCharsets.UTF_8)
                            + serverLogTail());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", full), e);
        }
    }

    private String serverLogTail() {
        Path log = dir.resolve("server.log");
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\nserver log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static Path binaries() {
        String configured = System.getenv("PATCHFLOW_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return checked(Paths.get(configured));
        }
        Path versions = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                Path newest = dirs.filter(d -> Files.isExecutable(d.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(PrivatePostgres::majorVersion)).orElse(null);
                if (newest != null) {
                    return checked(newest.resolve("bin"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + versions, e);
            }
        }
        throw new IllegalStateException("This test runs a PostgreSQL server of its own and needs initdb and pg_ctl: "
                + "none under /usr/lib/postgresql/<version>/bin. Install the PostgreSQL server package "
                + "(apt-get install postgresql) or point PATCHFLOW_PG_BIN at the directory holding them.");
    }

    private static Path checked(Path bin) {
        for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(bin.resolve(tool))) {
                throw new IllegalStateException("No executable " + tool + " in " + bin + " (PATCHFLOW_PG_BIN or "
                        + "/usr/lib/postgresql/<version>/bin): this test needs the PostgreSQL server binaries");
            }
        }
        return bin;
    }

    private static int majorVersion(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for a private PostgreSQL", e);
        }
    }
}
