package io.patchflow.advisory.risk;

import io.patchflow.advisory.EpssScore;
import io.patchflow.shared.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads FIRST's daily EPSS CSV ({@code epss_scores-YYYY-MM-DD.csv}): a comment line with the model version and the
 * score date ({@code #model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000}), a header
 * {@code cve,epss,percentile}, then one line per CVE. Errors name the line.
 */
final class EpssFeedParser {

    /** The scores of one file with the model that computed them. */
    record EpssFile(String modelVersion, LocalDate scoreDate, List<EpssScore> scores) {
    }

    private static final Pattern SCORE_DATE = Pattern.compile("score_date:(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern MODEL_VERSION = Pattern.compile("model_version:([A-Za-z0-9._-]{1,50})");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private EpssFeedParser() {
    }

    static EpssFile parse(InputStream csv) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        LocalDate date = null;
        String model = null;
        List<EpssScore> scores = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.startsWith("#")) {
                Matcher m = SCORE_DATE.matcher(line);
                if (m.find()) {
                    date = LocalDate.parse(m.group(1));
                }
                Matcher version = MODEL_VERSION.matcher(line);
                if (version.find()) {
                    model = version.group(1);
                }
                continue;
            }
            if (line.isBlank() || line.startsWith("cve,")) {
                continue;
            }
            if (date == null) {
                throw new BadInputException("line " + number, "the EPSS file has no '#...score_date:YYYY-MM-DD' "
                        + "line before its scores");
            }
            scores.add(score(line, number, date));
        }
        if (scores.isEmpty()) {
            throw new BadInputException(null, "the EPSS file holds no scores");
        }
        return new EpssFile(model, date, scores);
    }

    private static EpssScore score(String line, int number, LocalDate date) {
        String[] parts = line.split(",");
        if (parts.length < 2 || !CVE.matcher(parts[0].strip()).matches()) {
            throw new BadInputException("line " + number, "expected 'CVE-id,epss,percentile', got '" + line + "'");
        }
        try {
            BigDecimal probability = new BigDecimal(parts[1].strip());
            BigDecimal percentile = parts.length > 2 ? new BigDecimal(parts[2].strip()) : null;
            if (probability.signum() < 0 || probability.compareTo(BigDecimal.ONE) > 0) {
                throw new NumberFormatException("out of 0..1");
            }
            return new EpssScore(parts[0].strip(), probability, percentile, date);
        } catch (NumberFormatException e) {
            throw new BadInputException("line " + number, "the EPSS figures on '" + line + "' are not numbers "
                    + "between 0 and 1");
        }
    }
}
