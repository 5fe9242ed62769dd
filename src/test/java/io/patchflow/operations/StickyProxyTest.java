package io.patchflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy of docker/compose.yaml (docker/proxy/patchflow.conf) in the real nginx, in front of two local HTTP
 * servers that answer with their node's name: the nodes stand in for Patchflow because what is under test is the
 * proxy's routing, not Patchflow.
 */
class StickyProxyTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, HttpServer> nodes = new ConcurrentHashMap<>();
    private final Map<String, String> forwardedHeaders = new ConcurrentHashMap<>();
    private NginxProxy proxy;

    @BeforeEach
    void startTwoNodesBehindTheProxy() throws Exception {
        for (String name : List.of("node-1", "node-2")) {
            HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            node.createContext("/", exchange -> {
                forwardedHeaders.put("Host", String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
                forwardedHeaders.put("X-Forwarded-Proto",
                        String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto")));
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            node.start();
            nodes.put(name, node);
        }
        proxy = NginxProxy.start(nodes.get("node-1").getAddress().getPort(), nodes.get("node-2").getAddress().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        nodes.values().forEach(node -> node.stop(0));
    }

    @Test
    void requestsWithoutTheRouteCookieSpreadOverBothNodes() throws Exception {
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            answeredBy.add(get(null).body());
        }

        // Each of 40 requests lands on a node at random: all on one node would happen once in 2^39 runs.
        assertThat(answeredBy).containsExactlyInAnyOrder("node-1", "node-2");
    }

    @Test
    void aBrowserStaysOnTheNodeThatHoldsItsSession() throws Exception {
        HttpResponse<String> first = get(null);
        String cookie = routeCookie(first);

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> next = get(cookie);
            assertThat(next.body()).as("request " + i).isEqualTo(first.body());
            assertThat(routeCookie(next)).isEqualTo(cookie);
        }
    }

    @Test
    void aBrowserWhoseNodeIsDownIsServedByTheOtherNode() throws Exception {
        HttpResponse<String> first = get(null);
        String cookie = routeCookie(first);
        String other = first.body().equals("node-1") ? "node-2" : "node-1";

        nodes.get(first.body()).stop(0);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> next = get(cookie);
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(next.body()).isEqualTo(other);
        }
    }

    @Test
    void theNodesSeeTheHostAndSchemeTheBrowserUsed() throws Exception {
        get(null);

        // Patchflow (server.forward-headers-strategy=native) builds the Keycloak redirect URI from these.
        assertThat(forwardedHeaders).containsEntry("Host", "127.0.0.1:" + proxy.port)
                .containsEntry("X-Forwarded-Proto", "http");
    }

    private HttpResponse<String> get(String routeCookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port + "/api/v1/changes"));
        if (routeCookie != null) {
            request.header("Cookie", routeCookie);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    /** "PATCHFLOW_ROUTE=value" from the response's Set-Cookie, as a browser sends it back. */
    private static String routeCookie(HttpResponse<String> response) {
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("PATCHFLOW_ROUTE=")).findFirst()
                .orElseThrow(() -> new AssertionError("no route cookie in " + response.headers().map()));
        assertThat(setCookie).contains("Path=/").contains("HttpOnly");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
