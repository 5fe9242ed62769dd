package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/changes} reads a whole page at once (the advisories, scopes, host counts and the engine's active
 * steps of all its changes in one statement each); every change on it must still read exactly as its own page does.
 */
class ChangeListIntegrationTest extends ChangeApiIntegrationTest {

    @Test
    void everyChangeInTheListReadsAsItsOwnPageDoes() throws Exception {
        List<HostSpec> normalFleet = List.of(new HostSpec("lsn-" + run + "-t1", "test", "high"),
                new HostSpec("lsn-" + run + "-s1", "staging", "high"),
                new HostSpec("lsn-" + run + "-p1", "prod", "high"), new HostSpec("lsn-" + run + "-p2", "prod", "high"),
                new HostSpec("lsn-" + run + "-p3", "prod", "high"), new HostSpec("lsn-" + run + "-p4", "prod", "high"));
        importHosts(normalFleet, "pflsn");
        String high = loadAdvisory("pflsn", CVSS_7_5);
        List<HostSpec> standardFleet = new ArrayList<>();
        standardFleet.add(new HostSpec("lss-" + run + "-t1", "test", "medium"));
        standardFleet.add(new HostSpec("lss-" + run + "-t2", "test", "low"));
        for (int i = 1; i <= 3; i++) {
            standardFleet.add(new HostSpec("lss-" + run + "-s" + i, "staging", "medium"));
            standardFleet.add(new HostSpec("lss-" + run + "-p" + i, "prod", "medium"));
        }
        importHosts(standardFleet, "pflss");
        String medium = loadAdvisory("pflss", CVSS_5_3);
        List<String> standardScope = standardFleet.stream().map(HostSpec::name).sorted().toList();

        // Requested for every affected host (no scope), and waiting for bob in the test ring.
        String waiting = requestChange("alice", "Waits for its test sign-off", high, List.of());
        awaitTask(waiting, "signOffTest", as("bob"));
        String closed = requestChange("alice", "Closes on its own", medium, standardScope);
        awaitEnd(closed);

        JsonNode page = read(mvc.perform(get("/api/v1/changes").param("size", "500").with(as("frank")))
                .andExpect(status().isOk()));
        JsonNode waitingInList = find(page, waiting);
        JsonNode closedInList = find(page, closed);

        assertThat(waitingInList).isEqualTo(change(waiting));
        assertThat(strings(waitingInList.path("activeSteps"))).containsExactly("Sign off test");
        assertThat(waitingInList.path("scope")).isEmpty();
        assertThat(waitingInList.path("affectedHosts").asInt()).isEqualTo(normalFleet.size());
        assertThat(strings(waitingInList.path("advisories"))).containsExactly(high);

        assertThat(closedInList).isEqualTo(change(closed));
        assertThat(closedInList.path("state").asText()).isEqualTo("CLOSED");
        assertThat(closedInList.path("activeSteps")).isEmpty();
        assertThat(strings(closedInList.path("scope"))).isEqualTo(standardScope);
        assertThat(closedInList.path("affectedHosts").asInt()).isEqualTo(standardScope.size());
    }

    private static List<String> strings(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }

    private static JsonNode find(JsonNode page, String id) {
        for (JsonNode change : page) {
            if (id.equals(change.path("id").asText())) {
                return change;
            }
        }
        throw new AssertionError(id + " is not in the list");
    }
}
