package io.patchflow.advisory.assessment;

import static io.patchflow.advisory.assessment.AssessmentFixtures.CRITICAL;
import static io.patchflow.advisory.assessment.AssessmentFixtures.HIGH;
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
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Findings across assessments on PostgreSQL: first and last seen, new / still open / resolved, priority and SLA from
 * the patch-priority table with the KEV due date. Other tests share the database, so every assertion is about this
 * run's own hosts and advisories, and assessment-wide counts are checked as lower bounds and for consistency.
 */
class FindingsOverTimeIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    RiskFeeds riskFeeds;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    static RequestPostProcessor operator() {
        return AssessmentFixtures.operator();
    }

    @Test
    void aSecondAssessmentTellsNewStillOpenAndResolvedFindingsApart() throws Exception {
        String libA = "liba-" + run;
        String libB = "libb-" + run;
        String advA = "PF-" + run + "-A";
        String advB = "PF-" + run + "-B";
        String host1 = "web1-" + run;
        String host2 = "web2-" + run;
        advisories(debian(advA, libA, "1.0-2", null), debian(advB, libB, "2.0-2", null));
        inventory(host(host1, "test", "low", false, pkg(libA, "1.0-1"), pkg(libB, "2.0-1")));

        Map<String, Object> first = assess();
        assertThat((Integer) first.get("new")).isGreaterThanOrEqualTo(2);
        List<Map<String, Object>> seen = findings(host1, "open");
        assertThat(seen).extracting(f -> f.get("advisory")).containsExactlyInAnyOrder(advA, advB);
        assertThat(seen).allSatisfy(f -> {
            assertThat(f.get("firstSeen")).isEqualTo(f.get("lastSeen"));
            assertThat(Instant.parse((String) f.get("firstSeen"))).isEqualTo(Instant.parse((String) first.get("startedAt")));
            assertThat(f.get("resolvedAt")).isNull();
        });

        // libA gets its fix on host1; host2 arrives with the vulnerable libA.
        inventory(host(host1, "test", "low", false, pkg(libA, "1.0-2"), pkg(libB, "2.0-1")),
                host(host2, "test", "low", false, pkg(libA, "1.0-1")));
        Map<String, Object> second = assess();

        Instant firstAt = Instant.parse((String) first.get("startedAt"));
        Instant secondAt = Instant.parse((String) second.get("startedAt"));
        assertThat(findings(host1, "open")).singleElement().satisfies(f -> {
            assertThat(f.get("advisory")).isEqualTo(advB);
            assertThat(Instant.parse((String) f.get("firstSeen"))).isEqualTo(firstAt);
            assertThat(Instant.parse((String) f.get("lastSeen"))).isEqualTo(secondAt);
        });
        assertThat(findings(host1, "resolved")).singleElement().satisfies(f -> {
            assertThat(f.get("advisory")).isEqualTo(advA);
            assertThat(f.get("installedVersion")).isEqualTo("1.0-1");
            assertThat(Instant.parse((String) f.get("resolvedAt"))).isEqualTo(secondAt);
            assertThat(Instant.parse((String) f.get("lastSeen"))).isEqualTo(firstAt);
        });
        assertThat(findings(host2, "open")).singleElement().satisfies(f -> {
            assertThat(f.get("advisory")).isEqualTo(advA);
            assertThat(Instant.parse((String) f.get("firstSeen"))).isEqualTo(secondAt);
        });
        assertThat(findings(host1, "all")).hasSize(2);
        assertThat((Integer) second.get("new")).isGreaterThanOrEqualTo(1);
        assertThat((Integer) second.get("stillOpen")).isGreaterThanOrEqualTo(1);
        assertThat((Integer) second.get("resolved")).isGreaterThanOrEqualTo(1);
        assertThat((Integer) second.get("new") + (Integer) second.get("stillOpen")).isEqualTo(second.get("findings"));
        assertThat((Integer) second.get("writeMillis")).isNotNegative();

        // The assessment is kept as answered, and listed first among the recent ones (or after a newer one).
        String stored = mvc.perform(get("/api/v1/assessments/" + second.get("id"))
                .with(user("frank").roles("compliance-officers"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Map<String, Object> storedAssessment = JsonPath.read(stored, "$");
        assertThat(storedAssessment).containsAllEntriesOf(Map.of("new", second.get("new"), "stillOpen",
                second.get("stillOpen"), "resolved", second.get("resolved"), "findings", second.get("findings")));
        mvc.perform(get("/api/v1/assessments").param("size", "200").with(operator())).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id==" + second.get("id") + ")].resolved").value(second.get("resolved")));

        // Seen again after its resolution, a finding is open again, and new in that assessment.
        inventory(host(host1, "test", "low", false, pkg(libA, "1.0-1"), pkg(libB, "2.0-1")));
        Map<String, Object> third = assess();
        assertThat(findings(host1, "open")).hasSize(2).anySatisfy(f -> {
            assertThat(f.get("advisory")).isEqualTo(advA);
            assertThat(Instant.parse((String) f.get("firstSeen"))).isEqualTo(firstAt);
            assertThat(Instant.parse((String) f.get("lastSeen")))
                    .isEqualTo(Instant.parse((String) third.get("startedAt")));
        });
        assertThat(findings(host1, "resolved")).isEmpty();
    }

    @Test
    void priorityAndSlaComeFromThePolicyAndAKevDueDateWinsWhenSooner() throws Exception {
        String kevCve = "CVE-2098-" + (10000 + Math.abs(run.hashCode() % 80000));
        String kevAdv = "PF-" + run + "-KEV";
        String highAdv = "PF-" + run + "-HIGH";
        String plainAdv = "PF-" + run + "-PLAIN";
        String libK = "libk-" + run;
        String libH = "libh-" + run;
        String libP = "libp-" + run;
        advisories(debian(kevAdv, libK, "1.0-2", CRITICAL, kevCve), debian(highAdv, libH, "1.0-2", HIGH),
                debian(plainAdv, libP, "1.0-2", null));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        riskFeeds.storeKev(List.of(new KevEntry(kevCve, null, null, null, today.minusDays(1), today.plusDays(3),
                "Unknown")), "test");
        String exposed = "edge-" + run;
        String internal = "core-" + run;
        inventory(host(exposed, "prod", "critical", true, pkg(libK, "1.0-1")),
                host(internal, "prod", "high", false, pkg(libK, "1.0-1"), pkg(libH, "1.0-1"), pkg(libP, "1.0-1")));

        Map<String, Object> assessment = assess();
        LocalDate day = LocalDate.ofInstant(Instant.parse((String) assessment.get("startedAt")), ZoneOffset.UTC);

        // KEV on an internet-facing host: P1 within 2 days, sooner than KEV's 3.
        assertThat(findings(exposed, "open")).singleElement().satisfies(f -> {
            assertThat(f.get("priority")).isEqualTo("P1");
            assertThat(f.get("slaDue")).isEqualTo(day.plusDays(2).toString());
        });
        List<Map<String, Object>> internalFindings = findings(internal, "open");
        assertThat(internalFindings).filteredOn(f -> kevAdv.equals(f.get("advisory"))).singleElement()
                .satisfies(f -> {
                    // KEV inside: P1 within 7 days, but CISA's due date (3 days) comes first.
                    assertThat(f.get("priority")).isEqualTo("P1");
                    assertThat(f.get("slaDue")).isEqualTo(today.plusDays(3).toString());
                });
        assertThat(internalFindings).filteredOn(f -> highAdv.equals(f.get("advisory"))).singleElement()
                .satisfies(f -> {
                    // CVSS 7.5 on a high-criticality production host: P2 within 14 days.
                    assertThat(f.get("priority")).isEqualTo("P2");
                    assertThat(f.get("slaDue")).isEqualTo(day.plusDays(14).toString());
                });
        assertThat(internalFindings).filteredOn(f -> plainAdv.equals(f.get("advisory"))).singleElement()
                .satisfies(f -> {
                    assertThat(f.get("priority")).isEqualTo("P4");
                    assertThat(f.get("slaDue")).isEqualTo(day.plusDays(90).toString());
                });
        assertThat((String) assessment.get("priorityPolicy")).startsWith("patch-priority:");
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() throws Exception {
        mvc.perform(get("/api/v1/findings").param("state", "closed").with(operator()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("state"));
        mvc.perform(get("/api/v1/assessments/forty-two").with(operator()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("id"));
        mvc.perform(get("/api/v1/assessments").param("size", "0").with(operator()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get("/api/v1/assessments/987654321").with(operator())).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/assessments").with(user("bob").roles("patch-testers")))
                .andExpect(status().isForbidden());
    }

    void advisories(String... osv) throws Exception {
        new AssessmentFixtures(mvc).advisories(osv);
    }

    void inventory(String... hosts) throws Exception {
        new AssessmentFixtures(mvc).inventory(hosts);
    }

    Map<String, Object> assess() throws Exception {
        return new AssessmentFixtures(mvc).assess();
    }

    List<Map<String, Object>> findings(String host, String state) throws Exception {
        return new AssessmentFixtures(mvc).findings(host, state);
    }
}
