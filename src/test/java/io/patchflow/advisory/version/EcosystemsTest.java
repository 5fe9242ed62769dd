package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcosystemsTest {

    @ParameterizedTest(name = "advisory {0} applies to {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "Debian:12|Debian:12|true", "Debian|Debian:12|true", "Debian|Debian:11|true", "Debian:11|Debian:12|false",
            "Debian|Ubuntu:22.04|false", "Ubuntu:22.04:LTS|Ubuntu:22.04|true", "Ubuntu:Pro:18.04:LTS|Ubuntu:18.04|true",
            "Ubuntu:24.04:LTS|Ubuntu:22.04|false", "Red Hat:enterprise_linux:9::appstream|Red Hat:9|true",
            "Red Hat:enterprise_linux:8::baseos|Red Hat:9|false", "Alpine:v3.18|Alpine:3.18|true", "Maven|Maven|true",
            "npm|PyPI|false"})
    void appliesAdvisoriesToTheirEcosystemAndRelease(String advisory, String installed, boolean expected) {
        assertThat(Ecosystems.applies(advisory, installed)).isEqualTo(expected);
    }

    @Test
    void comparesPyPiNamesAfterPep503Normalisation() {
        assertThat(Ecosystems.normalizeName("PyPI", "Products.PluggableAuthService"))
                .isEqualTo(Ecosystems.normalizeName("PyPI", "products-pluggableauthservice"));
        assertThat(Ecosystems.normalizeName("Maven", "Org.Example:A")).isEqualTo("Org.Example:A");
    }

    @Test
    void matchesDebianAndUbuntuBySourcePackageOnly() {
        assertThat(Ecosystems.namesSourcePackages("Debian:12")).isTrue();
        assertThat(Ecosystems.namesSourcePackages("Ubuntu:22.04")).isTrue();
        assertThat(Ecosystems.namesSourcePackages("Red Hat:9")).isFalse();
    }
}
