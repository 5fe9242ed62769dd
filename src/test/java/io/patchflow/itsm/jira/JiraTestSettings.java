package io.patchflow.itsm.jira;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.client.RestClient;

/** Jira settings and clients for tests against the WireMock stand-in: short timeouts, waits recorded, not slept. */
final class JiraTestSettings {

    static final String SECRET = "webhook-secret-for-tests-only-0123456789";

    private JiraTestSettings() {
    }

    static JiraProperties cloud(URI baseUrl) {
        return settings(JiraFlavour.CLOUD, baseUrl);
    }

    static JiraProperties dataCenter(URI baseUrl) {
        return settings(JiraFlavour.DATA_CENTER, baseUrl);
    }

    private static JiraProperties settings(JiraFlavour flavour, URI baseUrl) {
        return new JiraProperties(flavour, baseUrl, "patchflow@example.com", "cloud-api-token",
                "dc-personal-access-token", "CHG", "Change", null, JiraStandIn.customFields(), null,
                URI.create("https://patchflow.example.com/"), Duration.ofSeconds(2), Duration.ofMillis(500), 3,
                Duration.ofMillis(500), Duration.ofSeconds(30),
                new JiraProperties.Webhook(SECRET, Duration.ofMinutes(5), List.of("Canceled", "Declined")));
    }

    /** The waits the client would have slept, in order. */
    static final class RecordedWaits implements JiraHttp.Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    static JiraTicketSystem ticketSystem(JiraProperties properties, RecordedWaits waits) {
        return new JiraTicketSystem(JiraConfiguration.api(properties, RestClient.builder(), waits), properties);
    }

    static Map<String, JiraProperties.Step> workflow() {
        return JiraProperties.DEFAULT_WORKFLOW;
    }
}
