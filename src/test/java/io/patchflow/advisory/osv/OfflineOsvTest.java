package io.patchflow.advisory.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.advisory.Fixtures;
import io.patchflow.shared.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading OSV without Spring or a database, as the offline CLI does: files, directory trees and zips, every
 * ecosystem the issue names (hand-written records in osv.dev's format for Debian, Ubuntu, Alpine, Red Hat and Go;
 * the real GHSA records of the shared fixtures for Maven, npm and PyPI).
 */
class OfflineOsvTest {

    @TempDir
    Path temp;

    private static Path ecosystems() throws URISyntaxException {
        return Path.of(OfflineOsvTest.class.getResource("/io/patchflow/advisory/osv/ecosystems").toURI());
    }

    private static Map<String, OsvAdvisory> byId(OfflineOsv.Loaded loaded) {
        return loaded.advisories().stream().collect(Collectors.toMap(OsvAdvisory::id, a -> a));
    }

    private static String record(String id, String modified, String fixed, String extra) {
        return """
                {"id":"%s","modified":"%s",%s"affected":[{"package":{"ecosystem":"npm","name":"left-pad"},
                 "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}"""
                .formatted(id, modified, extra, fixed);
    }

    @Test
    void readsEveryOsvFileOfADirectoryTreeAndPassesOverOtherFiles() throws Exception {
        OfflineOsv.Loaded loaded = OfflineOsv.load(ecosystems());

        assertThat(byId(loaded)).containsOnlyKeys("DSA-5724-1", "DEBIAN-CVE-2024-6387", "UBUNTU-CVE-2024-6387",
                "ALPINE-CVE-2024-6387", "RHSA-2024:4312", "GO-2024-2687");
        assertThat(loaded.passedOver()).isEqualTo(1);
        assertThat(loaded.advisories()).flatExtracting(OsvAdvisory::affected)
                .extracting(OsvAffected::ecosystem).contains("Debian:12", "Debian:13", "Ubuntu:22.04:LTS",
                        "Alpine:v3.20", "Red Hat:enterprise_linux:9::baseos", "Go");
    }

    @Test
    void upstreamIdsCountAsAliasesSoTheCveFindsTheDistributionsRecords() throws Exception {
        Map<String, OsvAdvisory> advisories = byId(OfflineOsv.load(ecosystems()));

        assertThat(advisories.values()).filteredOn(a -> !a.id().startsWith("GO-"))
                .allSatisfy(a -> assertThat(a.aliases()).contains("CVE-2024-6387"));
        assertThat(advisories.get("GO-2024-2687").aliases()).containsExactly("CVE-2023-45288", "GHSA-4v7x-pqxf-cx7m");
        assertThat(advisories.get("UBUNTU-CVE-2024-6387").cvssScore()).isEqualByComparingTo("8.1");
    }

    @Test
    void readsTheRealMavenNpmAndPypiRecords() {
        for (String file : new String[] {"ghsa-maven_greater_than.osv.json", "ghsa-npm_greater_than.osv.json",
            "ghsa-pypi_normalize.osv.json", "ghsa-full_ranges.osv.json", "ghsa-multiple_ranges_in_package.osv.json"}) {
            OfflineOsv.Loaded loaded = OfflineOsv.load(Fixtures.path("osv/" + file));
            assertThat(loaded.advisories()).as(file).singleElement()
                    .satisfies(a -> assertThat(a.affected()).isNotEmpty());
        }
    }

    @Test
    void aWithdrawnRecordRemovesItsAdvisory() {
        OfflineOsv.Loaded loaded = OfflineOsv.load(Fixtures.path("osv/ghsa-withdrawn.osv.json"));

        assertThat(loaded.advisories()).isEmpty();
        assertThat(loaded.withdrawn()).isEqualTo(1);
    }

    @Test
    void anOlderRecordNeverReplacesANewerOneWhateverTheFileOrder() throws IOException {
        Files.writeString(temp.resolve("a.json"), record("PF-1", "2024-03-01T00:00:00Z", "1.0.2", ""));
        Files.writeString(temp.resolve("b.json"), record("PF-1", "2024-01-01T00:00:00Z", "1.0.1", ""));
        Files.writeString(temp.resolve("c.json"), "[" + record("PF-2", "2024-01-01T00:00:00Z", "2.0.0", "") + ","
                + record("PF-2", "2024-02-01T00:00:00Z", "2.0.0", "\"withdrawn\":\"2024-02-01T00:00:00Z\",") + "]");

        OfflineOsv.Loaded loaded = OfflineOsv.load(temp);

        assertThat(loaded.advisories()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("PF-1");
            assertThat(a.affected().get(0).ranges().get(0).events().get(1).version()).isEqualTo("1.0.2");
        });
        assertThat(loaded.superseded()).isEqualTo(2);
        assertThat(loaded.withdrawn()).isEqualTo(1);
    }

    @Test
    void readsZipsInADirectoryAsOsvDevPublishesThem() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("GHSA-mhpp-875w-9cpv.json"));
            zip.write(Files.readAllBytes(Fixtures.path("osv/ghsa-npm_greater_than.osv.json")));
            zip.closeEntry();
        }
        Files.createDirectories(temp.resolve("npm"));
        Files.write(temp.resolve("npm/all.zip"), bytes.toByteArray());

        assertThat(OfflineOsv.load(temp).advisories()).extracting(OsvAdvisory::id)
                .containsExactly("GHSA-mhpp-875w-9cpv");
    }

    @Test
    void namesTheFileAndFieldOfAnInvalidRecord() throws IOException {
        Files.createDirectories(temp.resolve("Go"));
        Files.writeString(temp.resolve("Go/GO-1.json"), """
                {"id":"GO-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Go"}}]}""",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> OfflineOsv.load(temp)).isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).field())
                        .isEqualTo("Go/GO-1.json:affected[0].package.name"));
    }
}
