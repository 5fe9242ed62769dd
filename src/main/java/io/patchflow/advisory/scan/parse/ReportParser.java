package io.patchflow.advisory.scan.parse;

import java.io.InputStream;

/** Reads one scanner's report format into a {@link ReportCollector}; bad input is a {@code BadInputException}. */
interface ReportParser {

    void parse(InputStream report, ReportCollector out);
}
