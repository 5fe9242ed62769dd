package io.patchflow.inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.PackageInput;
import io.patchflow.shared.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostInputValidatorTest {

    private static HostInput host(String name, String os, String criticality, List<PackageInput> packages) {
        return new HostInput(name, os, "production", List.of("web"), criticality, true, packages);
    }

    @Test
    void givesPackagesTheHostEcosystemAndThemselvesAsSourceByDefault() {
        ValidHost valid = HostInputValidator.validate(List.of(host("web-1", "Debian:12", "HIGH",
                List.of(new PackageInput("libssl3", "3.0.11-1~deb12u2", "openssl", null, "amd64", null, null),
                        new PackageInput("log4j-core", "2.14.1", null, null, null, "Maven", null))))).get(0);

        assertThat(valid.view().criticality()).isEqualTo("high");
        assertThat(valid.packages()).containsExactly(
                new InstalledPackage("libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2", "amd64",
                        "Debian:12", null),
                new InstalledPackage("log4j-core", "2.14.1", "log4j-core", "2.14.1", null, "Maven", null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing name||Debian:12|low|1.0|hosts[1].name",
            "os without release|db-1|Debian|low|1.0|hosts[1].os",
            "bad criticality|db-1|Debian:12|urgent|1.0|hosts[1].criticality",
            "empty version|db-1|Debian:12|low||hosts[1].packages[0].version",
            "version with spaces|db-1|Debian:12|low|1 0|hosts[1].packages[0].version"})
    void namesTheJsonPathOfTheFirstProblem(String rule, String name, String os, String criticality, String version,
            String field) {
        List<HostInput> hosts = List.of(host("ok-1", "Debian:12", "low", List.of()),
                host(name, os, criticality, List.of(new PackageInput("bash", version))));
        assertThatThrownBy(() -> HostInputValidator.validate(hosts)).isInstanceOfSatisfying(BadInputException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void refusesAHostListedTwice() {
        List<HostInput> hosts = List.of(host("a", "Debian:12", "low", List.of()), host("a", "Debian:12", "low",
                List.of()));
        assertThatThrownBy(() -> HostInputValidator.validate(hosts)).isInstanceOfSatisfying(BadInputException.class,
                e -> assertThat(e.field()).isEqualTo("hosts[1].name"));
    }

    @Test
    void requiresThePackageListSoAMissingListNeverWipesAHost() {
        List<HostInput> hosts = List.of(host("a", "Debian:12", "low", null));
        assertThatThrownBy(() -> HostInputValidator.validate(hosts)).isInstanceOfSatisfying(BadInputException.class,
                e -> assertThat(e.field()).isEqualTo("hosts[0].packages"));
    }
}
