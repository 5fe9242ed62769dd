package io.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.patchflow.advisory.Finding;
import io.patchflow.advisory.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assess} end to end, in-process exactly as {@code java -jar patchflow.jar assess ...} runs it (the same
 * entry point, no Spring context): real OSV files from the shared fixtures, small inventories written here.
 */
class AssessCliTest {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final String[] GHSA = {"ghsa-full_ranges.osv.json", "ghsa-maven_greater_than.osv.json",
        "ghsa-multiple_ranges_in_package.osv.json", "ghsa-npm_greater_than.osv.json", "ghsa-pypi_normalize.osv.json",
        "ghsa-withdrawn.osv.json"};

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {

        List<Finding> findings() throws IOException {
            return JSON.readValue(out, new TypeReference<>() { });
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PatchflowCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The fixture advisories as a directory, linked (not copied), plus a Debian advisory written here. */
    private Path advisoryDirectory() throws IOException {
        Path advisories = dir.resolve("advisories");
        if (Files.isDirectory(advisories)) {
            return advisories;
        }
        Files.createDirectories(advisories);
        for (String name : GHSA) {
            Files.createSymbolicLink(advisories.resolve(name), Fixtures.path("osv/" + name).toAbsolutePath());
        }
        Files.writeString(advisories.resolve("dsa.json"), """
                [{"id":"DSA-0001-1","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2099-0001"],
                  "affected":[{"package":{"ecosystem":"Debian:12","name":"openssl"},
                    "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.0.11-1~deb12u2"}]}]}]},
                 {"id":"DSA-0002-1","modified":"2024-01-01T00:00:00Z",
                  "affected":[{"package":{"ecosystem":"Debian:11","name":"openssl"},
                    "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"9.9-9"}]}]}]},
                 {"id":"DSA-0003-1","modified":"2024-01-01T00:00:00Z",
                  "affected":[{"package":{"ecosystem":"Debian:12","name":"zlib"},
                    "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}]
                """);
        return advisories;
    }

    private Path inventory(String json) throws IOException {
        return Files.writeString(dir.resolve("inventory.json"), json);
    }

    private static final String FLEET = """
            {"hosts":[
              {"name":"web-2","os":"Debian:12","environment":"prod","criticality":"high","packages":[
                {"name":"libssl3","version":"3.0.11-1~deb12u1","source":"openssl","arch":"amd64"},
                {"name":"openssl","version":"3.0.11-1~deb12u1","arch":"amd64"},
                {"name":"zlib1g","version":"1:1.2.13.dfsg-1","source":"zlib","sourceVersion":"1:1.2.13.dfsg-1"},
                {"name":"jquery","version":"2.2.4","ecosystem":"npm"},
                {"name":"Products.PluggableAuthService","version":"2.5","ecosystem":"PyPI"},
                {"name":"activesupport","version":"4.2.1","ecosystem":"RubyGems"}]},
              {"packages":[
                {"name":"com.typesafe.akka:akka-actor_2.12","version":"2.5.3","ecosystem":"Maven"},
                {"name":"passenger","version":"4.0.2","ecosystem":"RubyGems"},
                {"name":"openssl","version":"3.0.11-1~deb12u2"}],
               "name":"web-1","os":"Debian:12"}]}
            """;

    @Test
    void matchesTheInventoryAgainstADirectoryOfOsvFiles() throws IOException {
        Run run = run("assess", "--inventory", inventory(FLEET).toString(), "--advisories",
                advisoryDirectory().toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.findings()).extracting(f -> f.host() + " " + f.ecosystem() + " " + f.packageName() + " "
                + f.installedVersion() + " " + f.advisory() + " " + f.fixedVersion() + " " + f.status())
                .containsExactly(
                        "web-1 Maven com.typesafe.akka:akka-actor_2.12 2.5.3 GHSA-mr95-9rr4-668f 2.5.16 FIX_AVAILABLE",
                        "web-1 RubyGems passenger 4.0.2 GHSA-9qj7-jvg4-qr2x 4.0.5 FIX_AVAILABLE",
                        "web-2 PyPI Products.PluggableAuthService 2.5 GHSA-p44j-xrqg-4xrr 2.6.1 FIX_AVAILABLE",
                        "web-2 npm jquery 2.2.4 GHSA-mhpp-875w-9cpv 3.0.0 FIX_AVAILABLE",
                        "web-2 Debian:12 openssl 3.0.11-1~deb12u1 DSA-0001-1 3.0.11-1~deb12u2 FIX_AVAILABLE",
                        "web-2 Debian:12 zlib 1:1.2.13.dfsg-1 DSA-0003-1 null NO_FIX");
        assertThat(run.err()).startsWith("assess: 2 hosts, 9 packages, 8 distinct tuples, 9 advisories (1 withdrawn), "
                + "6 findings (1 without fix); parse ");
        assertThat(run.err()).contains("(beside parse; waited ");
        assertThat(run.err()).contains("index ", "match ", "write ", "total ");
    }

    @Test
    void writesEveryFieldOfTheApiFindingShapeIncludingNulls() throws IOException {
        Run run = run("assess", "--inventory", inventory(FLEET).toString(), "--advisories",
                advisoryDirectory().toString());

        var first = JSON.readTree(run.out()).get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("host", "ecosystem", "package",
                "installedVersion", "advisory", "aliases", "fixedVersion", "status", "reason", "priority", "slaDue",
                "firstSeen", "lastSeen");
        assertThat(first.get("aliases").get(0).asText()).isEqualTo("CVE-2018-16115");
        assertThat(run.findings().get(0)).isEqualTo(Finding.matched("web-1", "Maven",
                "com.typesafe.akka:akka-actor_2.12", "2.5.3", "GHSA-mr95-9rr4-668f", List.of("CVE-2018-16115"),
                "2.5.16", null));
    }

    @Test
    void readsASingleOsvFileAndAnOsvZipAlike() throws IOException {
        Path inventory = inventory(FLEET);
        Path zip = dir.resolve("all.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : GHSA) {
                out.putNextEntry(new ZipEntry(name));
                Files.copy(Fixtures.path("osv/" + name), out);
                out.closeEntry();
            }
        }

        Run fromZip = run("assess", "--inventory", inventory.toString(), "--advisories", zip.toString());
        Run fromFile = run("assess", "--inventory", inventory.toString(), "--advisories",
                Fixtures.path("osv/ghsa-npm_greater_than.osv.json").toString());

        assertThat(fromZip.exit()).as(fromZip.err()).isZero();
        assertThat(fromZip.findings()).extracting(Finding::advisory).containsExactly("GHSA-mr95-9rr4-668f",
                "GHSA-9qj7-jvg4-qr2x", "GHSA-p44j-xrqg-4xrr", "GHSA-mhpp-875w-9cpv");
        assertThat(fromFile.findings()).extracting(Finding::advisory).containsExactly("GHSA-mhpp-875w-9cpv");
    }

    @Test
    void aWithdrawnAdvisoryNeverMatches() throws IOException {
        Run run = run("assess", "--inventory", inventory(FLEET).toString(), "--advisories",
                Fixtures.path("osv/ghsa-withdrawn.osv.json").toString());

        assertThat(run.exit()).isZero();
        assertThat(run.findings()).isEmpty();
        assertThat(run.err()).contains("1 advisories (1 withdrawn), 0 findings");
    }

    @Test
    void debianBinariesOfOneSourceMakeOneFindingNamedForTheSource() throws IOException {
        Run run = run("assess", "--inventory", inventory(FLEET).toString(), "--advisories",
                advisoryDirectory().toString());

        assertThat(run.findings()).filteredOn(f -> f.advisory().equals("DSA-0001-1")).singleElement()
                .satisfies(f -> {
                    assertThat(f.host()).isEqualTo("web-2");
                    assertThat(f.packageName()).isEqualTo("openssl");
                });
        assertThat(run.findings()).noneMatch(f -> f.advisory().equals("DSA-0002-1"));
    }

    @Test
    void writesToTheOutFileAndNothingToStandardOutput() throws IOException {
        Path out = dir.resolve("findings.json");
        Run run = run("assess", "--inventory=" + inventory(FLEET), "--advisories", advisoryDirectory().toString(),
                "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(JSON.readValue(out.toFile(), new TypeReference<List<Finding>>() { })).hasSize(6);
        assertThat(Files.list(dir)).noneMatch(p -> p.getFileName().toString().startsWith(".findings.json"));
    }

    @Test
    void aMissingVersionIsRefusedNamingFileLineAndPath() throws IOException {
        Path inventory = inventory("""
                {"hosts":[{"name":"a","os":"Debian:12","packages":[
                  {"name":"bash","version":"5.2.15-2+b2"},
                  {"name":"zlib1g"}]}]}
                """);

        Run run = run("assess", "--inventory", inventory.toString(), "--advisories", advisoryDirectory().toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("patchflow assess: " + inventory + ":3:3 hosts[0].packages[1].version: "
                + "version is required");
    }

    @Test
    void brokenJsonIsRefusedWithItsLine() throws IOException {
        Path inventory = inventory("{\"hosts\":[\n{\"name\":\"a\",\"os\":\"Debian:12\",\n\"packages\":[}\n]}");

        Run run = run("assess", "--inventory", inventory.toString(), "--advisories", advisoryDirectory().toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("patchflow assess: " + inventory + ":3:").contains("not valid JSON");
    }

    @Test
    void aHostWithoutOsOrNamedTwiceIsRefused() throws IOException {
        Run noOs = run("assess", "--inventory", inventory("{\"hosts\":[{\"name\":\"a\",\"packages\":[]}]}")
                .toString(), "--advisories", advisoryDirectory().toString());
        Run twice = run("assess", "--inventory", inventory("{\"hosts\":[{\"name\":\"a\",\"os\":\"Debian:12\","
                + "\"packages\":[]},{\"name\":\"a\",\"os\":\"Debian:12\",\"packages\":[]}]}").toString(),
                "--advisories", advisoryDirectory().toString());

        assertThat(noOs.exit()).isEqualTo(2);
        assertThat(noOs.err()).contains(":1:11 hosts[0].os: os is required");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("hosts[1].name: host 'a' appears twice (also at hosts[0])");
    }

    @Test
    void anInvalidAdvisoryIsRefusedNamingTheFileAndField() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                {"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},
                 "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixd":"1.0.0"}]}]}]}
                """);

        Run run = run("assess", "--inventory", inventory(FLEET).toString(), "--advisories", bad.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("patchflow assess: bad.json:affected[0].ranges[0].events[1]: "
                + "'fixd' is not an event: use introduced, fixed, last_affected or limit");
    }

    @Test
    void missingFilesAreBadInputNamingThem() throws IOException {
        Path missing = dir.resolve("nope.json");

        Run noInventory = run("assess", "--inventory", missing.toString(), "--advisories",
                advisoryDirectory().toString());
        Run noAdvisories = run("assess", "--inventory", inventory(FLEET).toString(), "--advisories",
                missing.toString());

        assertThat(noInventory.exit()).isEqualTo(2);
        assertThat(noInventory.err()).contains(missing + ": no such file");
        assertThat(noAdvisories.exit()).isEqualTo(2);
        assertThat(noAdvisories.err()).contains(missing + ": no such file or directory");
    }

    @Test
    void unknownOrIncompleteOptionsShowTheUsage() {
        Run unknown = run("assess", "--inventory", "a.json", "--advisories", "b", "--fast");
        Run incomplete = run("assess", "--inventory");
        Run missing = run("assess", "--inventory", "a.json");
        Run format = run("assess", "--inventory", "a.json", "--advisories", "b", "--inventory-format", "xml");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("patchflow assess: unknown option '--fast'").contains("Usage:");
        assertThat(incomplete.exit()).isEqualTo(2);
        assertThat(incomplete.err()).startsWith("patchflow assess: option --inventory needs a value");
        assertThat(missing.err()).startsWith("patchflow assess: --advisories PATH is required");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).startsWith("patchflow assess: inventory format 'xml' is not supported; "
                + "supported: csv, cyclonedx, dpkg, json, package-facts, rpm");
    }

    @Test
    void helpIsPrintedOnStandardOutputWithExitZero() {
        Run help = run("assess", "--help");
        Run general = run("help");
        Run unknownCommand = run("frobnicate");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("assess --inventory FILE|DIR... --advisories PATH [--out FILE]");
        assertThat(general.out()).contains("Commands:", "assess --inventory FILE", "import inventory FILE",
                "import advisories PATH", "import feed kev|epss|debian-tracker FILE", "import scan --format F FILE",
                "$PATCHFLOW_URL", "$PATCHFLOW_PASSWORD");
        assertThat(PatchflowCli.handles(new String[] {"frobnicate"})).isFalse();
        assertThat(unknownCommand.exit()).isEqualTo(2);
    }
}
