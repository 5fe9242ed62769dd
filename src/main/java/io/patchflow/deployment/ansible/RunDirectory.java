package io.patchflow.deployment.ansible;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The directory of one run under the configured work directory, readable by Patchflow's user only: the inventory,
 * Patchflow's playbooks, the become password file (owner read/write only), the event stream and Ansible's stderr.
 * Deleted after the run (unless {@code keep-run-dirs}); the password file is deleted in any case.
 */
final class RunDirectory implements AutoCloseable {

    static final List<String> PLAYBOOKS = List.of("record-versions.yml", "patch.yml", "mark-applied.yml",
            "refresh.yml");

    private final Path dir;
    private final boolean keep;

    private RunDirectory(Path dir, boolean keep) {
        this.dir = dir;
        this.keep = keep;
    }

    /** A new run directory named after the run, e.g. {@code CHG-000042-production-canary-b1-patch-1a2b3c4d}. */
    static RunDirectory create(Path workDir, String name, boolean keep) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Files.createDirectories(workDir);
            Path dir = workDir.resolve(safe + "-" + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
            for (String playbook : PLAYBOOKS) {
                try (InputStream in = RunDirectory.class.getResourceAsStream("/ansible/" + playbook)) {
                    if (in == null) {
                        throw new IllegalStateException("Patchflow's playbook ansible/" + playbook
                                + " is missing from the classpath");
                    }
                    Files.copy(in, dir.resolve(playbook));
                }
            }
            return new RunDirectory(dir, keep);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a run directory under " + workDir, e);
        }
    }

    Path path() {
        return dir;
    }

    Path events() {
        return dir.resolve("events.jsonl");
    }

    Path stderr() {
        return dir.resolve("ansible-stderr.txt");
    }

    Path write(String file, String content) {
        try {
            return Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The become password in a file created with owner-only permissions, for {@code --become-password-file}. */
    Path secret(String password) {
        Path file = dir.resolve("become-password");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("A become password file already exists in " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(dir.resolve("become-password"));
            if (keep) {
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean up the run directory " + dir, e);
        }
    }
}
