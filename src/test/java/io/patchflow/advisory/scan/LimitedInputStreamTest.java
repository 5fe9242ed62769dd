package io.patchflow.advisory.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.Fixtures;
import io.patchflow.advisory.scan.parse.ReportParsers;
import io.patchflow.advisory.scan.parse.ScanFormat;
import io.patchflow.shared.LimitedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The size limit is counted while a report streams through the parsers, JSON and XML alike. */
class LimitedInputStreamTest {

    private final ReportParsers parsers = new ReportParsers(new ObjectMapper());

    @Test
    void aJsonReportLargerThanTheLimitIsRefusedWith413() throws Exception {
        try (InputStream in = Files.newInputStream(Fixtures.path("scanners/trivy/legacy_many_vulns.json"))) {
            assertThatThrownBy(() -> parsers.parse(ScanFormat.TRIVY,
                    new LimitedInputStream(in, 100_000, ReportTooLargeException::new), null))
                    .isInstanceOfSatisfying(ReportTooLargeException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
                        assertThat(e.getBody().getDetail()).contains("patchflow.scans.max-bytes");
                    });
        }
    }

    @Test
    void anXmlReportLargerThanTheLimitIsRefusedWith413() throws Exception {
        try (InputStream in = Files.newInputStream(Fixtures.path("scanners/nessus/nessus_with_cvssv3.nessus"))) {
            assertThatThrownBy(() -> parsers.parse(ScanFormat.NESSUS,
                    new LimitedInputStream(in, 500_000, ReportTooLargeException::new), null))
                    .isInstanceOf(ReportTooLargeException.class);
        }
    }

    @Test
    void aReportWithinTheLimitIsCountedToItsLastByte() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.path("scanners/trivy/scheme_2_many_vulns.json"));
        LimitedInputStream in = new LimitedInputStream(new java.io.ByteArrayInputStream(bytes), bytes.length,
                ReportTooLargeException::new);

        assertThat(parsers.parse(ScanFormat.TRIVY, in, null).findings()).hasSize(5);
        assertThat(in.count()).isEqualTo(bytes.length);
    }

    @Test
    void aBodyThatAnnouncesMoreThanTheLimitIsRefusedBeforeItIsRead() {
        ScanImporter importer = new ScanImporter(parsers, null, new ScanLimits(DataSize.ofMegabytes(1)));

        importer.checkDeclaredSize(DataSize.ofMegabytes(1).toBytes());
        importer.checkDeclaredSize(-1); // no Content-Length: counted while streaming instead
        assertThatThrownBy(() -> importer.checkDeclaredSize(DataSize.ofMegabytes(1).toBytes() + 1))
                .isInstanceOf(ReportTooLargeException.class);
    }
}
