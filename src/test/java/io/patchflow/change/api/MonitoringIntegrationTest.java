package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator's monitoring relies on (docs/operations.md): /actuator/prometheus follows a real change through
 * its rollout, the ticket queue and the assessments; health shows the job executor and the back ends to the
 * monitoring roles only; readiness is up once the engine runs; metrics are refused to anonymous callers and to roles
 * that are not operators or admins. Gauges are cached for 5 s, so figures are awaited, not read once.
 */
class MonitoringIntegrationTest extends ChangeApiIntegrationTest {

    private static final String PREFIX = "pfmon";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    @Test
    void prometheusFollowsAHaltedRolloutByChangeStateAndHostState() throws Exception {
        double halted = metric("patchflow_changes", "ROLLOUT_HALTED");
        double rolledBack = metric("patchflow_rollout_hosts", "ROLLED_BACK");
        double pending = metric("patchflow_rollout_hosts", "PENDING");

        // The fleet of RolloutBreachIntegrationTest: the pilot ring breaches its budget (one flaky host), is rolled
        // back (2 hosts) and the rollout halts with the broad ring's 4 hosts still pending.
        List<HostSpec> fleet = new ArrayList<>(List.of(new HostSpec("mon-" + run + "-t1", "test", "medium"),
                new HostSpec("mon-" + run + "-s1", "staging", "medium"),
                new HostSpec("mon-" + run + "-p1", "prod", "medium"),
                new HostSpec("mon-" + run + "-p2-flaky-db", "prod", "medium")));
        for (int i = 3; i <= 6; i++) {
            fleet.add(new HostSpec("mon-" + run + "-p" + i, "prod", "medium"));
        }
        importHosts(fleet, PREFIX);
        String id = requestChange("alice", "Patch " + sourcePackage(PREFIX), loadAdvisory(PREFIX, CVSS_5_3),
                fleet.stream().map(HostSpec::name).toList());
        awaitState(id, "ROLLOUT_HALTED");

        awaitMetric("patchflow_changes", "ROLLOUT_HALTED", halted + 1);
        awaitMetric("patchflow_rollout_hosts", "ROLLED_BACK", rolledBack + 2);
        awaitMetric("patchflow_rollout_hosts", "PENDING", pending + 4);
        assertThat(scrape("alice")).as("every state has its series, zero or not")
                .contains("patchflow_changes{application=\"patchflow\",state=\"NOT_AFFECTED\"}")
                .contains("patchflow_rollout_hosts{application=\"patchflow\",state=\"UNREACHABLE\"}")
                .contains("patchflow_jobs_backlog{").contains("patchflow_jobs_failed{")
                .contains("patchflow_incidents_open{");
    }

    @Test
    void prometheusShowsTheTicketQueueDepthPendingAndStalled() throws Exception {
        double pending = metric("patchflow_ticket_updates", "PENDING");
        double stalled = metric("patchflow_ticket_updates", "STALLED");
        // Queued by hand for a change of this test only, due in the far future, so no worker delivers them while the
        // gauge is read; removed again afterwards.
        String change = "CHG-MON-" + run;
        try {
            queueUpdate(change, "PENDING");
            queueUpdate(change, "STALLED");
            awaitMetric("patchflow_ticket_updates", "PENDING", pending + 1);
            awaitMetric("patchflow_ticket_updates", "STALLED", stalled + 1);
            JsonNode ticketSystem = health("admin").path("components").path("ticketSystem");
            assertThat(ticketSystem.path("status").asText()).as("the built-in register stays up: %s", ticketSystem)
                    .isEqualTo("UP");
            assertThat(ticketSystem.path("details").path("stalledUpdates").asLong()).isGreaterThanOrEqualTo(1);
        } finally {
            jdbc.sql("DELETE FROM itsm_outbox WHERE change_id = ?").param(change).update();
        }
    }

    @Test
    void anAssessmentIsTimed() throws Exception {
        double before = sample(scrape("alice"), "patchflow_assessment_duration_seconds_count", null);
        mvc.perform(post("/api/v1/assessments").with(as("alice"))).andExpect(status().is2xxSuccessful());
        assertThat(sample(scrape("alice"), "patchflow_assessment_duration_seconds_count", null))
                .isEqualTo(before + 1);
        assertThat(scrape("alice")).contains("patchflow_assessment_duration_seconds_bucket{");
    }

    @Test
    void healthShowsTheJobExecutorAndTheBackEndsToTheMonitoringRoles() throws Exception {
        for (String user : List.of("admin", "alice")) {
            JsonNode health = health(user);
            assertThat(health.path("status").asText()).isEqualTo("UP");
            JsonNode components = health.path("components");
            assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
            JsonNode jobs = components.path("jobExecutor");
            assertThat(jobs.path("status").asText()).isEqualTo("UP");
            assertThat(jobs.path("details").path("active").asBoolean()).isTrue();
            assertThat(jobs.path("details").has("dueJobsNotAcquired")).as("%s", jobs).isTrue();
            assertThat(jobs.path("details").has("failedJobs")).isTrue();
            assertThat(components.path("deploymentBackend").path("details").path("backend").asText())
                    .isEqualTo("simulator");
            assertThat(components.path("deploymentBackend").path("status").asText()).isEqualTo("UP");
            assertThat(components.path("ticketSystem").path("details").path("system").asText()).isEqualTo("local");
        }
    }

    @Test
    void anonymousCallersAndOtherRolesSeeOnlyTheStatus() throws Exception {
        for (JsonNode health : List.of(read(mvc.perform(get("/actuator/health")).andExpect(status().isOk())),
                health("frank"), health("carol"))) {
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.has("components")).as("no details: %s", health).isFalse();
        }
    }

    @Test
    void readinessAndLivenessAreUpOnceTheEngineRunsAndReadinessWaitsForTheJobExecutor() throws Exception {
        assertThat(read(mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk()))
                .path("status").asText()).isEqualTo("UP");
        assertThat(read(mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk()))
                .path("status").asText()).isEqualTo("UP");
        JsonNode readiness = read(mvc.perform(get("/actuator/health/readiness").with(as("admin")))
                .andExpect(status().isOk())).path("components");
        assertThat(readiness.has("jobExecutor") && readiness.has("db") && readiness.has("readinessState"))
                .as("readiness components: %s", readiness).isTrue();
        assertThat(readiness.has("ticketSystem")).as("a shared fault must not take every node out").isFalse();
    }

    @Test
    void everyPatchflowSeriesOfTheGrafanaDashboardIsExposed() throws Exception {
        String dashboard = Files.readString(Path.of("docker/grafana/patchflow-dashboard.json"));
        json.readTree(dashboard);
        Matcher names = Pattern.compile("patchflow_[a-z_]+").matcher(dashboard);
        List<String> used = new ArrayList<>();
        while (names.find()) {
            used.add(names.group());
        }
        assertThat(used).contains("patchflow_changes", "patchflow_rollout_hosts", "patchflow_jobs_backlog",
                "patchflow_jobs_failed", "patchflow_incidents_open", "patchflow_ticket_updates",
                "patchflow_assessment_duration_seconds_bucket");
        String exposition = scrape("admin");
        for (String name : used) {
            assertThat(exposition).as("the dashboard's %s", name).contains("\n" + name + "{");
        }
    }

    @Test
    void metricsAreForOperatorsAndAdminsOnly() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        // An unknown name: a wrong password for a demo user would throttle that user for the other tests.
        mvc.perform(get("/actuator/prometheus").with(httpBasic("monitor-" + run, "guess")))
                .andExpect(status().isUnauthorized());
        for (String refused : List.of("bob", "carol", "erin", "frank")) {
            mvc.perform(get("/actuator/prometheus").with(as(refused))).andExpect(status().isForbidden());
        }
        for (String allowed : List.of("alice", "admin")) {
            mvc.perform(get("/actuator/prometheus").with(as(allowed))).andExpect(status().isOk());
        }
    }

    private JsonNode health(String user) throws Exception {
        return read(mvc.perform(get("/actuator/health").with(as(user))).andExpect(status().isOk()));
    }

    private void queueUpdate(String change, String state) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO itsm_outbox (change_id, ticket_system, ticket_key, kind, author, body, state, attempts, "
                + "next_attempt_at, created_at) VALUES (?, 'local', ?, 'COMMENT', 'monitoring-test', 'queued', ?, 0, "
                + "?, ?)").params(change, "PF-" + run, state, now.plusYears(100), now).update();
    }

    private String scrape(String user) throws Exception {
        return mvc.perform(get("/actuator/prometheus").with(as(user))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    private double metric(String name, String state) throws Exception {
        double value = sample(scrape("alice"), name, state);
        assertThat(value).as("%s{state=%s} is a number", name, state).isNotNaN();
        return value;
    }

    private void awaitMetric(String name, String state, double atLeast) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double last = metric(name, state);
        while (last < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = metric(name, state);
        }
        assertThat(last).as("%s{state=%s}", name, state).isGreaterThanOrEqualTo(atLeast);
    }

    /** The value of one series of the Prometheus text format; the state label picks it when given. */
    private static double sample(String exposition, String name, String state) {
        for (String line : exposition.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).equals(name)
                    && (state == null || String.valueOf(m.group(2)).contains("state=\"" + state + "\""))) {
                return Double.parseDouble(m.group(3));
            }
        }
        throw new AssertionError("no sample " + name + (state == null ? "" : "{state=" + state + "}") + " in:\n"
                + exposition);
    }
}
