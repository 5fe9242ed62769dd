package io.patchflow.advisory.scan;

import io.patchflow.advisory.scan.parse.ReportCollector;
import io.patchflow.advisory.scan.parse.ReportParsers;
import io.patchflow.advisory.scan.parse.ScanFormat;
import io.patchflow.shared.LimitedInputStream;
import java.io.InputStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports one scanner report: the whole report is parsed (streaming, reduced to its findings) before anything is
 * written, and the writes share one transaction, so a malformed or oversized report leaves no trace.
 */
@Service
class ScanImporter {

    private final ReportParsers parsers;
    private final ScanRepository repository;
    private final ScanLimits limits;

    ScanImporter(ReportParsers parsers, ScanRepository repository, ScanLimits limits) {
        this.parsers = parsers;
        this.repository = repository;
        this.limits = limits;
    }

    /** Refuses at once a body that announces more bytes than the limit, before reading any of it. */
    void checkDeclaredSize(long contentLength) {
        if (contentLength > limits.maxBytes().toBytes()) {
            throw new ReportTooLargeException(limits.maxBytes().toBytes());
        }
    }

    @Transactional
    public ScanView importReport(ScanFormat format, InputStream body, String host, String user) {
        LimitedInputStream counted = new LimitedInputStream(body, limits.maxBytes().toBytes(),
                ReportTooLargeException::new);
        ReportCollector report = parsers.parse(format, counted, host);
        ColumnLimits.check(report.hosts(), report.findings());
        int suppressed = (int) report.suppressed();
        int findings = report.findings().size() - suppressed;
        String scanner = ColumnLimits.scanner(report.scanner());
        long id = repository.insertReport(format.key(), scanner, report.hosts().size(), findings, suppressed,
                report.duplicates(), report.informational(), counted.count(), user);
        repository.insertHosts(id, report.hosts());
        repository.insertFindings(id, report.findings());
        return new ScanView(id, format.key(), scanner, report.hosts().size(), findings, suppressed,
                report.duplicates(), report.informational(), counted.count(), user, null, null);
    }
}
