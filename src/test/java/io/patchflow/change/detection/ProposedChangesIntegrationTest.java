package io.patchflow.change.detection;

import static io.patchflow.advisory.assessment.AssessmentFixtures.CRITICAL;
import static io.patchflow.advisory.assessment.AssessmentFixtures.debian;
import static io.patchflow.advisory.assessment.AssessmentFixtures.host;
import static io.patchflow.advisory.assessment.AssessmentFixtures.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.patchflow.advisory.KevEntry;
import io.patchflow.advisory.RiskFeeds;
import io.patchflow.advisory.assessment.AssessmentFixtures;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Proposed changes on PostgreSQL: a known-exploited group starts exactly one change through PatchDetected and a
 * later assessment that finds more hosts starts no second one; a P4 group waits for an operator, who starts or
 * dismisses it; every step is on the record.
 */
class ProposedChangesIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    RiskFeeds riskFeeds;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private AssessmentFixtures api;

    private AssessmentFixtures api() {
        if (api == null) {
            api = new AssessmentFixtures(mvc);
        }
        return api;
    }

    @Test
    void aKnownExploitedGroupStartsOneChangeAndALaterAssessmentStartsNoSecond() throws Exception {
        String cve = "CVE-2097-" + (10000 + Math.abs(run.hashCode() % 80000));
        String lib = "libkev-" + run;
        api().advisories(debian("PF-" + run + "-K", lib, "1.0-2", CRITICAL, cve));
        riskFeeds.storeKev(List.of(new KevEntry(cve, LocalDate.now().minusDays(1))), "test");
        api().inventory(host("kev1-" + run, "prod", "high", false, pkg(lib, "1.0-1")));

        api().assess();
        Map<String, Object> proposal = proposalFor(lib);
        assertThat(proposal.get("state")).isEqualTo("STARTED");
        assertThat(proposal.get("autoStart")).isEqualTo(true);
        assertThat(proposal.get("decidedBy")).isEqualTo("policy:change-proposal");
        assertThat(proposal.get("hosts")).isEqualTo(1);
        String changeId = (String) proposal.get("changeId");
        mvc.perform(get("/api/v1/changes/" + changeId).with(AssessmentFixtures.operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.advisories[0]").value("PF-" + run + "-K"))
                .andExpect(jsonPath("$.scope[0]").value("kev1-" + run));

        api().inventory(host("kev2-" + run, "prod", "high", false, pkg(lib, "1.0-1")));
        api().assess();

        List<Map<String, Object>> forGroup = proposalsFor(lib);
        assertThat(forGroup).singleElement().satisfies(p -> {
            assertThat(p.get("changeId")).isEqualTo(changeId);
            assertThat(p.get("hosts")).isEqualTo(2);
        });
        String trail = mvc.perform(get("/api/v1/changes/" + changeId + "/audit").with(AssessmentFixtures.operator()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> kinds = JsonPath.read(trail, "$[*].kind");
        assertThat(kinds).contains("change.requested", "proposal.auto-started", "proposal.covered");
        assertThat(changesTitled(lib)).isEqualTo(1);
    }

    @Test
    void hostsAlreadyInAnOpenChangeForTheAdvisoryAreLeftOutOfTheProposedChange() throws Exception {
        String cve = "CVE-2096-" + (10000 + Math.abs(run.hashCode() % 80000));
        String lib = "libcov-" + run;
        String advisory = "PF-" + run + "-C";
        api().advisories(debian(advisory, lib, "2.0-2", CRITICAL, cve));
        riskFeeds.storeKev(List.of(new KevEntry(cve, LocalDate.now().minusDays(1))), "test");
        api().inventory(host("cov1-" + run, "prod", "high", false, pkg(lib, "2.0-1")));
        api().inventory(host("cov2-" + run, "prod", "high", false, pkg(lib, "2.0-1")));
        String requested = mvc.perform(post("/api/v1/changes").with(AssessmentFixtures.operator())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"title":"Patch %s on cov1 now","advisories":["%s"],"hosts":["cov1-%s"]}"""
                        .formatted(lib, advisory, run)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String byHand = JsonPath.read(requested, "$.id");

        api().assess();

        Map<String, Object> proposal = proposalFor(lib);
        assertThat(proposal.get("state")).isEqualTo("STARTED");
        String proposed = (String) proposal.get("changeId");
        assertThat(proposed).isNotEqualTo(byHand);
        mvc.perform(get("/api/v1/changes/" + proposed).with(AssessmentFixtures.operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope.length()").value(1))
                .andExpect(jsonPath("$.scope[0]").value("cov2-" + run));
    }

    @Test
    void aGroupWhoseHostsAreAllInAnOpenChangeStartsNoSecondChange() throws Exception {
        String cve = "CVE-2095-" + (10000 + Math.abs(run.hashCode() % 80000));
        String lib = "libfull-" + run;
        String advisory = "PF-" + run + "-F";
        api().advisories(debian(advisory, lib, "5.0-2", CRITICAL, cve));
        riskFeeds.storeKev(List.of(new KevEntry(cve, LocalDate.now().minusDays(1))), "test");
        api().inventory(host("full1-" + run, "prod", "high", false, pkg(lib, "5.0-1")));
        String requested = mvc.perform(post("/api/v1/changes").with(AssessmentFixtures.operator())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"title":"Patch the one host by hand","advisories":["%s"],"hosts":["full1-%s"]}"""
                        .formatted(advisory, run)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String byHand = JsonPath.read(requested, "$.id");

        api().assess();

        assertThat(proposalFor(lib)).containsEntry("state", "STARTED").containsEntry("changeId", byHand);
        assertThat(changesTitled(lib)).isZero();
        String trail = mvc.perform(get("/api/v1/changes/" + byHand + "/audit").with(AssessmentFixtures.operator()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> kinds = JsonPath.read(trail, "$[*].kind");
        assertThat(kinds).contains("proposal.covered");
    }

    @Test
    void aWaitingProposalIsStartedByAnOperatorAndAnotherDismissedWithAReason() throws Exception {
        String waiting = "libwait-" + run;
        String unwanted = "libdrop-" + run;
        api().advisories(debian("PF-" + run + "-W", waiting, "3.0-2", null),
                debian("PF-" + run + "-D", unwanted, "4.0-2", null));
        api().inventory(host("wait1-" + run, "test", "low", false, pkg(waiting, "3.0-1"), pkg(unwanted, "4.0-1")));
        api().assess();

        Map<String, Object> proposal = proposalFor(waiting);
        assertThat(proposal).containsEntry("state", "WAITING").containsEntry("autoStart", false)
                .containsEntry("priority", "P4");
        String id = (String) proposal.get("id");
        mvc.perform(get("/api/v1/proposals/" + id).with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.hostNames[0]").value("wait1-" + run));

        mvc.perform(post("/api/v1/proposals/" + id + "/start").with(user("bob").roles("patch-testers")))
                .andExpect(status().isForbidden());
        String started = mvc.perform(post("/api/v1/proposals/" + id + "/start").with(AssessmentFixtures.operator()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String changeId = JsonPath.read(started, "$.change");
        assertThat(proposalFor(waiting)).containsEntry("state", "STARTED").containsEntry("changeId", changeId)
                .containsEntry("decidedBy", "alice");
        mvc.perform(get("/api/v1/changes/" + changeId).with(AssessmentFixtures.operator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.requestedBy").value("alice"));
        mvc.perform(post("/api/v1/proposals/" + id + "/start").with(AssessmentFixtures.operator()))
                .andExpect(status().isConflict());

        String dropId = (String) proposalFor(unwanted).get("id");
        mvc.perform(post("/api/v1/proposals/" + dropId + "/dismiss").with(AssessmentFixtures.operator())
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\" \"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"));
        assertThat(proposalFor(unwanted)).containsEntry("state", "WAITING");
        mvc.perform(post("/api/v1/proposals/" + dropId + "/dismiss").with(user("erin").roles("change-managers"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"Test hosts are rebuilt from golden images next week\"}"))
                .andExpect(status().isOk());
        assertThat(proposalFor(unwanted)).containsEntry("state", "DISMISSED").containsEntry("decidedBy", "erin")
                .containsEntry("dismissReason", "Test hosts are rebuilt from golden images next week");
        mvc.perform(post("/api/v1/proposals/" + dropId + "/start").with(AssessmentFixtures.operator()))
                .andExpect(status().isConflict());
        String log = mvc.perform(get("/api/v1/audit").param("kind", "proposal.dismissed")
                .with(user("frank").roles("compliance-officers"))).andReturn().getResponse().getContentAsString();
        assertThat(log).contains(dropId);
    }

    @Test
    void badProposalRequestsAreRefusedNamingWhatIsWrong() throws Exception {
        mvc.perform(get("/api/v1/proposals").param("state", "open").with(AssessmentFixtures.operator()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("state"));
        mvc.perform(post("/api/v1/proposals/PRP-x/start").with(AssessmentFixtures.operator()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("id"));
        mvc.perform(post("/api/v1/proposals/PRP-999999/dismiss").with(AssessmentFixtures.operator())
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"no\"}"))
                .andExpect(status().isNotFound());
    }

    private List<Map<String, Object>> proposalsFor(String packageName) throws Exception {
        String body = mvc.perform(get("/api/v1/proposals").param("size", "500").with(AssessmentFixtures.operator()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$[?(@.package=='" + packageName + "')]");
    }

    private Map<String, Object> proposalFor(String packageName) throws Exception {
        List<Map<String, Object>> found = proposalsFor(packageName);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private int changesTitled(String packageName) throws Exception {
        String body = mvc.perform(get("/api/v1/changes").param("size", "200").with(AssessmentFixtures.operator()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Object> matching = JsonPath.read(body, "$[?(@.title =~ /.*" + packageName + " .*/)]");
        return matching.size();
    }
}
