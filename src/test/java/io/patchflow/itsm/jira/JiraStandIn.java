package io.patchflow.itsm.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * WireMock standing in for Jira, with Atlassian's published OpenAPI description of the Cloud platform API
 * ({@code ../shared/fixtures/jira/platform-swagger.v3.json}, read from there): every request Patchflow sent is
 * validated against it, and the answers served are the description's own examples, changed only where a test needs
 * another value (an issue key, a status). Without the description file a contract test is reported as not run,
 * with the reason: an assumption, never a pass.
 */
public final class JiraStandIn implements AutoCloseable {

    static final Path SPEC = Path.of(System.getProperty("patchflow.fixtures", "../shared/fixtures"), "jira",
            "platform-swagger.v3.json");

    private static JsonNode spec;
    private static OpenApiInteractionValidator validator;

    public final WireMockServer server;
    final ObjectMapper json = new ObjectMapper();

    public JiraStandIn() {
        server = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
        server.start();
    }

    /** Loads the description, or marks the calling test as not run, saying why. */
    public static synchronized void requireDescription() {
        Assumptions.assumeTrue(Files.isRegularFile(SPEC), "Jira contract test NOT RUN: Atlassian's OpenAPI "
                + "description is missing at " + SPEC.toAbsolutePath() + " (set -Dpatchflow.fixtures to the "
                + "shared fixtures folder); the requests could not be checked against it");
        if (validator == null) {
            try {
                spec = new ObjectMapper().readTree(SPEC.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            validator = OpenApiInteractionValidator.createForSpecificationUrl(SPEC.toUri().toString()).build();
        }
    }

    public URI baseUrl() {
        return URI.create(server.baseUrl());
    }

    /** The description's example answer of an operation, as a tree a test may change. */
    public ObjectNode example(String path, String method, int status) {
        try {
            String example = spec.path("paths").path(path).path(method).path("responses").path(String.valueOf(status))
                    .path("content").path("application/json").path("example").asText();
            assertThat(example).as("example of %s %s %s in the description", method, path, status).isNotBlank();
            return (ObjectNode) json.readTree(example);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String body(JsonNode node) {
        return node.toString();
    }

    /** Every request WireMock received, checked against the description; the failures name request and rule. */
    public void assertEveryRequestMatchesTheDescription() {
        List<String> problems = new ArrayList<>();
        List<ServeEvent> events = server.getAllServeEvents();
        assertThat(events).as("requests sent to the Jira stand-in").isNotEmpty();
        for (ServeEvent event : events) {
            LoggedRequest request = event.getRequest();
            ValidationReport report = validator.validateRequest(toValidatorRequest(request));
            if (report.hasErrors()) {
                problems.add(request.getMethod() + " " + request.getUrl() + ": " + report.getMessages());
            }
        }
        assertThat(problems).as("requests that do not match Atlassian's OpenAPI description").isEmpty();
    }

    private static SimpleRequest toValidatorRequest(LoggedRequest request) {
        URI uri = URI.create(request.getUrl());
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethod().getName(), uri.getPath());
        request.getQueryParams().forEach((name, values) -> builder.withQueryParam(name, values.values()));
        for (String header : request.getAllHeaderKeys()) {
            builder.withHeader(header, request.getHeaders().getHeader(header).values());
        }
        if (request.getBody() != null && request.getBody().length > 0) {
            builder.withBody(request.getBodyAsString());
        }
        return builder.build();
    }

    /** The JSON bodies of the requests to a path (as sent, in order). */
    public List<JsonNode> sentTo(String method, String path) {
        List<JsonNode> bodies = new ArrayList<>();
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        for (ServeEvent event : events) {
            LoggedRequest request = event.getRequest();
            if (request.getMethod().getName().equals(method) && URI.create(request.getUrl()).getPath().equals(path)) {
                try {
                    bodies.add(request.getBody().length == 0 ? json.nullNode() : json.readTree(request.getBody()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return bodies;
    }

    public List<LoggedRequest> requests() {
        List<LoggedRequest> requests = new ArrayList<>(server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .toList());
        java.util.Collections.reverse(requests);
        return requests;
    }

    static Map<String, String> customFields() {
        return Map.of("risk", "customfield_10100", "change-type", "customfield_10101", "affected-hosts",
                "customfield_10102", "sla-due", "customfield_10103");
    }

    @Override
    public void close() {
        server.stop();
    }
}
