package io.patchflow.deployment.ansible;

import io.patchflow.deployment.StopRequests;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@code ansible-playbook}, waits for it within the time limit and stops it on cancellation. Stopping kills
 * the whole process tree (Ansible's forks and their connections), not just the parent, so no worker keeps patching
 * a host after Patchflow reported it failed. The command line it logs holds no secret: secrets never go on it.
 */
class PlaybookRunner {

    private static final Logger log = LoggerFactory.getLogger(PlaybookRunner.class);
    private static final int STDERR_TAIL = 400;

    private final Map<String, Set<Running>> running = new ConcurrentHashMap<>();
    private final StopRequests stops;
    private final Duration stopPoll;

    /**
     * {@code stops}: cancellations taken by any node, asked every {@code stopPoll} while a run waits; null: only this
     * node's {@link #cancel} stops a run (a single node, or a test of the runner alone).
     */
    PlaybookRunner(StopRequests stops, Duration stopPoll) {
        this.stops = stops;
        this.stopPoll = stopPoll;
    }

    PlaybookRunner() {
        this(null, null);
    }

    RunExit run(String changeId, List<String> command, Map<String, String> environment, RunDirectory dir,
            Duration timeout) {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.path().toFile())
                .redirectOutput(dir.events().toFile()).redirectError(dir.stderr().toFile());
        builder.environment().putAll(environment);
        Running run;
        try {
            run = new Running(builder.start());
        } catch (IOException e) {
            return new RunExit(-1, RunExit.Ended.NOT_STARTED, elapsed(start), "cannot start " + command.get(0)
                    + ": " + e.getMessage());
        }
        Set<Running> ofChange = running.computeIfAbsent(key(changeId), k -> ConcurrentHashMap.newKeySet());
        ofChange.add(run);
        log.info("Ansible run for {} started (pid {}): {}", key(changeId), run.process.pid(), String.join(" ",
                command));
        try {
            boolean exited = awaitExit(changeId, run, start + timeout.toNanos());
            if (!exited) {
                killTree(run.process);
                return new RunExit(-1, RunExit.Ended.TIMED_OUT, elapsed(start), tail(dir.stderr().toFile()));
            }
            if (run.cancelled) {
                return new RunExit(run.process.exitValue(), RunExit.Ended.CANCELLED, elapsed(start),
                        tail(dir.stderr().toFile()));
            }
            return new RunExit(run.process.exitValue(), RunExit.Ended.FINISHED, elapsed(start),
                    tail(dir.stderr().toFile()));
        } catch (InterruptedException e) {
            killTree(run.process);
            Thread.currentThread().interrupt();
            return new RunExit(-1, RunExit.Ended.CANCELLED, elapsed(start), "Patchflow was interrupted");
        } finally {
            ofChange.remove(run);
        }
    }

    /**
     * Waits until the run ends or the deadline ({@link System#nanoTime}) passes; answers whether it ended. A stop
     * requested on any node meanwhile kills it as {@link #cancel} does here.
     */
    private boolean awaitExit(String changeId, Running run, long deadline) throws InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return !run.process.isAlive();
            }
            long slice = stops == null ? left : Math.min(left, stopPoll.toNanos());
            if (run.process.waitFor(slice, TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (stops != null && changeId != null && stops.requested(changeId)) {
                log.info("Stopping the Ansible run of {}: its change was cancelled (on this or another node)",
                        changeId);
                run.cancelled = true;
                killTree(run.process);
                return true;
            }
        }
    }

    /** Kills the change's runs; each reports its hosts as cancelled. Returns how many runs were stopped. */
    int cancel(String changeId) {
        // A copy: a stopped run removes itself from the live set while this loop is still counting.
        List<Running> runs = List.copyOf(running.getOrDefault(key(changeId), Set.of()));
        runs.forEach(r -> {
            r.cancelled = true;
            killTree(r.process);
        });
        if (!runs.isEmpty()) {
            log.info("Stopped {} Ansible run(s) of {}", runs.size(), changeId);
        }
        return runs.size();
    }

    /** Children first, twice: a fork started while the first round was killing is caught by the second. */
    static void killTree(Process process) {
        for (int round = 0; round < 2; round++) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String key(String changeId) {
        return changeId == null ? "(no change)" : changeId;
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String tail(File file) {
        try {
            String text = Files.readString(file.toPath(), StandardCharsets.UTF_8).strip();
            return text.length() > STDERR_TAIL ? "..." + text.substring(text.length() - STDERR_TAIL) : text;
        } catch (IOException e) {
            return "";
        }
    }

    private static final class Running {
        private final Process process;
        private volatile boolean cancelled;

        Running(Process process) {
            this.process = process;
        }
    }
}
