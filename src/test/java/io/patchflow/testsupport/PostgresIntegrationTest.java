package io.patchflow.testsupport;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests: the whole application on the machine's PostgreSQL (a fresh schema per test JVM), with
 * real Flyway migrations and the real engine, on a random port. All subclasses share one application context, so
 * keep configuration out of subclasses; tests must not depend on a table being empty (use unique names).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class PostgresIntegrationTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::schemaUrl);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
        // Camunda looks for its tables in this schema only, not in other test runs' schemas.
        registry.add("camunda.bpm.database.schema-name", TestPostgres::schema);
        registry.add("camunda.bpm.database.table-prefix", () -> TestPostgres.schema() + ".");
        registry.add("patchflow.demo.enabled", () -> "true");
        registry.add("patchflow.demo.data", () -> "false");
    }
}
