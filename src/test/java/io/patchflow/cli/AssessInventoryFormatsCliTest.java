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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assess} with the inventory formats of the inventory module (read by its own parsers), several inventory
 * files and folders of per-host files; in-process through the CLI's entry point, no Spring context.
 */
class AssessInventoryFormatsCliTest {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    @TempDir
    Path dir;
    private Path advisories;

    private record Run(int exit, String out, String err) {

        List<String> findings() throws IOException {
            List<Finding> findings = JSON.readValue(out, new TypeReference<>() { });
            return findings.stream().map(f -> f.host() + " " + f.ecosystem() + " " + f.packageName() + " "
                    + f.installedVersion() + " " + f.advisory() + " " + f.status()).toList();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PatchflowCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A Debian advisory for source openssl and one for Red Hat openssl, plus a real GHSA fixture (Maven akka). */
    @BeforeEach
    void advisories() throws IOException {
        advisories = Files.createDirectories(dir.resolve("advisories"));
        Files.createSymbolicLink(advisories.resolve("ghsa-full-ranges.json"),
                Fixtures.path("osv/ghsa-full_ranges.osv.json").toAbsolutePath());
        Files.writeString(advisories.resolve("distros.json"), """
                [{"id":"DSA-0001-1","modified":"2024-01-01T00:00:00Z",
                  "affected":[{"package":{"ecosystem":"Debian:12","name":"openssl"},
                    "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.0.11-1~deb12u2"}]}]}]},
                 {"id":"RHSA-0001","modified":"2024-01-01T00:00:00Z",
                  "affected":[{"package":{"ecosystem":"Red Hat:9","name":"openssl-libs"},
                    "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1:3.0.7-28.el9"}]}]}]}]
                """);
    }

    private static final String DPKG_OLD = """
            bash\t5.2.15-2+b2\tbash\t5.2.15-2\tamd64
            libssl3\t3.0.11-1~deb12u1\topenssl\t3.0.11-1~deb12u1\tamd64
            openssl\t3.0.11-1~deb12u1\topenssl\t3.0.11-1~deb12u1\tamd64
            """;
    private static final String DPKG_FIXED = """
            libssl3\t3.0.11-1~deb12u2\topenssl\t3.0.11-1~deb12u2\tamd64
            """;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void aDpkgListIsMatchedOnItsSourcePackagesForTheHostGivenByOption() throws IOException {
        Path dpkg = write("web-1.tsv", DPKG_OLD);

        Run run = run("assess", "--inventory", dpkg.toString(), "--inventory-format", "dpkg", "--host", "web-7",
                "--os", "Debian:12", "--advisories", advisories.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.findings()).containsExactly(
                "web-7 Debian:12 openssl 3.0.11-1~deb12u1 DSA-0001-1 FIX_AVAILABLE");
        assertThat(run.err()).startsWith("assess: 1 hosts, 3 packages, 2 distinct tuples");
    }

    @Test
    void aFolderOfPerHostFilesNamesEachHostByItsFileName() throws IOException {
        write("dpkg/web-1.tsv", DPKG_OLD);
        write("dpkg/web-2.example.org.tsv", DPKG_FIXED);
        write("dpkg/.hidden.tsv", "this is not read\n");

        Run run = run("assess", "--inventory", dir.resolve("dpkg").toString(), "--inventory-format", "dpkg", "--os",
                "Debian:12", "--advisories", advisories.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.findings()).containsExactly(
                "web-1 Debian:12 openssl 3.0.11-1~deb12u1 DSA-0001-1 FIX_AVAILABLE");
        assertThat(run.err()).startsWith("assess: 2 hosts, 4 packages");
    }

    @Test
    void aCsvInventoryWithSeveralHostsAndOsFilledByOption() throws IOException {
        Path csv = write("fleet.csv", """
                host,os,name,version,source,sourceVersion,ecosystem
                db-1,Red Hat:9,openssl-libs,1:3.0.7-27.el9,openssl,1:3.0.7-27.el9,
                web-1,,libssl3,3.0.11-1~deb12u1,openssl,,
                web-1,,com.typesafe.akka:akka-actor_2.12,2.5.3,,,Maven
                db-1,,bash,5.1.8-9.el9,,,
                """);

        Run run = run("assess", "--inventory", csv.toString(), "--inventory-format", "csv", "--os", "Debian:12",
                "--advisories", advisories.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.findings()).containsExactly(
                "db-1 Red Hat:9 openssl-libs 1:3.0.7-27.el9 RHSA-0001 FIX_AVAILABLE",
                "web-1 Maven com.typesafe.akka:akka-actor_2.12 2.5.3 GHSA-mr95-9rr4-668f FIX_AVAILABLE",
                "web-1 Debian:12 openssl 3.0.11-1~deb12u1 DSA-0001-1 FIX_AVAILABLE");
    }

    @Test
    void inventoriesOfSeveralFormatsAndFilesAreOneFleet() throws IOException {
        Path rpm = write("rpm/db-2.rpm", """
                openssl-libs\t1:3.0.7-27.el9\topenssl-3.0.7-27.el9.src.rpm\tx86_64
                gpg-pubkey\t0:fd431d51-4ae0493b\t(none)\t(none)
                """);
        Path sbom = write("app-1.cdx.json", """
                {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
                  {"type":"library","name":"akka-actor_2.12","version":"2.5.3",
                   "purl":"pkg:maven/com.typesafe.akka/akka-actor_2.12@2.5.3"}]}
                """);

        Run fromRpm = run("assess", "--inventory", rpm.getParent().toString(), "--inventory-format", "rpm", "--os",
                "Red Hat:9", "--advisories", advisories.toString());
        Run fromSbom = run("assess", "--inventory", sbom.toString(), "--inventory-format", "cyclonedx", "--host",
                "app-1", "--os", "Debian:12", "--advisories", advisories.toString());

        assertThat(fromRpm.exit()).as(fromRpm.err()).isZero();
        assertThat(fromRpm.findings()).containsExactly(
                "db-2 Red Hat:9 openssl-libs 1:3.0.7-27.el9 RHSA-0001 FIX_AVAILABLE");
        assertThat(fromSbom.exit()).as(fromSbom.err()).isZero();
        assertThat(fromSbom.findings()).containsExactly(
                "app-1 Maven com.typesafe.akka:akka-actor_2.12 2.5.3 GHSA-mr95-9rr4-668f FIX_AVAILABLE");
    }

    @Test
    void theJsonInventoryMayBeGivenSeveralTimes() throws IOException {
        Path first = write("a.json", """
                {"hosts":[{"name":"a","os":"Debian:12","packages":[{"name":"openssl","version":"3.0.11-1~deb12u1"}]}]}
                """);
        Path second = write("b.json", """
                {"hosts":[{"name":"b","os":"Debian:12","packages":[{"name":"openssl","version":"3.0.11-1~deb12u1"}]}]}
                """);

        Run run = run("assess", "--inventory", first.toString(), "--inventory", second.toString(), "--advisories",
                advisories.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.findings()).containsExactly("a Debian:12 openssl 3.0.11-1~deb12u1 DSA-0001-1 FIX_AVAILABLE",
                "b Debian:12 openssl 3.0.11-1~deb12u1 DSA-0001-1 FIX_AVAILABLE");
    }

    @Test
    void aHostDescribedByTwoFilesIsRefused() throws IOException {
        Path first = write("a.json", "{\"hosts\":[{\"name\":\"a\",\"os\":\"Debian:12\",\"packages\":[]}]}");
        Path second = write("b.json", "{\"hosts\":[{\"name\":\"a\",\"os\":\"Debian:12\",\"packages\":[]}]}");

        Run run = run("assess", "--inventory", first.toString(), "--inventory", second.toString(), "--advisories",
                advisories.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("patchflow assess: " + second + ": host 'a' is described twice (also by "
                + first + "); give each host once");
    }

    @Test
    void aBadLineIsRefusedNamingTheFileAndLine() throws IOException {
        Path dpkg = write("web-1.tsv", "bash\t5.2.15-2+b2\nzlib1g\t1:1.2.13 dfsg-1\n");

        Run run = run("assess", "--inventory", dpkg.toString(), "--inventory-format", "dpkg", "--host", "web-1",
                "--os", "Debian:12", "--advisories", advisories.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("patchflow assess: " + dpkg + ": line 2: version: ");
    }

    @Test
    void aSingleHostFormatNeedsOsAndForOneFileHost() throws IOException {
        Path dpkg = write("web-1.tsv", DPKG_OLD);

        Run noOs = run("assess", "--inventory", dpkg.toString(), "--inventory-format", "dpkg", "--host", "web-1",
                "--advisories", advisories.toString());
        Run noHost = run("assess", "--inventory", dpkg.toString(), "--inventory-format", "dpkg", "--os", "Debian:12",
                "--advisories", advisories.toString());
        Run badOs = run("assess", "--inventory", dpkg.toString(), "--inventory-format", "dpkg", "--host", "web-1",
                "--os", "Debian 12", "--advisories", advisories.toString());
        Run hostForMany = run("assess", "--inventory", dpkg.toString(), "--inventory", dpkg.toString(),
                "--inventory-format", "dpkg", "--host", "web-1", "--os", "Debian:12", "--advisories",
                advisories.toString());
        Run hostForJson = run("assess", "--inventory", dpkg.toString(), "--host", "web-1", "--advisories",
                advisories.toString());

        assertThat(noOs.exit()).isEqualTo(2);
        assertThat(noOs.err()).startsWith("patchflow assess: --os is required with --inventory-format dpkg");
        assertThat(noHost.exit()).isEqualTo(2);
        assertThat(noHost.err()).startsWith("patchflow assess: --host is required with --inventory-format dpkg");
        assertThat(badOs.exit()).isEqualTo(2);
        assertThat(badOs.err()).startsWith("patchflow assess: --os: 'Debian 12' is not a valid os");
        assertThat(hostForMany.exit()).isEqualTo(2);
        assertThat(hostForMany.err()).startsWith("patchflow assess: --host names one host, but there are 2 "
                + "inventory files");
        assertThat(hostForJson.exit()).isEqualTo(2);
        assertThat(hostForJson.err()).startsWith("patchflow assess: --host and --os are for single-host formats");
    }

    @Test
    void anEmptyFolderIsRefused() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        Run run = run("assess", "--inventory", empty.toString(), "--inventory-format", "dpkg", "--os", "Debian:12",
                "--advisories", advisories.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("patchflow assess: " + empty + ": no inventory files in this folder");
    }
}
