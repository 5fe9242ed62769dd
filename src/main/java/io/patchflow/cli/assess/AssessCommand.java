package io.patchflow.cli.assess;

import io.patchflow.advisory.AdvisoryMatch;
import io.patchflow.advisory.OfflineAdvisories;
import io.patchflow.cli.options.UsageException;
import io.patchflow.inventory.InventoryFormat;
import io.patchflow.shared.BadInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * {@code assess}: matches an inventory against OSV advisories offline and writes the findings. The phases are timed
 * separately: parse (stream the inventory into a {@link FleetTable}), index (read the advisories and build the
 * matching index, on a second thread beside the parse), match (each distinct tuple once), write (join the verdicts
 * back to the hosts, stream JSON).
 * The output goes to a temporary file beside {@code --out} that replaces it only when complete, so a failed run never
 * leaves half a findings file behind.
 */
public final class AssessCommand {

    public static final String NAME = "assess";
    public static final String USAGE = """
            assess --inventory FILE|DIR... --advisories PATH [--out FILE] [--inventory-format F] [--host H] [--os OS]
              Matches the hosts of the inventory against the advisories of PATH offline (no database, no server)
              and writes the findings as a JSON array, in the shape of GET /api/v1/findings, to --out or standard
              output; a one-line summary goes to standard error.
              --inventory         a file, or a folder of files; may be given several times
              --inventory-format  json (default: the JSON of POST /api/v1/inventory), csv, dpkg, rpm, cyclonedx,
                                  package-facts (see docs/inventory-formats.md)
              --os OS             required with dpkg, rpm, cyclonedx and package-facts (one file per host): the
                                  host's OSV ecosystem with release, e.g. Debian:12; for csv it fills empty os cells
              --host H            the host of a single dpkg/rpm/cyclonedx/package-facts file; with several files
                                  or a folder, each file's name without extension names its host
              PATH                an OSV file (one object or an array), an OSV zip as osv.dev publishes it, or a
                                  directory of OSV .json / .zip files
              Exit codes: 0 done, 2 bad usage or bad input (the message names the file and line or field), 1 other.
            """;

    private final PrintStream out;
    private final PrintStream err;

    public AssessCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        try {
            AssessOptions options = AssessOptions.parse(args);
            if (options.help()) {
                out.print(usage());
                return 0;
            }
            assess(options);
            return 0;
        } catch (UsageException e) {
            err.println("patchflow assess: " + e.getMessage());
            err.print(usage());
            return 2;
        } catch (BadInputException e) {
            err.println("patchflow assess: " + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("patchflow assess: " + e);
            return 1;
        }
    }

    private static String usage() {
        return "Usage: java -jar patchflow.jar " + USAGE;
    }

    private void assess(AssessOptions options) throws IOException {
        InventoryFormat format = InventoryReaders.format(options.inventoryFormat());
        List<InventoryFile> files = InventoryFiles.of(options, format);
        InventoryReader reader = InventoryReaders.reader(format);
        long start = System.nanoTime();
        // The advisories are read and indexed on a second thread while this one streams the inventory: the two
        // inputs are independent, and on a machine with two cores the index then costs almost no wall time.
        CompletableFuture<Timed<OfflineAdvisories>> indexing = CompletableFuture.supplyAsync(
                () -> Timed.of(() -> OfflineAdvisories.load(options.advisories())), AssessCommand::daemon);
        FleetTable fleet = new FleetTable();
        DistinctHosts sink = new DistinctHosts(fleet);
        for (InventoryFile file : files) {
            sink.reading(file.file());
            reader.read(file.file(), file.host(), sink);
        }
        fleet.done();
        long parsed = System.nanoTime();
        Timed<OfflineAdvisories> indexed = await(indexing);
        OfflineAdvisories advisories = indexed.value();
        long ready = System.nanoTime();
        List<AdvisoryMatch>[] verdicts = match(fleet, advisories);
        long matched = System.nanoTime();
        FindingJsonWriter written = write(options.out(), fleet, verdicts);
        long end = System.nanoTime();
        err.printf(Locale.ROOT, "assess: %d hosts, %d packages, %d distinct tuples, %d advisories (%d withdrawn), "
                + "%d findings (%d without fix); parse %s, index %s (beside parse; waited %s), match %s, write %s, "
                + "total %s%n", fleet.hosts(), fleet.packages(), fleet.tuples().size(), advisories.advisories(),
                advisories.withdrawn(), written.written(), written.withoutFix(), seconds(parsed - start),
                seconds(indexed.nanos()), seconds(ready - parsed), seconds(matched - ready), seconds(end - matched),
                seconds(end - start));
    }

    /** A result with the time it took. */
    private record Timed<T>(T value, long nanos) {

        interface Work<T> {
            T run() throws IOException;
        }

        static <T> Timed<T> of(Work<T> work) {
            long start = System.nanoTime();
            try {
                return new Timed<>(work.run(), System.nanoTime() - start);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "assess-index");
        thread.setDaemon(true);
        thread.start();
    }

    /** The background result, or its failure as the exception it was (bad input stays bad input). */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<AdvisoryMatch>[] match(FleetTable fleet, OfflineAdvisories advisories) {
        List<FleetTable.Tuple> tuples = fleet.tuples();
        List<AdvisoryMatch>[] verdicts = new List[tuples.size()];
        for (int i = 0; i < verdicts.length; i++) {
            FleetTable.Tuple t = tuples.get(i);
            List<AdvisoryMatch> matches = advisories.matches(t.ecosystem(), t.name(), t.version());
            verdicts[i] = matches.isEmpty() ? null : matches;
        }
        return verdicts;
    }

    /** Hosts by name, and within a host its vulnerable tuples by package, ecosystem and version: the API's order. */
    private FindingJsonWriter write(Path target, FleetTable fleet, List<AdvisoryMatch>[] verdicts)
            throws IOException {
        List<FleetTable.Tuple> tuples = fleet.tuples();
        OutputOrder order = OutputOrder.of(tuples, verdicts);
        Integer[] hosts = new Integer[fleet.hosts()];
        Arrays.setAll(hosts, i -> i);
        Arrays.sort(hosts, Comparator.comparing(fleet::hostName));
        Path temporary = target == null ? null
                : absoluteParent(target).resolve("." + target.getFileName() + "." + ProcessHandle.current().pid());
        try {
            FindingJsonWriter writer;
            try (OutputStream stream = new BufferedOutputStream(target == null ? new NonClosing(out)
                    : Files.newOutputStream(temporary), 1 << 20)) {
                writer = new FindingJsonWriter(stream);
                byte[][][] parts = findingParts(tuples, verdicts);
                int[] byRank = new int[0];
                for (int host : hosts) {
                    int[] hostTuples = fleet.tuplesOf(host);
                    if (byRank.length < hostTuples.length) {
                        byRank = new int[hostTuples.length];
                    }
                    int count = 0;
                    for (int tuple : hostTuples) {
                        if (verdicts[tuple] != null) {
                            byRank[count++] = order.rank()[tuple];
                        }
                    }
                    if (count == 0) {
                        continue;
                    }
                    Arrays.sort(byRank, 0, count);
                    byte[] hostPart = FindingJsonWriter.hostPart(fleet.hostName(host));
                    int previous = -1;
                    for (int i = 0; i < count; i++) {
                        if (byRank[i] == previous) {
                            continue;
                        }
                        previous = byRank[i];
                        int tuple = order.tupleAt()[previous];
                        List<AdvisoryMatch> matches = verdicts[tuple];
                        for (int m = 0; m < matches.size(); m++) {
                            writer.write(hostPart, parts[tuple][m], matches.get(m).fixedVersion() != null);
                        }
                    }
                }
                writer.close();
            }
            if (temporary != null) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return writer;
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Each vulnerable tuple's findings without their host, encoded once. */
    private static byte[][][] findingParts(List<FleetTable.Tuple> tuples, List<AdvisoryMatch>[] verdicts) {
        byte[][][] parts = new byte[verdicts.length][][];
        for (int t = 0; t < verdicts.length; t++) {
            if (verdicts[t] != null) {
                parts[t] = new byte[verdicts[t].size()][];
                for (int m = 0; m < parts[t].length; m++) {
                    parts[t][m] = FindingJsonWriter.findingPart(tuples.get(t), verdicts[t].get(m));
                }
            }
        }
        return parts;
    }

    /** The vulnerable tuples in output order: {@code rank[tuple]} (-1 when not vulnerable) and its inverse. */
    private record OutputOrder(int[] rank, int[] tupleAt) {

        static OutputOrder of(List<FleetTable.Tuple> tuples, List<AdvisoryMatch>[] verdicts) {
            Integer[] vulnerable = IntStream.range(0, verdicts.length).filter(i -> verdicts[i] != null).boxed()
                    .toArray(Integer[]::new);
            Arrays.sort(vulnerable, Comparator.comparing((Integer i) -> tuples.get(i).name())
                    .thenComparing(i -> tuples.get(i).ecosystem()).thenComparing(i -> tuples.get(i).version()));
            int[] rank = new int[verdicts.length];
            Arrays.fill(rank, -1);
            int[] tupleAt = new int[vulnerable.length];
            for (int r = 0; r < vulnerable.length; r++) {
                rank[vulnerable[r]] = r;
                tupleAt[r] = vulnerable[r];
            }
            return new OutputOrder(rank, tupleAt);
        }
    }

    private static Path absoluteParent(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException(target.toString(), "the folder to write the findings into does not exist");
        }
        return parent;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** Standard output stays open after the findings are written. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
