package io.patchflow.audit.internal;

import static io.patchflow.audit.internal.AuditChainIntegrationTest.newChangeId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

class AuditApiIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    @Test
    void verifyAnswersValidityEntryCountAndNoBrokenEntry() throws Exception {
        trail.record(AuditChainIntegrationTest.record(newChangeId(), "one"));

        mvc.perform(get("/api/v1/audit/verify").with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.entries").isNumber())
                .andExpect(jsonPath("$", hasKey("firstBrokenEntry")))
                .andExpect(jsonPath("$.firstBrokenEntry").value(nullValue()));
    }

    @Test
    void verifyIsNotForOperators() throws Exception {
        mvc.perform(get("/api/v1/audit/verify").with(user("alice").roles("patch-operators")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aChangesTrailListsItsDecisionsOldestFirstWithEveryField() throws Exception {
        String change = newChangeId();
        AuditEntry first = trail.record(new AuditRecord(change, "change.requested", "alice", "Requested", null,
                Map.of("advisories", java.util.List.of("CVE-2024-1")), Map.of()));
        trail.record(new AuditRecord(change, "priority.decided", "policy:patch-priority", "P1", "KEV",
                Map.of("kev", true), Map.of("priority", "P1")));

        mvc.perform(get("/api/v1/changes/{id}/audit", change).with(user("alice").roles("patch-operators")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].kind", contains("change.requested", "priority.decided")))
                .andExpect(jsonPath("$[0].id").value(first.id()))
                .andExpect(jsonPath("$[0].at").value(first.at().toString()))
                .andExpect(jsonPath("$[0].actor").value("alice"))
                .andExpect(jsonPath("$[0].summary").value("Requested"))
                .andExpect(jsonPath("$[0]", hasKey("reason")))
                .andExpect(jsonPath("$[0].inputs.advisories[0]").value("CVE-2024-1"))
                .andExpect(jsonPath("$[0].outcome").isMap())
                .andExpect(jsonPath("$[0].hash").value(first.hash()))
                .andExpect(jsonPath("$[1].reason").value("KEV"))
                .andExpect(jsonPath("$[1].outcome.priority").value("P1"));
    }

    @Test
    void aChangeWithoutDecisionsHasAnEmptyTrail() throws Exception {
        mvc.perform(get("/api/v1/changes/{id}/audit", newChangeId()).with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void searchFiltersByKindActorAndTime() throws Exception {
        String kind = "search.test." + newChangeId();
        trail.record(new AuditRecord(null, kind, "carol", "one", null, Map.of(), Map.of()));
        trail.record(new AuditRecord(null, kind, "dave", "two", null, Map.of(), Map.of()));
        trail.record(new AuditRecord(null, kind, "carol", "three", null, Map.of(), Map.of()));

        mvc.perform(get("/api/v1/audit").param("kind", kind).param("actor", "carol").param("from", "2000-01-01")
                        .param("size", "1").with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.size").value(1))
                .andExpect(jsonPath("$.entries[*].summary", contains("one")));
        mvc.perform(get("/api/v1/audit").param("kind", kind).param("to", "2000-01-01")
                        .with(user("frank").roles("compliance-officers")))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void searchWithAnUnreadableDateIsAProblemNamingTheParameter() throws Exception {
        mvc.perform(get("/api/v1/audit").param("from", "last tuesday")
                        .with(user("frank").roles("compliance-officers")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("from"));
    }
}
