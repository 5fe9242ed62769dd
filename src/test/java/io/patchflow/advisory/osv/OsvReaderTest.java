package io.patchflow.advisory.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.Fixtures;
import io.patchflow.shared.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

class OsvReaderTest {

    private final OsvReader reader = new OsvReader(new ObjectMapper(),
            new ZipLimits(DataSize.ofMegabytes(20), DataSize.ofMegabytes(8), 10, 100));

    private List<OsvDocument> read(byte[] content) {
        List<OsvDocument> documents = new ArrayList<>();
        reader.read(new ByteArrayInputStream(content), documents::add);
        return documents;
    }

    @Test
    void readsASingleObjectAndAnArrayWithThePathOfEachElement() {
        assertThat(read("{\"id\":\"A\"}".getBytes(StandardCharsets.UTF_8))).extracting(OsvDocument::path)
                .containsExactly("");
        assertThat(read("[{\"id\":\"A\"},{\"id\":\"B\"}]".getBytes(StandardCharsets.UTF_8)))
                .extracting(OsvDocument::path).containsExactly("[0]", "[1]");
    }

    @Test
    void readsEveryJsonEntryOfAnOsvZipAndPassesOverOtherFiles() throws IOException {
        byte[] zip = zip(List.of(
                entry("npm/GHSA-mhpp-875w-9cpv.json", Files.readAllBytes(Fixtures.path(
                        "osv/ghsa-npm_greater_than.osv.json"))),
                entry("PyPI/GHSA-p44j-xrqg-4xrr.json", Files.readAllBytes(Fixtures.path(
                        "osv/ghsa-pypi_normalize.osv.json"))),
                entry("README.txt", "not an advisory".getBytes(StandardCharsets.UTF_8))));
        List<OsvDocument> documents = new ArrayList<>();
        int passedOver = reader.read(new ByteArrayInputStream(zip), documents::add);

        assertThat(documents).extracting(d -> d.node().get("id").asText())
                .containsExactly("GHSA-mhpp-875w-9cpv", "GHSA-p44j-xrqg-4xrr");
        assertThat(documents.get(0).path()).isEqualTo("npm/GHSA-mhpp-875w-9cpv.json:");
        assertThat(passedOver).isEqualTo(1);
    }

    @Test
    void refusesAnEntryWhosePathClimbsOutOfTheArchive() throws IOException {
        byte[] zip = zip(List.of(entry("../../etc/evil.json", "{}".getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> read(zip)).isInstanceOfSatisfying(ZipRefusedException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void refusesADecompressionBombByItsRatioBeforeInflatingIt() throws IOException {
        byte[] zeros = new byte[6 * 1024 * 1024];
        byte[] zip = zip(List.of(entry("bomb.json", zeros)));
        assertThat(zip.length).isLessThan(zeros.length / 100);
        assertThatThrownBy(() -> read(zip)).isInstanceOfSatisfying(ZipRefusedException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
    }

    @Test
    void refusesMoreEntriesThanConfigured() throws IOException {
        List<Item> entries = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            entries.add(entry("a" + i + ".json", ("{\"id\":\"A" + i + "\"}").getBytes(StandardCharsets.UTF_8)));
        }
        assertThatThrownBy(() -> read(zip(entries))).isInstanceOfSatisfying(ZipRefusedException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
    }

    @Test
    void namesTheEntryThatIsNotValidJson() throws IOException {
        byte[] zip = zip(List.of(entry("x/broken.json", "{\"id\": ".getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> read(zip)).isInstanceOfSatisfying(BadInputException.class,
                e -> assertThat(e.field()).isEqualTo("x/broken.json"));
    }

    @Test
    void refusesABodyThatIsNeitherObjectNorArray() {
        assertThatThrownBy(() -> read("42".getBytes(StandardCharsets.UTF_8))).isInstanceOf(BadInputException.class);
    }

    record Item(String name, byte[] content) {
    }

    private static Item entry(String name, byte[] content) {
        return new Item(name, content);
    }

    static byte[] zip(List<Item> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Item entry : entries) {
                zip.putNextEntry(new ZipEntry(entry.name()));
                zip.write(entry.content());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
