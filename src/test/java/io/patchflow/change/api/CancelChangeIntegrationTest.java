package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import io.patchflow.deployment.StopRequests;
import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketSystem;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** A change manager cancels a running change with a reason; the change, its ticket and its record say so. */
class CancelChangeIntegrationTest extends ChangeApiIntegrationTest {

    private static final String PREFIX = "pfcnl";

    @Autowired
    TicketSystem tickets;

    @Autowired
    StopRequests stops;

    @Test
    void aChangeManagerCancelsARunningChangeWithAReasonThatGoesOnTheRecord() throws Exception {
        List<HostSpec> fleet = List.of(new HostSpec("cnl-" + run + "-t1", "test", "high"),
                new HostSpec("cnl-" + run + "-p1", "prod", "high"), new HostSpec("cnl-" + run + "-p2", "prod", "high"));
        importHosts(fleet, PREFIX);
        String id = requestChange("alice", "Patch " + sourcePackage(PREFIX), loadAdvisory(PREFIX, CVSS_7_5),
                fleet.stream().map(HostSpec::name).toList());
        awaitTask(id, "signOffTest", as("bob"));

        mvc.perform(post("/api/v1/changes/{id}/cancel", id).with(as("erin")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"superseded by the vendor's cumulative update\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.state").value("CANCELLING"));

        assertThat(stops.requested(id)).as("every node is asked to stop the change's runs").isTrue();
        JsonNode cancelled = awaitEnd(id);
        assertThat(cancelled.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("outcome").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("closedAt").asText()).isNotBlank();
        assertThat(tasks(id, as("bob"))).as("the sign-off task went with the cancellation").isEmpty();

        List<JsonNode> trail = audit(id);
        JsonNode entry = entries(trail, "change.cancelled").get(0);
        assertThat(entry.path("actor").asText()).isEqualTo("erin");
        assertThat(entry.path("reason").asText()).isEqualTo("superseded by the vendor's cumulative update");
        assertThat(entries(trail, "ticket.transition")).extracting(e -> e.path("outcome").path("status").asText())
                .contains("CANCELLED");
        assertThat(kinds(trail).get(kinds(trail).size() - 1)).isEqualTo("change.sealed");
        assertThat(entries(trail, "change.sealed").get(0).path("outcome").path("state").asText())
                .isEqualTo("CANCELLED");

        mvc.perform(post("/api/v1/changes/{id}/cancel", id).with(as("erin")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"once more\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("CANCELLED")));
        assertThat(entries(audit(id), "change.cancelled")).hasSize(1);
    }

    @Test
    void aTicketClosedElsewhereDoesNotHoldUpTheCancellation() throws Exception {
        List<HostSpec> fleet = List.of(new HostSpec("cnl-" + run + "-t2", "test", "high"),
                new HostSpec("cnl-" + run + "-p3", "prod", "high"));
        importHosts(fleet, PREFIX + "x");
        String id = requestChange("alice", "Patch " + sourcePackage(PREFIX + "x"),
                loadAdvisory(PREFIX + "x", CVSS_7_5), fleet.stream().map(HostSpec::name).toList());
        awaitTask(id, "signOffTest", as("bob"));
        JsonNode ticket = change(id).path("ticket");
        tickets.transition(new TicketRef(ticket.path("system").asText(), ticket.path("key").asText(),
                ticket.path("url").asText()), "CLOSED", "service-desk", "closed by hand in the ITSM tool");

        mvc.perform(post("/api/v1/changes/{id}/cancel", id).with(as("erin")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"no longer needed\"}"))
                .andExpect(status().isOk());

        assertThat(awaitEnd(id).path("state").asText()).isEqualTo("CANCELLED");
        // The ticket learns of the cancellation from the update queue, after the cancellation committed.
        JsonNode skipped = await("the skipped ticket transition of " + id, id,
                () -> entries(audit(id), "ticket.transition-skipped"), found -> !found.isEmpty()).get(0);
        assertThat(skipped.path("outcome").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(skipped.path("summary").asText()).contains("CLOSED");
    }
}
