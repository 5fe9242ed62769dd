package io.patchflow.testsupport;

import java.util.function.Supplier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests: the whole application on the machine's PostgreSQL (a fresh schema per test JVM), with
 * real Flyway migrations and the real engine, on a random port. All subclasses share one application context, so
 * keep configuration out of subclasses; tests must not depend on a table being empty (use unique names).
 * <p>
 * The job executor runs for real. So that a change walks through its lifecycle in seconds, the simulated fleet
 * answers at once, hosts named {@code *-flaky-*} always fail (how a test makes a ring breach its failure budget),
 * and the rollout plan is the demo profile's canary, pilot and broad rings without soak time between them.
 * Calendar entries made by tests must name a host group of their own: a window or freeze for every group
 * ({@code *}) would hold up every other test's changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
// Spring Boot tests export no metrics by default; /actuator/prometheus is tested (MonitoringIntegrationTest).
@AutoConfigureObservability(tracing = false)
public abstract class PostgresIntegrationTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        postgres(registry, TestPostgres::schema);
    }

    /**
     * The shared context's properties, in {@code schema}: for a test that needs an application of its own (other
     * configuration, so another context with its own job executor). It must not extend this class (its properties
     * would win) and must use a schema of its own ({@link TestPostgres#newSchema}): two engines on the same tables
     * would run each other's jobs.
     */
    public static void postgres(DynamicPropertyRegistry registry, Supplier<String> schema) {
        registry.add("spring.datasource.url", () -> TestPostgres.schemaUrl(schema.get()));
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
        // Camunda looks for its tables in this schema only, not in other test runs' schemas.
        registry.add("camunda.bpm.database.schema-name", schema::get);
        registry.add("camunda.bpm.database.table-prefix", () -> schema.get() + ".");
        registry.add("patchflow.demo.enabled", () -> "true");
        registry.add("patchflow.demo.data", () -> "false");
        registry.add("patchflow.simulator.latency", () -> "0ms");
        registry.add("patchflow.simulator.failure-rate", () -> "0");
        registry.add("patchflow.simulator.failing-hosts", () -> ".*-flaky-.*");
        // A list set here replaces the demo profile's list as a whole; the rings are the demo's, minus the soak.
        ring(registry, "test", 0, "test", "100%", "100%", "0");
        registry.add("patchflow.rollout.stages.test[0].environments[0]", () -> "test");
        ring(registry, "production", 0, "canary", "10%", "1", "0");
        ring(registry, "production", 1, "pilot", "30%", "50%", "10%");
        ring(registry, "production", 2, "broad", "100%", "25%", "5%");
    }

    private static void ring(DynamicPropertyRegistry registry, String stage, int index, String name, String share,
            String batchSize, String failureBudget) {
        String prefix = "patchflow.rollout.stages." + stage + "[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "share", () -> share);
        registry.add(prefix + "batch-size", () -> batchSize);
        registry.add(prefix + "failure-budget", () -> failureBudget);
        registry.add(prefix + "soak", () -> "PT0S");
    }
}
