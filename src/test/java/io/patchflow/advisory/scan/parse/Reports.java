package io.patchflow.advisory.scan.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Parses the real scanner reports of the shared fixtures (and small inline ones) the way the API does. */
final class Reports {

    static final ReportParsers PARSERS = new ReportParsers(new ObjectMapper());

    private Reports() {
    }

    static ReportCollector fixture(ScanFormat format, String name) {
        try (InputStream in = Files.newInputStream(Fixtures.path("scanners/" + name))) {
            return PARSERS.parse(format, in, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReportCollector text(ScanFormat format, String body) {
        return PARSERS.parse(format, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), null);
    }

    /** Findings that count: not suppressed. */
    static List<ScannedFinding> open(ReportCollector report) {
        return report.findings().stream().filter(f -> !f.suppressed()).toList();
    }

    static ScannedFinding find(ReportCollector report, String vulnerabilityId) {
        return report.findings().stream().filter(f -> f.vulnerabilityId().equals(vulnerabilityId)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + vulnerabilityId));
    }
}
