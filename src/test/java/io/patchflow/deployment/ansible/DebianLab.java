package io.patchflow.deployment.ansible;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small fleet of real Debian 12 root file systems for the Ansible back end, reached through Ansible's chroot
 * connection. The base system is built once with {@code debootstrap --variant=minbase bookworm} from
 * deb.debian.org (python3 and python3-apt for Ansible's apt module, and xz-utils, the lab's vulnerable package),
 * with bookworm and bookworm-security in its apt sources and the .debs of both xz-utils versions in its apt cache,
 * so patches and rollbacks need no download. It is kept as a tarball under {@code $PATCHFLOW_LAB_CACHE}
 * (default {@code ~/.cache/patchflow/lab}); each host is a copy under {@code target/}. Nothing is mounted: the
 * chroot connection runs commands with {@code chroot}, and debootstrap's own mounts are checked to be gone.
 * <p>
 * The package: the source xz-utils has an older version in bookworm (installed by debootstrap, vulnerable) and a
 * fixed one in bookworm-security; its binaries liblzma5 and xz-utils are installed, xzdec is not.
 * Missing tools or an unreachable archive fail the tests with a message saying what to do; they never skip.
 */
final class DebianLab {

    static final String SOURCE = "xz-utils";
    static final List<String> BINARIES = List.of("liblzma5", "xz-utils");
    static final String NOT_INSTALLED = "xzdec";
    static final String MIRROR = "http://deb.debian.org/debian";
    private static final String BASE = "bookworm-minbase-v1";

    final String oldVersion;
    final String fixedVersion;
    private final Path tarball;
    private final Path hostsDir;

    private DebianLab(Path tarball, Properties versions, Path hostsDir) {
        this.tarball = tarball;
        this.oldVersion = versions.getProperty("old");
        this.fixedVersion = versions.getProperty("fixed");
        this.hostsDir = hostsDir;
    }

    /** The lab, building the cached base system first if there is none (about 2 minutes, once). */
    static DebianLab open(Path hostsDir) {
        requireTools();
        Path cache = Path.of(System.getenv().getOrDefault("PATCHFLOW_LAB_CACHE",
                System.getProperty("user.home") + "/.cache/patchflow/lab"));
        try {
            Files.createDirectories(cache);
            Path tarball = cache.resolve(BASE + ".tar");
            Path versions = cache.resolve(BASE + ".properties");
            try (FileChannel lock = FileChannel.open(cache.resolve(BASE + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                if (!Files.exists(tarball) || !Files.exists(versions)) {
                    build(cache, tarball, versions);
                }
            }
            Properties props = new Properties();
            try (var in = Files.newBufferedReader(versions)) {
                props.load(in);
            }
            Files.createDirectories(hostsDir);
            return new DebianLab(tarball, props, hostsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh host: a copy of the base system. Returns its root, the host's {@code ansible_host}. */
    Path host(String name) {
        Path root = hostsDir.resolve(name);
        delete(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("tar", "-C", root.toString(), "-xf", tarball.toString()), Duration.ofMinutes(2));
        return root;
    }

    Path hostsDir() {
        return hostsDir;
    }

    /** The installed version of a package in the host, read by dpkg-query in the chroot; null when not installed. */
    String installed(String host, String pkg) {
        Result r = exec(List.of("chroot", hostsDir.resolve(host).toString(), "dpkg-query", "-W",
                "-f=${db:Status-Status} ${Version}", pkg), Duration.ofSeconds(30));
        return r.exit == 0 && r.out.startsWith("installed ") ? r.out.substring("installed ".length()).strip() : null;
    }

    /** Removes the hosts, after checking that nothing is mounted below them. */
    void destroy() {
        requireNothingMounted(hostsDir);
        delete(hostsDir);
    }

    static void requireNothingMounted(Path dir) {
        try {
            String root = dir.toAbsolutePath().normalize().toString();
            List<String> mounted = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(l -> l.split(" ")[1]).filter(m -> m.startsWith(root)).toList();
            if (!mounted.isEmpty()) {
                throw new AssertionError("file systems left mounted in the lab: " + mounted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void build(Path cache, Path tarball, Path versions) throws IOException {
        Path work = cache.resolve(BASE + ".build");
        umountBelow(work);
        delete(work);
        try {
            Result boot = exec(List.of("debootstrap", "--variant=minbase", "--include=python3,python3-apt," + SOURCE,
                    "bookworm", work.toString(), MIRROR), Duration.ofMinutes(15));
            if (boot.exit != 0) {
                throw new AssertionError("debootstrap of Debian 12 from " + MIRROR + " failed (is the Debian archive "
                        + "reachable from here?): " + tail(boot.out));
            }
            Files.writeString(work.resolve("etc/apt/sources.list"), "deb " + MIRROR + " bookworm main\n"
                    + "deb http://deb.debian.org/debian-security bookworm-security main\n");
            Files.copy(Path.of("/etc/resolv.conf"), work.resolve("etc/resolv.conf"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            chroot(work, List.of("apt-get", "update", "-q"));
            String madison = chroot(work, List.of("apt-cache", "madison", SOURCE));
            String fixed = versionFrom(madison, "bookworm-security");
            String old = versionFrom(madison, "bookworm/main");
            if (fixed == null || old == null || old.equals(fixed)) {
                throw new AssertionError("the lab needs " + SOURCE + " in an older version in bookworm and a newer "
                        + "one in bookworm-security; apt-cache madison says:\n" + madison);
            }
            for (String binary : BINARIES) {
                String installed = chroot(work, List.of("dpkg-query", "-W", "-f=${Version}", binary)).strip();
                if (!installed.equals(old)) {
                    throw new AssertionError(binary + " " + installed + " in the base system, expected " + old);
                }
            }
            // Both versions in apt's cache: the patch and the rollback need no download.
            List<String> download = new ArrayList<>(List.of("apt-get", "download"));
            for (String binary : BINARIES) {
                download.add(binary + "=" + old);
                download.add(binary + "=" + fixed);
            }
            chrootIn(work, "/var/cache/apt/archives", download);
            // Smaller copies per host: documentation is not needed to patch.
            for (String dir : List.of("usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale")) {
                delete(work.resolve(dir));
            }
            try (Stream<Path> lists = Files.list(work.resolve("var/lib/apt/lists"))) {
                for (Path p : lists.filter(p -> p.getFileName().toString().contains("Translation")).toList()) {
                    Files.delete(p);
                }
            }
            requireNothingMounted(work);
            Path partial = cache.resolve(BASE + ".tar.partial");
            run(List.of("tar", "-C", work.toString(), "-cf", partial.toString(), "."), Duration.ofMinutes(5));
            Files.move(partial, tarball, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(versions, "old=" + old + "\nfixed=" + fixed + "\n");
        } finally {
            umountBelow(work);
            delete(work);
        }
    }

    private static String versionFrom(String madison, String suite) {
        for (String line : madison.split("\n")) {
            String[] f = line.split("\\|");
            if (f.length == 3 && f[2].contains(suite) && f[2].contains("Packages")) {
                return f[1].strip();
            }
        }
        return null;
    }

    private static String chroot(Path root, List<String> command) {
        return chrootIn(root, "/", command);
    }

    private static String chrootIn(Path root, String dir, List<String> command) {
        List<String> full = new ArrayList<>(List.of("chroot", root.toString(), "sh", "-c", "cd \"$0\" && exec \"$@\"",
                dir));
        full.addAll(command);
        return run(full, Duration.ofMinutes(5));
    }

    /** debootstrap mounts /proc and /sys in the target while it works; an interrupted one can leave them. */
    private static void umountBelow(Path dir) {
        try {
            String root = dir.toAbsolutePath().normalize().toString();
            List<String> mounted = new ArrayList<>(Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(l -> l.split(" ")[1]).filter(m -> m.startsWith(root)).toList());
            mounted.sort(Comparator.reverseOrder());
            for (String m : mounted) {
                exec(List.of("umount", "-l", m), Duration.ofSeconds(30));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails, never skips, without {@code ansible-playbook} (.ci/run installs it). */
    static void requireAnsiblePlaybook() {
        if (exec(List.of("sh", "-c", "command -v ansible-playbook"), Duration.ofSeconds(10)).exit != 0) {
            throw new AssertionError("ansible-playbook is needed: apt-get install ansible (.ci/run installs it)");
        }
    }

    private static void requireTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("ansible-playbook", "debootstrap", "chroot", "tar")) {
            if (exec(List.of("sh", "-c", "command -v " + tool), Duration.ofSeconds(10)).exit != 0) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("The Ansible lab tests need " + missing + ": apt-get install ansible debootstrap "
                    + "(.ci/run installs them)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("The Ansible lab tests build Debian root file systems and must run as root");
        }
    }

    static String run(List<String> command, Duration timeout) {
        Result r = exec(command, timeout);
        if (r.exit != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + r.exit + ": " + tail(r.out));
        }
        return r.out;
    }

    static Result exec(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            var out = new java.io.ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(out);
                } catch (IOException ignored) {
                    // the process was killed
                }
            });
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            reader.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String text) {
        return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        run(List.of("rm", "-rf", "--one-file-system", dir.toString()), Duration.ofMinutes(2));
    }

    record Result(int exit, String out) {
    }
}
