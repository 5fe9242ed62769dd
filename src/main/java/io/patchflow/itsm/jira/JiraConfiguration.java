package io.patchflow.itsm.jira;

import io.patchflow.itsm.TicketSystem;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Jira is the ticket system when {@code patchflow.itsm.system=jira}. Refuses to start with settings Jira cannot work
 * with (credentials missing above all), naming each property and its environment variable.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "patchflow.itsm", name = "system", havingValue = "jira")
class JiraConfiguration {

    @Bean
    TicketSystem jiraTicketSystem(JiraProperties properties, RestClient.Builder builder) {
        return new JiraTicketSystem(api(properties, builder, JiraHttp.Sleeper.REAL), properties);
    }

    static JiraApi api(JiraProperties properties, RestClient.Builder builder, JiraHttp.Sleeper sleeper) {
        List<String> problems = properties.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Jira is the ticket system (patchflow.itsm.system=jira) but its settings "
                    + "are incomplete:\n - " + String.join("\n - ", problems));
        }
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1: an h2c upgrade of a POST with a body is refused by some proxies (and WireMock's Jetty).
                .version(HttpClient.Version.HTTP_1_1).build());
        requests.setReadTimeout(properties.readTimeout());
        RestClient rest = builder.clone()
                .baseUrl(properties.baseUrl().toString().replaceAll("/+$", ""))
                .requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, authorization(properties))
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
        return new JiraApi(rest, new JiraHttp(properties.attempts(), properties.backoff(), properties.maxWait(),
                sleeper), properties.flavour());
    }

    /** Cloud: basic auth with the account's e-mail and API token. Data Center: the personal access token. */
    static String authorization(JiraProperties properties) {
        if (properties.flavour() == JiraFlavour.CLOUD) {
            return "Basic " + Base64.getEncoder().encodeToString((properties.email() + ":" + properties.apiToken())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + properties.personalAccessToken();
    }
}
