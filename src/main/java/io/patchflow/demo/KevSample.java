package io.patchflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.KevEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The demo's extract of the CISA KEV catalog ({@code demo/kev-sample.json}, the catalog's own JSON format). */
record KevSample(String catalogVersion, List<KevEntry> entries) {

    static KevSample read(InputStream in, ObjectMapper json) {
        try {
            JsonNode catalog = json.readTree(in);
            List<KevEntry> entries = new ArrayList<>();
            for (JsonNode vulnerability : catalog.path("vulnerabilities")) {
                entries.add(new KevEntry(vulnerability.path("cveID").asText(), text(vulnerability, "vendorProject"),
                        text(vulnerability, "product"), text(vulnerability, "vulnerabilityName"),
                        date(vulnerability, "dateAdded"), date(vulnerability, "dueDate"),
                        text(vulnerability, "knownRansomwareCampaignUse")));
            }
            return new KevSample(catalog.path("catalogVersion").asText(), List.copyOf(entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo KEV sample", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static LocalDate date(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : LocalDate.parse(value);
    }
}
