package io.patchflow.audit.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The console's data: a real change, walked by the engine, found by every filter and shown with its history. */
class ConsoleApiIntegrationTest extends PostgresIntegrationTest {

    private static ConsoleFixture fixture;
    private static String change;

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    @BeforeEach
    void aClosedChange() throws Exception {
        if (change == null) {
            fixture = new ConsoleFixture(mvc, json, UUID.randomUUID().toString().substring(0, 8));
            change = fixture.closedChange();
        }
    }

    @Test
    void everyFilterFindsTheChangeAndAMismatchDoesNot() throws Exception {
        String host = fixture.hosts().get(2);
        expectFound("host", host, true);
        expectFound("advisory", fixture.advisory(), true);
        expectFound("advisory", fixture.cve(), true);
        mvc.perform(get("/api/v1/reports/changes").param("host", host).param("state", "CLOSED")
                        .param("priority", "P3").param("changeType", "standard").param("slaBreached", "false")
                        .param("from", "2000-01-01").with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.changes[*].id", hasItem(change)))
                .andExpect(jsonPath("$.changes[0].advisories", hasItem(fixture.advisory())));
        mvc.perform(get("/api/v1/reports/changes").param("host", host).param("approver", "carol").with(officer()))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/reports/changes").param("host", host).param("to", "2000-01-01").with(officer()))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/reports/changes").param("host", host).param("slaBreached", "true").with(officer()))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void aChangesHistoryHasItsDecisionsRolloutSeparationOfDutiesAndPath() throws Exception {
        mvc.perform(get("/api/v1/reports/changes/{id}", change).with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.change.state").value("CLOSED"))
                .andExpect(jsonPath("$.decisions[0].kind").value("change.requested"))
                .andExpect(jsonPath("$.decisions[*].kind", hasItems("policy.patch-priority", "approval.policy",
                        "rollout.batch", "verification", "change.sealed")))
                .andExpect(jsonPath("$.rollout[*].state", everyItem(containsString("SUCCEEDED"))))
                .andExpect(jsonPath("$.rollout.length()").value(5))
                .andExpect(jsonPath("$.separationOfDuties.held").value(true))
                .andExpect(jsonPath("$.diagrams[0].definitionKey").value("patch-lifecycle"))
                .andExpect(jsonPath("$.diagrams[0].completed", hasItem("requested")))
                .andExpect(jsonPath("$.diagrams[0].bpmnXml", containsString("patch-lifecycle")))
                .andExpect(jsonPath("$.diagrams[1].definitionKey").value("staged-rollout"))
                // The multi-instance ring and the steps inside it, not only the steps around it.
                .andExpect(jsonPath("$.diagrams[1].completed", hasItems("plan", "ring", "deployBatch")))
                .andExpect(jsonPath("$.diagrams[1].calledBy").isString());
    }

    @Test
    void theRetentionInForceIsShown() throws Exception {
        mvc.perform(get("/api/v1/reports/retention").with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.retentionDays").value(2555))
                .andExpect(jsonPath("$.historyTimeToLiveDays").value(2555))
                .andExpect(jsonPath("$.auditLog").value(containsString("never")));
    }

    @Test
    void theConsoleIsForComplianceOfficersAndAdminsOnly() throws Exception {
        mvc.perform(get("/console/")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Basic")));
        mvc.perform(get("/console/").with(user("alice").roles("patch-operators"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/reports/changes").with(user("carol").roles("cab"))).andExpect(status().isForbidden());
        mvc.perform(get("/console/").with(officer())).andExpect(status().isOk());
        mvc.perform(get("/console/console.js").with(user("admin").roles("patchflow-admins")))
                .andExpect(status().isOk());
    }

    @Test
    void anUnknownChangeOrStateIsAProblem() throws Exception {
        mvc.perform(get("/api/v1/reports/changes/{id}", "CHG-NOPE").with(officer()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/reports/changes").param("state", "DONE").with(officer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("state"));
        mvc.perform(get("/api/v1/reports/changes").param("from", "soon").with(officer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("from"));
    }

    private void expectFound(String filter, String value, boolean found) throws Exception {
        mvc.perform(get("/api/v1/reports/changes").param(filter, value).with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(found ? 1 : 0))
                .andExpect(jsonPath("$.changes[0].id").value(change));
    }

    private static RequestPostProcessor officer() {
        return user("frank").roles("compliance-officers");
    }
}
