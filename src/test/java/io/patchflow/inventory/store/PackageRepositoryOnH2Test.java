package io.patchflow.inventory.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.inventory.DistinctPackage;
import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.PackageKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The fleet matcher's two reads on the embedded default's database (H2), with exactly the inventory migrations:
 * distinct tuples grouped in SQL, and the VALUES join back to hosts. PostgreSQL runs them in
 * FleetMatcherIntegrationTest.
 */
class PackageRepositoryOnH2Test {

    private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
            "jdbc:h2:mem:inventory-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final PackageRepository packages = new PackageRepository(jdbc, new NamedParameterJdbcTemplate(jdbc));

    PackageRepositoryOnH2Test() {
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V1_1__inventory.sql"),
                new ClassPathResource("db/migration/common/V1_11__matching_indexes.sql")).execute(dataSource);
        for (int host = 1; host <= 3; host++) {
            jdbc.update("INSERT INTO inv_host (id, name, os, environment, criticality, internet_facing, created_at, "
                    + "updated_at) VALUES (?, ?, 'Debian:12', 'prod', 'low', FALSE, CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP)", host, "h" + host);
        }
        packages.insert(List.of(
                row(1, "libssl3", "3.0.11-1~deb12u1", "openssl", "Debian:12"),
                row(1, "openssl", "3.0.11-1~deb12u1", "openssl", "Debian:12"),
                row(2, "libssl3", "3.0.11-1~deb12u2", "openssl", "Debian:12"),
                row(3, "libssl3", "3.0.11-1~deb12u1", "openssl", "Debian:12"),
                row(3, "jquery", "2.2.4", "jquery", "npm")));
    }

    private static PackageRow row(long host, String name, String version, String source, String ecosystem) {
        return new PackageRow(0, host, new InstalledPackage(name, version, source, version, "amd64", ecosystem, null));
    }

    @AfterEach
    void shutdown() {
        jdbc.update("SHUTDOWN");
    }

    @Test
    void groupsInstalledPackagesIntoDistinctSourceTuplesWithTheirCounts() {
        assertThat(packages.distinct(null, List.of("Debian"), PackageKey.SOURCE)).containsExactlyInAnyOrder(
                new DistinctPackage("Debian:12", "openssl", "3.0.11-1~deb12u1", 3),
                new DistinctPackage("Debian:12", "openssl", "3.0.11-1~deb12u2", 1));
        assertThat(packages.distinct(List.of(3L), List.of(), PackageKey.BINARY)).containsExactlyInAnyOrder(
                new DistinctPackage("Debian:12", "libssl3", "3.0.11-1~deb12u1", 1),
                new DistinctPackage("npm", "jquery", "2.2.4", 1));
    }

    @Test
    void joinsTuplesBackToEachHostOnceHoweverManyBinariesItHas() {
        List<String> hits = new ArrayList<>();
        List<DistinctPackage> tuples = List.of(new DistinctPackage("Debian:12", "openssl", "3.0.11-1~deb12u1", 0),
                new DistinctPackage("npm", "jquery", "2.2.4", 0));

        packages.hostsWith(null, tuples, PackageKey.SOURCE, (host, i) -> hits.add(host + ":" + i));
        packages.hostsWith(List.of(1L, 2L), tuples, PackageKey.BINARY, (host, i) -> hits.add("binary " + host + ":" + i));

        assertThat(hits).containsExactlyInAnyOrder("h1:0", "h3:0", "h3:1", "binary h1:0");
    }
}
