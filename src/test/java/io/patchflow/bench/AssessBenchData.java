package io.patchflow.bench;

import io.patchflow.advisory.version.VersionComparator;
import io.patchflow.advisory.version.VersionComparators;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the synthetic fleet and advisories of bench/assess.sh from real Debian package lists: this machine's
 * {@code dpkg-query} output (every host has these packages) and {@code apt-cache dumpavail} (a pool of other real
 * packages, a different few hundred per host). Versions vary across hosts per source package: 70% the real version,
 * 15% an older one (last number decremented), 10% an older backport-style one ({@code ~bench1}), 5% a newer one
 * ({@code +bench1}). Advisories are Debian OSV records on the real source package names: most are historical (fixed
 * below every version in the fleet, as most advisories of a package are), the rest fixed at the real version, fixed
 * only in the newer one, without fix, closed by last_affected, or listing versions explicitly. Fixed versions are
 * checked with the project's own dpkg ordering. Deterministic for a seed.
 *
 * <p>Run with the source launcher on the compiled classes, JDK only:
 * {@code java -cp target/classes AssessBenchData.java --dpkg F --dumpavail F --hosts N --out DIR [--copy]}.
 * Writes DIR/inventory.json (the POST /api/v1/inventory JSON), DIR/advisories.json (an OSV array) and with --copy
 * DIR/inv_host.tsv and DIR/inv_package.tsv for PostgreSQL's COPY. Not a test: the suite does not run it.
 */
public final class AssessBenchData {

    private static final VersionComparator DPKG = VersionComparators.forEcosystem("Debian");
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");
    private static final String[] ENVIRONMENTS = {"production", "production", "staging", "test"};
    private static final String[] CRITICALITIES = {"low", "medium", "high", "critical"};

    record Pkg(String name, String version, String source, String sourceVersion, String arch) {
    }

    private final Random random;
    private final List<Pkg> installed;
    private final List<Pkg> extras;
    private final int hosts;
    private final int packagesPerHost;
    private final int advisories;

    AssessBenchData(List<Pkg> installed, List<Pkg> available, int hosts, int packagesPerHost, int advisories,
            long seed) {
        this.random = new Random(seed);
        this.installed = installed.size() > packagesPerHost ? installed.subList(0, packagesPerHost) : installed;
        Set<String> installedNames = new LinkedHashSet<>();
        installed.forEach(p -> installedNames.add(p.name()));
        List<Pkg> others = new ArrayList<>(available.stream().filter(p -> !installedNames.contains(p.name()))
                .toList());
        Collections.shuffle(others, random);
        this.extras = others.subList(0, Math.min(others.size(), 3000));
        this.hosts = hosts;
        this.packagesPerHost = packagesPerHost;
        this.advisories = advisories;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--copy")) {
                options.put("copy", "true");
            } else {
                options.put(args[i].substring(2), args[++i]);
            }
        }
        AssessBenchData data = new AssessBenchData(dpkg(Path.of(options.get("dpkg"))),
                dumpavail(Path.of(options.get("dumpavail"))), Integer.parseInt(options.get("hosts")),
                Integer.parseInt(options.getOrDefault("packages", "1000")),
                Integer.parseInt(options.getOrDefault("advisories", "20000")),
                Long.parseLong(options.getOrDefault("seed", "20261122")));
        Path out = Path.of(options.get("out"));
        Files.createDirectories(out);
        data.writeAdvisories(out.resolve("advisories.json"));
        data.writeFleet(out, options.containsKey("copy"));
    }

    /** {@code dpkg-query -W -f='${Package}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}\n'}. */
    static List<Pkg> dpkg(Path file) throws IOException {
        List<Pkg> result = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length >= 5 && !f[1].isEmpty()) {
                result.add(new Pkg(f[0], f[1], f[2].isEmpty() ? f[0] : f[2], f[3].isEmpty() ? f[1] : f[3], f[4]));
            }
        }
        return result;
    }

    /** {@code apt-cache dumpavail}: Package, Version, Source ("name" or "name (version)"), Architecture. */
    static List<Pkg> dumpavail(Path file) throws IOException {
        List<Pkg> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String name = null;
        String version = null;
        String source = null;
        String arch = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                if (name != null && version != null && seen.add(name)) {
                    String sourceName = source == null ? name : source.split(" ")[0];
                    String sourceVersion = source != null && source.contains("(")
                            ? source.substring(source.indexOf('(') + 1, source.indexOf(')')) : version;
                    result.add(new Pkg(name, version, sourceName, sourceVersion, arch));
                }
                name = version = source = arch = null;
            } else if (line.startsWith("Package: ")) {
                name = line.substring(9).strip();
            } else if (line.startsWith("Version: ")) {
                version = line.substring(9).strip();
            } else if (line.startsWith("Source: ")) {
                source = line.substring(8).strip();
            } else if (line.startsWith("Architecture: ")) {
                arch = line.substring(14).strip();
            }
        }
        return result;
    }

    // ---- versions -------------------------------------------------------------------------------------------

    /** 0 real, 1 older (last number decremented), 2 older backport (~bench1), 3 newer (+bench1). */
    static int variant(int host, String source) {
        int h = Math.floorMod((source.hashCode() * 31 + host) * 0x9E3779B1, 100);
        return h < 70 ? 0 : h < 85 ? 1 : h < 95 ? 2 : 3;
    }

    static String vary(String version, int variant) {
        return switch (variant) {
            case 1 -> decremented(version);
            case 2 -> version + "~bench1";
            case 3 -> version + "+bench1";
            default -> version;
        };
    }

    static String decremented(String version) {
        Matcher m = LAST_NUMBER.matcher(version);
        if (m.find()) {
            long n = Long.parseLong(m.group(1).length() > 15 ? m.group(1).substring(0, 15) : m.group(1));
            if (n > 0 && m.group(1).length() <= 15) {
                return version.substring(0, m.start(1)) + (n - 1) + version.substring(m.end(1));
            }
        }
        return version + "~bench0";
    }

    /** Below every version of the source in the fleet: what a long-fixed advisory names. */
    static String belowAll(String version) {
        String lowest = version;
        for (int v = 1; v <= 3; v++) {
            if (DPKG.compare(vary(version, v), lowest) < 0) {
                lowest = vary(version, v);
            }
        }
        String fixed = lowest + "~~";
        if (DPKG.compare(fixed, lowest) >= 0) {
            throw new IllegalStateException(fixed + " is not below " + lowest);
        }
        return fixed;
    }

    // ---- advisories -------------------------------------------------------------------------------------------

    void writeAdvisories(Path file) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        installed.forEach(p -> sources.putIfAbsent(p.source(), p.sourceVersion()));
        extras.forEach(p -> sources.putIfAbsent(p.source(), p.sourceVersion()));
        List<String> names = new ArrayList<>(sources.keySet());
        int[] kinds = new int[7];
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("[\n");
            for (int i = 0; i < advisories; i++) {
                String source = names.get(random.nextInt(names.size()));
                String v = sources.get(source);
                int roll = random.nextInt(1000);
                String ecosystem = random.nextInt(5) == 0 ? "Debian" : "Debian:12";
                String ranges;
                String versions = "";
                int kind;
                if (roll < 20) {            // fixed at the real version: hosts on older ones are vulnerable
                    kind = 1;
                    ranges = range("{\"introduced\":\"0\"},{\"fixed\":\"" + v + "\"}");
                } else if (roll < 25) {     // fixed only in the newer version: most hosts vulnerable
                    kind = 2;
                    ranges = range("{\"introduced\":\"0\"},{\"fixed\":\"" + vary(v, 3) + "\"}");
                } else if (roll < 28) {     // no fix yet
                    kind = 3;
                    ranges = range("{\"introduced\":\"0\"}");
                } else if (roll < 32) {     // closed by last_affected at the older version
                    kind = 4;
                    ranges = range("{\"introduced\":\"0\"},{\"last_affected\":\"" + decremented(v) + "\"}");
                } else if (roll < 35) {     // explicit versions only
                    kind = 5;
                    ranges = "";
                    versions = ",\"versions\":[\"" + vary(v, 2) + "\"]";
                } else if (roll < 40) {     // two ranges, the first historical, the second introduced and fixed again
                    kind = 6;
                    ranges = range("{\"introduced\":\"0\"},{\"fixed\":\"" + belowAll(v) + "\"},{\"introduced\":\""
                            + vary(v, 1) + "\"},{\"fixed\":\"" + v + "\"}");
                } else {                    // historical: fixed below everything the fleet runs
                    kind = 0;
                    ranges = range("{\"introduced\":\"0\"},{\"fixed\":\"" + belowAll(v) + "\"}");
                }
                kinds[kind]++;
                String id = String.format("BENCH-DSA-%05d", i);
                w.write((i == 0 ? "" : ",\n") + "{\"schema_version\":\"1.6.0\",\"id\":\"" + id
                        + "\",\"modified\":\"2026-11-01T00:00:00Z\",\"published\":\"2026-10-01T00:00:00Z\","
                        + "\"aliases\":[\"CVE-2026-" + (10000 + i) + "\"],\"summary\":\"synthetic advisory on "
                        + source + "\",\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem + "\",\"name\":\""
                        + source + "\"}" + (ranges.isEmpty() ? "" : ",\"ranges\":[" + ranges + "]") + versions
                        + "}]}");
            }
            w.write("\n]\n");
        }
        System.err.printf("advisories: %d on %d source packages; historical %d, fixed at real %d, fixed only newer "
                + "%d, no fix %d, last_affected %d, versions list %d, two ranges %d%n", advisories, names.size(),
                kinds[0], kinds[1], kinds[2], kinds[3], kinds[4], kinds[5], kinds[6]);
    }

    private static String range(String events) {
        return "{\"type\":\"ECOSYSTEM\",\"events\":[" + events + "]}";
    }

    // ---- fleet ------------------------------------------------------------------------------------------------

    void writeFleet(Path out, boolean copy) throws IOException {
        int extraPerHost = Math.max(0, packagesPerHost - installed.size());
        try (Writer json = buffered(out.resolve("inventory.json"));
                Writer hostsTsv = copy ? buffered(out.resolve("inv_host.tsv")) : Writer.nullWriter();
                Writer packagesTsv = copy ? buffered(out.resolve("inv_package.tsv")) : Writer.nullWriter()) {
            json.write("{\"hosts\":[\n");
            int[] pool = new int[extras.size()];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = i;
            }
            StringBuilder line = new StringBuilder(256);
            for (int h = 1; h <= hosts; h++) {
                String host = String.format("bench-host-%06d", h);
                String environment = ENVIRONMENTS[h % ENVIRONMENTS.length];
                String criticality = CRITICALITIES[h % CRITICALITIES.length];
                json.write((h == 1 ? "" : ",\n") + "{\"name\":\"" + host + "\",\"os\":\"Debian:12\",\"environment\":\""
                        + environment + "\",\"groups\":[\"bench\"],\"criticality\":\"" + criticality
                        + "\",\"internetFacing\":" + (h % 10 == 0) + ",\"packages\":[");
                hostsTsv.write(h + "\t" + host + "\tDebian:12\t" + environment + "\t" + criticality + "\t"
                        + (h % 10 == 0) + "\t2026-11-22 00:00:00+00\t2026-11-22 00:00:00+00\n");
                boolean first = true;
                for (Pkg p : installed) {
                    first = writePackage(json, packagesTsv, line, h, p, first);
                }
                for (int k = 0; k < extraPerHost && k < pool.length; k++) {   // partial shuffle: distinct picks
                    int j = k + random.nextInt(pool.length - k);
                    int swap = pool[k];
                    pool[k] = pool[j];
                    pool[j] = swap;
                    first = writePackage(json, packagesTsv, line, h, extras.get(pool[k]), first);
                }
                json.write("]}");
            }
            json.write("\n]}\n");
        }
    }

    private static boolean writePackage(Writer json, Writer tsv, StringBuilder line, int host, Pkg p, boolean first)
            throws IOException {
        int variant = variant(host, p.source());
        String version = vary(p.version(), variant);
        String sourceVersion = vary(p.sourceVersion(), variant);
        line.setLength(0);
        line.append(first ? "" : ",").append("{\"name\":\"").append(p.name()).append("\",\"version\":\"")
                .append(version).append('"');
        if (!p.source().equals(p.name())) {
            line.append(",\"source\":\"").append(p.source()).append('"');
        }
        if (!sourceVersion.equals(version)) {
            line.append(",\"sourceVersion\":\"").append(sourceVersion).append('"');
        }
        line.append(",\"arch\":\"").append(p.arch()).append("\"}");
        json.append(line);
        line.setLength(0);
        line.append(host).append("\tDebian:12\t").append(p.name()).append('\t').append(version).append('\t')
                .append(p.source()).append('\t').append(sourceVersion).append('\t').append(p.arch())
                .append("\t\\N\n");
        tsv.append(line);
        return false;
    }

    private static Writer buffered(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file), 1 << 20);
    }
}
