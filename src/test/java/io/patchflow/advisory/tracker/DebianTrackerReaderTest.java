package io.patchflow.advisory.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.osv.OsvAdvisory;
import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.osv.OsvEvent;
import io.patchflow.shared.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tracker's JSON as published, read from a hand-written sample in its exact format (there is no tracker file in
 * the shared fixtures): one advisory per (source package, issue), one affected entry per affected release.
 */
class DebianTrackerReaderTest {

    static final String SAMPLE = "/io/patchflow/advisory/tracker/tracker-sample.json";

    private final DebianTrackerReader reader = new DebianTrackerReader(new ObjectMapper());

    private Map<String, OsvAdvisory> readSample(TrackerTally[] tally) throws IOException {
        Map<String, OsvAdvisory> advisories = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream(SAMPLE)) {
            tally[0] = reader.read(in, t -> advisories.put(t.advisory().id(), t.advisory()));
        }
        return advisories;
    }

    private static TrackerTally read(DebianTrackerReader reader, String json, List<TrackerAdvisory> out) {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out::add);
    }

    private static OsvAffected release(OsvAdvisory advisory, String ecosystem) {
        return advisory.affected().stream().filter(a -> a.ecosystem().equals(ecosystem)).findFirst().orElseThrow();
    }

    @Test
    void countsEveryPackageIssueAndReleaseOfTheSample() throws IOException {
        TrackerTally[] tally = new TrackerTally[1];
        Map<String, OsvAdvisory> advisories = readSample(tally);

        assertThat(tally[0].packages).isEqualTo(6);
        assertThat(tally[0].issues).isEqualTo(9);
        assertThat(advisories).hasSize(8);
        assertThat(tally[0].fixed).isEqualTo(13);
        assertThat(tally[0].noFix).isEqualTo(10);
        assertThat(tally[0].notAffected).isEqualTo(6);
        assertThat(tally[0].skippedReleases).isZero();
    }

    @Test
    void resolvedWithAFixedVersionIsAffectedBelowItInTheReleaseEcosystem() throws IOException {
        OsvAdvisory advisory = readSample(new TrackerTally[1]).get("DEBIAN-TRACKER:openssl:CVE-2024-4741");

        assertThat(advisory.aliases()).containsExactly("CVE-2024-4741");
        assertThat(advisory.summary()).isEqualTo("Use After Free with SSL_free_buffers");
        assertThat(advisory.affected()).extracting(OsvAffected::ecosystem)
                .containsExactly("Debian:11", "Debian:12", "Debian:13", "Debian:unstable");
        OsvAffected bookworm = release(advisory, "Debian:12");
        assertThat(bookworm.name()).isEqualTo("openssl");
        assertThat(bookworm.noFixReason()).isNull();
        assertThat(bookworm.ranges()).singleElement().satisfies(r -> assertThat(r.events()).containsExactly(
                new OsvEvent(OsvEvent.INTRODUCED, "0"), new OsvEvent(OsvEvent.FIXED, "3.0.14-1~deb12u1")));
    }

    @Test
    void fixedVersionZeroMeansTheReleaseWasNeverAffected() throws IOException {
        Map<String, OsvAdvisory> advisories = readSample(new TrackerTally[1]);

        assertThat(advisories.get("DEBIAN-TRACKER:glibc:CVE-2023-4911").affected()).extracting(OsvAffected::ecosystem)
                .doesNotContain("Debian:11");
        assertThat(advisories).doesNotContainKey("DEBIAN-TRACKER:zlib:CVE-2023-45853");
    }

    @Test
    void noDsaPostponedAndIgnoredAreAffectedWithoutFixWithTheTrackersNote() throws IOException {
        Map<String, OsvAdvisory> advisories = readSample(new TrackerTally[1]);
        OsvAdvisory imagemagick = advisories.get("DEBIAN-TRACKER:imagemagick:CVE-2023-34152");

        assertThat(release(imagemagick, "Debian:12").noFixReason()).isEqualTo("ignored: Minor issue");
        assertThat(release(imagemagick, "Debian:11").noFixReason())
                .isEqualTo("postponed: Minor issue; fix planned for the next point release");
        OsvAffected openssl = release(advisories.get("DEBIAN-TRACKER:openssl:CVE-2024-4741"), "Debian:11");
        assertThat(openssl.noFixReason()).isEqualTo("no-dsa: Minor issue");
        assertThat(openssl.ranges()).singleElement().satisfies(r -> assertThat(r.events())
                .containsExactly(new OsvEvent(OsvEvent.INTRODUCED, "0")));
    }

    @Test
    void openAndUndeterminedAreAffectedWithoutFixWithTheirUrgency() throws IOException {
        Map<String, OsvAdvisory> advisories = readSample(new TrackerTally[1]);

        assertThat(release(advisories.get("DEBIAN-TRACKER:glibc:CVE-2010-4756"), "Debian:12").noFixReason())
                .isEqualTo("open: urgency unimportant");
        assertThat(release(advisories.get("DEBIAN-TRACKER:imagemagick:CVE-2023-34152"), "Debian:13").noFixReason())
                .isEqualTo("open");
        OsvAdvisory temp = advisories.get("DEBIAN-TRACKER:linux:TEMP-0000000-F7A20F");
        assertThat(release(temp, "Debian:12").noFixReason()).isEqualTo("undetermined");
        assertThat(release(advisories.get("DEBIAN-TRACKER:python2.7:CVE-2023-24329"), "Debian:11").noFixReason())
                .isEqualTo("end-of-life");
    }

    @Test
    void keepsScopeAndDebianBugAsDatabaseSpecific() throws IOException {
        OsvAdvisory glibc = readSample(new TrackerTally[1]).get("DEBIAN-TRACKER:glibc:CVE-2023-4911");

        assertThat(glibc.databaseSpecific()).contains("\"scope\":\"local\"").contains("\"debianbug\":1053287");
    }

    @Test
    void skipsAndCountsReleasesItDoesNotKnow() {
        List<TrackerAdvisory> out = new ArrayList<>();
        TrackerTally tally = read(reader, """
                {"curl":{"CVE-2099-1":{"releases":{"bookworm":{"status":"open"},
                  "fancy":{"status":"resolved","fixed_version":"8.0-1"}}}}}""", out);

        assertThat(tally.skippedReleases).isEqualTo(1);
        assertThat(tally.unknownCodenames).containsExactly("fancy");
        assertThat(out).singleElement().satisfies(t -> assertThat(t.advisory().affected()).hasSize(1));
    }

    @Test
    void theSameContentHashesAlikeAndAChangeChangesTheHash() {
        List<TrackerAdvisory> out = new ArrayList<>();
        String json = """
                {"curl":{"CVE-2099-1":{"releases":{"bookworm":{"status":"resolved","fixed_version":"%s"}}}}}""";
        read(reader, json.formatted("8.0-1"), out);
        read(reader, json.formatted("8.0-1"), out);
        read(reader, json.formatted("8.0-2"), out);

        assertThat(out.get(0).contentHash()).isEqualTo(out.get(1).contentHash()).isNotEqualTo(out.get(2).contentHash());
    }

    @Test
    void namesThePackageIssueAndReleaseOfAnUnknownStatus() {
        assertThatThrownBy(() -> read(reader, """
                {"curl":{"CVE-2099-1":{"releases":{"bookworm":{"status":"fixed"}}}}}""", new ArrayList<>()))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).field()).isEqualTo("curl/CVE-2099-1/bookworm/status"));
    }

    @Test
    void refusesAFixedVersionThatIsNoDebianVersion() {
        assertThatThrownBy(() -> read(reader, """
                {"curl":{"CVE-2099-1":{"releases":{"bookworm":{"status":"resolved","fixed_version":"<unfixed>"}}}}}""",
                new ArrayList<>()))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).field())
                        .isEqualTo("curl/CVE-2099-1/bookworm/fixed_version"));
    }

    @Test
    void namesTheLineAndThePackageOfBrokenJson() {
        assertThatThrownBy(() -> read(reader, "{\"curl\":{\"CVE-2099-1\":{\"releases\":{\"bookworm\":\n{\"status\":}",
                new ArrayList<>()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("line 2")
                .satisfies(e -> assertThat(((BadInputException) e).field()).isEqualTo("curl/CVE-2099-1"));
    }

    @Test
    void refusesSomethingElseThanAnObjectOfPackages() {
        assertThatThrownBy(() -> read(reader, "[1,2]", new ArrayList<>())).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> read(reader, "{\"bad name\":{}}", new ArrayList<>()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("bad name");
        assertThatThrownBy(() -> read(reader, "{\"curl\":{\"CVE-2099-1\":{\"releases\":[]}}}", new ArrayList<>()))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).field()).isEqualTo("curl/CVE-2099-1/releases"));
    }

    @Test
    void handsOnEachIssueBeforeTheRestOfTheFileIsRead() {
        // 40,000 issues, then the file breaks off: all of them were handed on before the break was reached, so the
        // reader holds one issue at a time, never the file (the importer writes them in batches meanwhile)
        StringBuilder json = new StringBuilder("{\"linux\":{");
        for (int i = 0; i < 40_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"CVE-2099-").append(10_000 + i)
                    .append("\":{\"releases\":{\"bookworm\":{\"status\":\"resolved\",\"fixed_version\":\"6.1.")
                    .append(i).append("-1\"}}}");
        }
        json.append(",\"CVE-2099-1\": tru");
        int[] count = {0};

        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(json.toString()
                .getBytes(StandardCharsets.UTF_8)), t -> count[0]++)).isInstanceOf(BadInputException.class);
        assertThat(count[0]).isEqualTo(40_000);
    }
}
