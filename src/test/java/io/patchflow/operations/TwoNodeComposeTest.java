package io.patchflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml runs two Patchflow nodes of one cluster behind the proxy (there is no Docker engine here, so the
 * file's wiring is checked as Compose reads it, and its health check command is run for real).
 */
class TwoNodeComposeTest {

    private static final List<String> NODES = List.of("patchflow-1", "patchflow-2");

    @Test
    void bothNodesShareOneDatabaseOneKeycloakAndOneAuditKey() throws Exception {
        ComposeFile compose = ComposeFile.read();
        Map<String, Object> first = compose.map("patchflow-1", "environment");
        Map<String, Object> second = compose.map("patchflow-2", "environment");

        assertThat(first).isEqualTo(second)
                .containsEntry("PATCHFLOW_DB_URL", "jdbc:postgresql://postgres:5432/patchflow")
                .containsEntry("PATCHFLOW_KEYCLOAK_BACKCHANNEL", "http://keycloak:8080/realms/patchflow")
                .containsEntry("SPRING_PROFILES_ACTIVE", "keycloak")
                .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native")
                .containsKey("PATCHFLOW_AUDIT_HMAC_KEY");
    }

    @Test
    void onlyTheProxyIsPublishedAndItWaitsForBothNodesToBeReady() throws Exception {
        ComposeFile compose = ComposeFile.read();

        for (String node : NODES) {
            assertThat(compose.service(node)).as(node + " is reached through the proxy only").doesNotContainKey("ports");
        }
        assertThat(compose.list("proxy", "ports")).containsExactly("8080:80");
        assertThat(compose.list("proxy", "volumes")).containsExactly(
                "./proxy/patchflow.conf:/etc/nginx/conf.d/default.conf:ro");
        assertThat(Files.exists(Path.of("docker/proxy/patchflow.conf"))).isTrue();
        assertThat(compose.map("proxy", "depends_on")).containsOnlyKeys(NODES)
                .allSatisfy((node, condition) -> assertThat(condition).isEqualTo(Map.of("condition", "service_healthy")));
    }

    @Test
    void theSecondNodeStartsOnlyOnceTheFirstHasCreatedTheSchema() throws Exception {
        assertThat(ComposeFile.read().map("patchflow-2", "depends_on"))
                .containsExactly(Map.entry("patchflow-1", Map.of("condition", "service_healthy")));
    }

    @Test
    void theProxyForwardsToTheComposeServicesByName() throws Exception {
        String proxy = Files.readString(Path.of("docker/proxy/patchflow.conf"));

        for (String node : NODES) {
            assertThat(proxy).contains("server " + node + ":8080 ");
        }
    }

    @Test
    void aNodeIsHealthyOnlyWhileItsReadinessAnswers200() throws Exception {
        AtomicInteger readiness = new AtomicInteger(200);
        HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = (readiness.get() == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(readiness.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.start();
        try {
            List<String> check = healthCheckAgainst(node.getAddress().getPort());

            assertThat(run(check)).as("exit status while ready").isZero();
            readiness.set(503);
            assertThat(run(check)).as("exit status while not ready").isNotZero();
            node.stop(0);
            assertThat(run(check)).as("exit status while nothing listens").isNotZero();
        } finally {
            node.stop(0);
        }
    }

    /** The compose health check, pointed at {@code port} instead of the container's 8080. */
    private static List<String> healthCheckAgainst(int port) throws Exception {
        List<String> command = new ArrayList<>(ComposeFile.read().healthCheckCommand("patchflow-1"));
        assertThat(ComposeFile.read().healthCheckCommand("patchflow-2")).isEqualTo(command);
        String script = command.get(command.size() - 1);
        assertThat(script).contains("/dev/tcp/127.0.0.1/8080").contains("GET /actuator/health/readiness ");
        command.set(command.size() - 1, script.replace("/dev/tcp/127.0.0.1/8080", "/dev/tcp/127.0.0.1/" + port));
        return command;
    }

    private static int run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("health check finished").isTrue();
        return process.exitValue();
    }
}
