package io.patchflow.demo;

import io.patchflow.advisory.EpssScore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's EPSS scores ({@code demo/epss-sample.csv}), in the CSV format FIRST publishes: a comment line
 * {@code #model_version:...,score_date:2025-08-25T00:00:00+0000}, the header {@code cve,epss,percentile}, then one
 * line per CVE.
 */
final class EpssSample {

    private static final Pattern SCORE_DATE = Pattern.compile("score_date:(\\d{4}-\\d{2}-\\d{2})");
    private static final String HEADER = "cve,epss,percentile";

    private EpssSample() {
    }

    static List<EpssScore> read(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Matcher date = SCORE_DATE.matcher(String.valueOf(reader.readLine()));
            if (!date.find()) {
                throw new IllegalStateException(
                        "the demo EPSS sample must start with #model_version:...,score_date:...");
            }
            LocalDate scoreDate = LocalDate.parse(date.group(1));
            if (!HEADER.equals(reader.readLine())) {
                throw new IllegalStateException("the demo EPSS sample's second line must be " + HEADER);
            }
            List<EpssScore> scores = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    String[] columns = line.split(",");
                    scores.add(new EpssScore(columns[0], new BigDecimal(columns[1]), new BigDecimal(columns[2]),
                            scoreDate));
                }
            }
            return List.copyOf(scores);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo EPSS sample", e);
        }
    }
}
