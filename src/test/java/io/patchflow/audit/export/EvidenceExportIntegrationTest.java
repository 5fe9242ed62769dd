package io.patchflow.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.audit.EvidencePacks;
import io.patchflow.audit.PackVerification;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Evidence packs exported through the API from the real log on PostgreSQL, checked offline as an auditor would:
 * intact packs verify in every format, a pack changed by one character does not.
 */
class EvidenceExportIntegrationTest extends PostgresIntegrationTest {

    /** The demo profile's export key (application-demo.yml), which the integration tests run with. */
    static final byte[] DEMO_KEY = "demo-only-export-hmac-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    @Autowired
    ObjectMapper json;

    @Test
    void aChangesJsonPackHoldsItsDecisionsWithHashesAndVerifies() throws Exception {
        String change = newChange();
        byte[] pack = export("changeId", change, "json");

        JsonNode document = json.readTree(pack);
        assertThat(document.path("format").asText()).isEqualTo("patchflow-evidence/1");
        assertThat(document.path("scope").path("changeId").asText()).isEqualTo(change);
        assertThat(document.path("generatedBy").asText()).isEqualTo("frank");
        assertThat(document.path("entries")).hasSize(3);
        assertThat(document.path("entries").get(1).path("inputs").path("score").decimalValue())
                .isEqualByComparingTo("9.80");
        assertThat(document.path("entries").get(0).path("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(document.path("chain").path("valid").asBoolean()).isTrue();
        assertThat(document.path("signature").path("algorithm").asText()).isEqualTo("HMAC-SHA256");

        PackVerification result = EvidencePacks.verify(pack, DEMO_KEY, null);
        assertThat(result.problems()).isEmpty();
        assertThat(result.entries()).isEqualTo(3);
    }

    @Test
    void aJsonPackWithOneReasonChangedFailsVerification() throws Exception {
        String change = newChange();
        String pack = new String(export("changeId", change, "json"), StandardCharsets.UTF_8);
        byte[] altered = pack.replace("\"CAB agreed\"", "\"CAB agreed later\"").getBytes(StandardCharsets.UTF_8);

        PackVerification result = EvidencePacks.verify(altered, DEMO_KEY, null);

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).anyMatch(p -> p.contains("signature does not match"))
                .anyMatch(p -> p.contains("no longer match its hash"));
    }

    @Test
    void aJsonPackCheckedWithAnotherKeyFailsVerification() throws Exception {
        byte[] pack = export("changeId", newChange(), "json");

        PackVerification result = EvidencePacks.verify(pack,
                "another-key-of-at-least-thirty-two-chars".getBytes(StandardCharsets.UTF_8), null);

        assertThat(result.problems()).containsExactly("the signature does not match: the pack was altered after it "
                + "was signed, or signed with another key");
    }

    @Test
    void aCsvPackVerifiesAndAnEditedCellFails() throws Exception {
        String change = newChange();
        byte[] pack = export("changeId", change, "csv");
        String text = new String(pack, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# patchflow-evidence/1\n").contains(String.join(",", CsvPackWriter.HEADER));
        assertThat(text.strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("#signature,HMAC-SHA256,");
        // A formula-looking summary is defused for spreadsheets and still hashes as recorded.
        assertThat(text).contains("\"'=HYPERLINK(\"\"x\"\")\"");

        assertThat(EvidencePacks.verify(pack, DEMO_KEY, null).problems()).isEmpty();
        assertThat(EvidencePacks.verify(pack, DEMO_KEY, null).entries()).isEqualTo(3);

        byte[] altered = text.replace("\"carol\"", "\"mallory\"").getBytes(StandardCharsets.UTF_8);
        PackVerification result = EvidencePacks.verify(altered, DEMO_KEY, null);
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).anyMatch(p -> p.contains("no longer match its hash"));
    }

    @Test
    void aPdfPackIsReadableCarriesTheSignedJsonAndAnyChangedByteFailsIt() throws Exception {
        String change = newChange();
        byte[] pack = export("changeId", change, "pdf");

        try (PDDocument pdf = Loader.loadPDF(pack)) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Patchflow evidence pack").contains("change " + change)
                    .contains("approval.vote").contains("CAB agreed");
        }
        assertThat(EvidencePacks.verify(pack, DEMO_KEY, null).problems()).isEmpty();
        assertThat(EvidencePacks.verify(pack, DEMO_KEY, null).format()).isEqualTo("pdf");

        byte[] altered = pack.clone();
        int at = new String(pack, StandardCharsets.ISO_8859_1).indexOf("/Producer");
        altered[at > 0 ? at + 1 : pack.length / 2] ^= 1;
        assertThat(EvidencePacks.verify(altered, DEMO_KEY, null).problems())
                .anyMatch(p -> p.contains("signature does not match"));
    }

    @Test
    void aPeriodPackHoldsTheEntriesRecordedInItAndTheirLinks() throws Exception {
        Instant before = Instant.now().minusMillis(5);
        newChange();
        byte[] pack = export("from", before.toString(), "json", "to", Instant.now().plusSeconds(1).toString());

        JsonNode entries = json.readTree(pack).path("entries");
        assertThat(entries.size()).isGreaterThanOrEqualTo(3);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).path("seq").asLong()).isEqualTo(entries.get(i - 1).path("seq").asLong() + 1);
        }
        assertThat(EvidencePacks.verify(pack, DEMO_KEY, null).problems()).isEmpty();
    }

    @Test
    void anExportIsItselfOnTheRecord() throws Exception {
        String change = newChange();
        byte[] pack = export("changeId", change, "csv");

        AuditEntry exported = trail.forChange(change).get(3);
        assertThat(exported.kind()).isEqualTo("evidence.exported");
        assertThat(exported.actor()).isEqualTo("frank");
        assertThat(exported.inputs()).containsEntry("format", "csv").containsEntry("changeId", change);
        assertThat(exported.outcome()).containsEntry("sha256", PemKeys.sha256Hex(pack)).containsEntry("entries", 3);
    }

    @Test
    void badScopesAreProblemsNamingTheParameter() throws Exception {
        mvc.perform(get("/api/v1/audit/export").with(officer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/audit/export").param("changeId", "CHG-1").param("from", "2026-01-01")
                        .with(officer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("changeId"));
        mvc.perform(get("/api/v1/audit/export").param("changeId", "../../etc/passwd").with(officer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("changeId"));
        mvc.perform(get("/api/v1/audit/export").param("from", "2026-02-01").param("to", "2026-01-01")
                        .with(officer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("to"));
        mvc.perform(get("/api/v1/audit/export").param("from", "yesterday").param("to", "2026-01-01")
                        .with(officer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/audit/export").param("changeId", "CHG-1").param("format", "docx").with(officer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("format"));
    }

    @Test
    void exportsAreForComplianceOfficersAndAdministratorsOnly() throws Exception {
        mvc.perform(get("/api/v1/audit/export").param("changeId", "CHG-1")
                        .with(user("alice").roles("patch-operators")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/export").param("changeId", "CHG-1")
                        .with(user("erin").roles("change-managers")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/export").param("changeId", "CHG-1"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void thePackIsAnAttachmentNamedForItsScope() throws Exception {
        String change = newChange();
        mvc.perform(get("/api/v1/audit/export").param("changeId", change).param("format", "pdf").with(officer()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"evidence-" + change + ".pdf\""));
    }

    /** A change with three decisions, one with a decimal score, one with a summary a spreadsheet would run. */
    private String newChange() {
        String change = "CHG-X" + UUID.randomUUID().toString().substring(0, 8);
        trail.record(new AuditRecord(change, "change.requested", "alice", "=HYPERLINK(\"x\")", null,
                Map.of("advisories", List.of("DSA-5532-1")), Map.of()));
        trail.record(new AuditRecord(change, "policy.patch-priority", "policy:patch-priority", "P1", "KEV",
                Map.of("score", new java.math.BigDecimal("9.80"), "kev", true), Map.of("priority", "P1")));
        trail.record(new AuditRecord(change, "approval.vote", "carol", "Approved", "CAB agreed",
                Map.of("task", "cabVote"), Map.of("vote", "approve")));
        return change;
    }

    private byte[] export(String name, String value, String format, String... more) throws Exception {
        var request = get("/api/v1/audit/export").param(name, value).param("format", format).with(officer());
        for (int i = 0; i + 1 < more.length; i += 2) {
            request.param(more[i], more[i + 1]);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor officer() {
        return user("frank").roles("compliance-officers");
    }
}
