package io.patchflow.audit.report;

import io.patchflow.shared.BadInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Compliance reports; read-only, for compliance officers and admins (SecurityConfig). */
@RestController
class ReportController {

    private final ReportQuery query;

    ReportController(ReportQuery query) {
        this.query = query;
    }

    /**
     * {@code asOf}: an ISO instant, or a date meaning the end of that day (UTC); default now. {@code host}: only
     * hosts whose name starts with it.
     */
    @GetMapping("/api/v1/reports/compliance")
    ComplianceReport compliance(@RequestParam(required = false) String asOf,
            @RequestParam(required = false) String host) {
        if (host != null && (host.isBlank() || host.length() > 255)) {
            throw new BadInputException("host", "host must be a host name prefix of 1 to 255 characters");
        }
        Instant moment = asOf(asOf);
        return ComplianceFigures.compute(query.load(host), moment, host);
    }

    private static Instant asOf(String value) {
        if (value == null || value.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000);
            } catch (DateTimeParseException notADate) {
                throw new BadInputException("asOf", "'" + value + "' is neither an ISO date (2026-01-31) nor an ISO "
                        + "instant (2026-01-31T12:00:00Z)");
            }
        }
    }
}
