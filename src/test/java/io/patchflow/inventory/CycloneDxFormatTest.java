package io.patchflow.inventory;

import static io.patchflow.inventory.FormatSamples.WEB_1;
import static io.patchflow.inventory.FormatSamples.assertRefused;
import static io.patchflow.inventory.FormatSamples.packages;
import static io.patchflow.inventory.FormatSamples.parse;
import static io.patchflow.inventory.FormatSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.patchflow.advisory.Fixtures;
import io.patchflow.shared.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycloneDxFormatTest {

    @Test
    void readsTheMavenComponentOfARealGrypeSbom() throws Exception {
        byte[] sbom = Files.readAllBytes(Fixtures.path("scanners/cyclonedx/log4j.json"));

        assertThat(parse(InventoryFormat.CYCLONEDX, sbom, WEB_1).get(0).packages()).containsExactly(
                new PackageInput("org.apache.logging.log4j:log4j-core", "2.13.2", null, null, null, "Maven",
                        "pkg:maven/org.apache.logging.log4j/log4j-core@2.13.2"));
    }

    @Test
    void readsARealCycloneDx14SbomWithVulnerabilities() throws Exception {
        byte[] sbom = Files.readAllBytes(Fixtures.path("scanners/cyclonedx/valid-vulnerability-1.4.json"));

        assertThat(parse(InventoryFormat.CYCLONEDX, sbom, WEB_1).get(0).packages())
                .extracting(PackageInput::ecosystem, PackageInput::name, PackageInput::version)
                .containsExactly(tuple("Maven",
                        "com.fasterxml.jackson.core:jackson-databind", "2.9.4"));
    }

    @Test
    void namesLanguagePackagesAsOsvDoesIncludingNestedComponents() {
        List<PackageInput> packages = parse(InventoryFormat.CYCLONEDX, sample("sbom-nested.cdx.json"), WEB_1).get(0)
                .packages();

        assertThat(packages).extracting(PackageInput::ecosystem, PackageInput::name, PackageInput::version)
                .containsExactly(
                        tuple("Maven", "org.springframework:spring-web", "6.1.2"),
                        tuple("Maven", "com.fasterxml.jackson.core:jackson-databind",
                                "2.15.3"),
                        tuple("npm", "@angular/core", "17.0.1"),
                        tuple("PyPI", "django", "4.2.7"),
                        tuple("Go", "golang.org/x/net", "0.17.0"),
                        tuple(null, "libssl3", "3.0.11-1~deb12u2"),
                        tuple(null, "bash", "5.2.15-2+b2"));
    }

    @Test
    void givesOperatingSystemPackagesTheirSourcePackageFromUpstream() {
        List<PackageInput> packages = parse(InventoryFormat.CYCLONEDX, sample("sbom-nested.cdx.json"), WEB_1).get(0)
                .packages();

        assertThat(packages).filteredOn(p -> p.ecosystem() == null)
                .extracting(PackageInput::source, PackageInput::sourceVersion, PackageInput::arch)
                .containsExactly(tuple("openssl", "3.0.11-1~deb12u2", "amd64"),
                        tuple("bash", "5.2.15-2", "amd64"));
    }

    @Test
    void takesRpmEpochAndSourceRpmFromTheQualifiers() {
        String sbom = """
                {"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"openssl-libs",
                 "purl":"pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-27.el9.src.rpm"}]}
                """;
        assertThat(packages(InventoryFormat.CYCLONEDX, sbom, WEB_1)).containsExactly(new PackageInput("openssl-libs",
                "1:3.0.7-27.el9", "openssl", "1:3.0.7-27.el9", "x86_64", null,
                "pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-27.el9.src.rpm"));
    }

    @Test
    void takesTheComponentVersionWhenThePurlHasNone() {
        String sbom = """
                {"bomFormat":"CycloneDX","components":[{"name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash"}]}
                """;
        assertThat(packages(InventoryFormat.CYCLONEDX, sbom, WEB_1)).extracting(PackageInput::version)
                .containsExactly("4.17.20");
    }

    @Test
    void namesTheComponentOfAnUnreadablePurl() {
        String sbom = """
                {"bomFormat":"CycloneDX","components":[{"name":"a","purl":"pkg:npm/a@1"},
                 {"name":"b","components":[{"name":"c","purl":"pkg:npm/c%zz@1"}]}]}
                """;
        assertRefused(() -> parse(InventoryFormat.CYCLONEDX, sbom, WEB_1), "components[1].components[0].purl");
    }

    @Test
    void refusesJsonThatIsNotCycloneDx() {
        assertRefused(() -> parse(InventoryFormat.CYCLONEDX, "{\"bomFormat\":\"SPDX\"}", WEB_1), "bomFormat");
        assertRefused(() -> parse(InventoryFormat.CYCLONEDX, "{\"hosts\":[]}", WEB_1), "bomFormat");
    }

    @Test
    void namesTheLineOfBrokenJson() {
        assertThatThrownBy(() -> parse(InventoryFormat.CYCLONEDX, "{\"bomFormat\":\"CycloneDX\",\n\"components\":[{]}",
                WEB_1)).isInstanceOf(BadInputException.class).hasMessageContaining("line 2");
    }

    @Test
    void readsTheSameComponentFromTheRealSbomInXml() throws Exception {
        byte[] sbom = Files.readAllBytes(Fixtures.path("scanners/cyclonedx/log4j.xml"));

        assertThat(parse(InventoryFormat.CYCLONEDX, sbom, WEB_1).get(0).packages()).containsExactly(
                new PackageInput("org.apache.logging.log4j:log4j-core", "2.13.2", null, null, null, "Maven",
                        "pkg:maven/org.apache.logging.log4j/log4j-core@2.13.2"));
    }

    @Test
    void readsNestedXmlComponentsAndPassesOverTheMetadataComponent() {
        String sbom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
                  <metadata><component type="application"><name>shop</name>
                    <purl>pkg:npm/shop@4.2.0</purl></component></metadata>
                  <components>
                    <component type="library"><group>org.springframework</group><name>spring-web</name>
                      <version>6.1.2</version><purl>pkg:maven/org.springframework/spring-web@6.1.2</purl>
                      <components>
                        <component type="library"><name>core</name><version>17.0.1</version>
                          <purl>pkg:npm/%40angular/core@17.0.1</purl></component>
                      </components>
                    </component>
                    <component type="file"><name>/etc/passwd</name></component>
                    <component type="library"><name>lodash</name><version>4.17.20</version>
                      <purl>pkg:npm/lodash</purl></component>
                  </components>
                </bom>
                """;
        assertThat(packages(InventoryFormat.CYCLONEDX, sbom, WEB_1))
                .extracting(PackageInput::ecosystem, PackageInput::name, PackageInput::version)
                .containsExactlyInAnyOrder(tuple("Maven", "org.springframework:spring-web", "6.1.2"),
                        tuple("npm", "@angular/core", "17.0.1"), tuple("npm", "lodash", "4.17.20"));
    }

    @Test
    void namesTheXmlComponentOfAnUnreadablePurl() {
        String sbom = "<bom><components><component><purl>pkg:npm/a@1</purl></component><component>"
                + "<components><component><purl>pkg:x</purl></component></components></component></components></bom>";
        assertRefused(() -> parse(InventoryFormat.CYCLONEDX, sbom, WEB_1), "components[1].components[0].purl");
    }

    @Test
    void refusesXmlWithADocumentTypeDeclaration() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE bom [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <bom><components><component><purl>pkg:npm/&lol2;@1</purl></component></components></bom>
                """;
        String external = """
                <?xml version="1.0"?>
                <!DOCTYPE bom [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <bom><components><component><purl>pkg:npm/a@1</purl><version>&secret;</version></component>
                </components></bom>
                """;
        assertRefused(() -> parse(InventoryFormat.CYCLONEDX, laughs, WEB_1), "line 2");
        assertRefused(() -> parse(InventoryFormat.CYCLONEDX, external, WEB_1), "line 2");
    }

    @Test
    void refusesXmlThatIsNotACycloneDxBom() {
        assertRefused(() -> parse(InventoryFormat.CYCLONEDX, "<spdx/>", WEB_1), "bom");
        assertThatThrownBy(() -> parse(InventoryFormat.CYCLONEDX, "<bom>\n<components>\n</bom>", WEB_1))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo("line 3"));
    }

    @Test
    void stopsReadingAnXmlSbomLargerThanTheLimit() {
        InputStream endless = new java.io.SequenceInputStream(new ByteArrayInputStream("<bom><components>".getBytes()),
                new InputStream() {
                    @Override
                    public int read() {
                        return ' ';
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        java.util.Arrays.fill(buffer, offset, offset + length, (byte) ' ');
                        return length;
                    }
                });
        assertThatThrownBy(() -> InventoryFormats.parse(InventoryFormat.CYCLONEDX, endless, WEB_1,
                new InventoryLimits(1024 * 1024, 100, 1))).isInstanceOf(InventoryTooLargeException.class);
    }
}
