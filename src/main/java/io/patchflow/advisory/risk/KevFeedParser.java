package io.patchflow.advisory.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.advisory.KevEntry;
import io.patchflow.shared.BadInputException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads CISA's KEV catalog JSON ({@code known_exploited_vulnerabilities.json}) as CISA publishes it. */
final class KevFeedParser {

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    /** The catalog's version ("2025.08.25") and release time, as CISA states them, with its entries. */
    record Catalog(String version, OffsetDateTime dateReleased, List<KevEntry> entries) {
    }

    private KevFeedParser() {
    }

    static Catalog parse(JsonNode catalog) {
        if (catalog == null || !catalog.isObject()) {
            throw new BadInputException(null, "expected the CISA KEV catalog: an object with vulnerabilities");
        }
        JsonNode vulnerabilities = catalog.get("vulnerabilities");
        if (vulnerabilities == null || !vulnerabilities.isArray()) {
            throw new BadInputException("vulnerabilities", "vulnerabilities must be an array of KEV entries");
        }
        List<KevEntry> entries = new ArrayList<>(vulnerabilities.size());
        for (int i = 0; i < vulnerabilities.size(); i++) {
            JsonNode v = vulnerabilities.get(i);
            String path = "vulnerabilities[" + i + "]";
            String cve = v.path("cveID").asText("");
            if (!CVE.matcher(cve).matches()) {
                throw new BadInputException(path + ".cveID", "cveID '" + cve + "' is not a CVE id");
            }
            entries.add(new KevEntry(cve, text(v, "vendorProject"), text(v, "product"),
                    text(v, "vulnerabilityName"), date(v, "dateAdded", path, true), date(v, "dueDate", path, false),
                    text(v, "knownRansomwareCampaignUse")));
        }
        return new Catalog(text(catalog, "catalogVersion"), released(catalog), entries);
    }

    private static OffsetDateTime released(JsonNode catalog) {
        String text = text(catalog, "dateReleased");
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInputException("dateReleased", "dateReleased '" + text + "' is not a timestamp such as "
                    + "2025-08-25T17:04:19.9796Z");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.length() > 255 ? text.substring(0, 255) : text;
    }

    private static LocalDate date(JsonNode node, String field, String path, boolean required) {
        String text = text(node, field);
        if (text == null || text.isBlank()) {
            if (required) {
                throw new BadInputException(path + "." + field, field + " is required (YYYY-MM-DD)");
            }
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInputException(path + "." + field, field + " '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
