package io.patchflow.inventory;

import static io.patchflow.inventory.FormatSamples.WEB_1;
import static io.patchflow.inventory.FormatSamples.assertRefused;
import static io.patchflow.inventory.FormatSamples.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.shared.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class InventoryFormatsTest {

    @ParameterizedTest
    @CsvSource({"json,JSON", "CSV,CSV", "dpkg,DPKG", "rpm,RPM", "cyclonedx,CYCLONEDX", "package-facts,PACKAGE_FACTS",
        "package_facts,PACKAGE_FACTS", "ansible,PACKAGE_FACTS"})
    void knowsTheFormatsByName(String name, InventoryFormat format) {
        assertThat(InventoryFormat.named(name)).isEqualTo(format);
    }

    @Test
    void refusesAnUnknownFormatNamingTheParameter() {
        assertRefused(() -> InventoryFormat.named("spdx"), "format");
    }

    @Test
    void choosesTheFormatByMediaTypeWhereTheTypeTells() {
        assertThat(InventoryFormat.forMediaType("application/json;charset=UTF-8")).hasValue(InventoryFormat.JSON);
        assertThat(InventoryFormat.forMediaType("text/csv")).hasValue(InventoryFormat.CSV);
        assertThat(InventoryFormat.forMediaType("application/vnd.cyclonedx+json; version=1.5"))
                .hasValue(InventoryFormat.CYCLONEDX);
        assertThat(InventoryFormat.forMediaType("text/plain")).isEmpty();
        assertThat(InventoryFormat.forMediaType(null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = InventoryFormat.class, names = {"DPKG", "RPM", "CYCLONEDX", "PACKAGE_FACTS"})
    void singleHostFormatsNeedTheHostParametersAndNameTheMissingOne(InventoryFormat format) {
        assertRefused(() -> parse(format, "", HostAttributes.NONE), "host");
        assertRefused(() -> parse(format, "", new HostAttributes("web-1", null, "prod", null, "low", null)), "os");
        assertRefused(() -> parse(format, "", new HostAttributes("web-1", "Debian:12", null, null, "low", null)),
                "environment");
        assertRefused(() -> parse(format, "", new HostAttributes("web-1", "Debian:12", "prod", null, null, null)),
                "criticality");
    }

    @Test
    void namesTheParameterOfAnInvalidHostAttribute() {
        assertRefused(() -> parse(InventoryFormat.DPKG, "bash\t5.2\n",
                new HostAttributes("web 1", "Debian:12", "prod", null, "low", null)), "host");
        assertRefused(() -> parse(InventoryFormat.DPKG, "bash\t5.2\n",
                new HostAttributes("web-1", "Debian:12", "prod", null, "urgent", null)), "criticality");
        assertRefused(() -> parse(InventoryFormat.DPKG, "bash\t5.2\n",
                new HostAttributes("web-1", "Debian:12", "prod", List.of("ok", "no/slash"), "low", null)),
                "groups[1]");
    }

    @Test
    void givesASingleHostFormatsHostItsParameters() {
        assertThat(parse(InventoryFormat.DPKG, "bash\t5.2\n", WEB_1)).containsExactly(new HostInput("web-1",
                "Debian:12", "production", List.of("web"), "high", true, List.of(new PackageInput("bash", "5.2"))));
    }

    @Test
    void readsTheJsonInventoryHostByHost() {
        String json = """
                {"source":"cmdb","hosts":[{"name":"a","os":"Debian:12","packages":[{"name":"bash","version":"5.2"}]},
                {"name":"b","os":"Ubuntu:22.04","packages":[]}]}""";
        AtomicInteger seen = new AtomicInteger();
        InventoryFormats.read(InventoryFormat.JSON, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                HostAttributes.NONE, InventoryLimits.DEFAULTS, host -> seen.incrementAndGet());

        assertThat(seen).hasValue(2);
        assertThat(parse(InventoryFormat.JSON, json, HostAttributes.NONE).get(0).packages())
                .containsExactly(new PackageInput("bash", "5.2"));
    }

    @Test
    void namesTheJsonPathOfAValueOfTheWrongType() {
        assertRefused(() -> parse(InventoryFormat.JSON, "{\"hosts\":[{\"name\":\"a\"},{\"name\":\"b\","
                + "\"internetFacing\":\"maybe\"}]}", HostAttributes.NONE), "hosts[1].internetFacing");
    }

    @Test
    void pointsAnSbomSentAsJsonInventoryToItsFormat() {
        assertThatThrownBy(() -> parse(InventoryFormat.JSON, "{\"bomFormat\":\"CycloneDX\",\"components\":[]}",
                HostAttributes.NONE)).isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("format");
                    assertThat(e.getMessage()).contains("?format=cyclonedx");
                });
    }

    @Test
    void refusesAJsonInventoryWithoutHosts() {
        assertRefused(() -> parse(InventoryFormat.JSON, "{}", HostAttributes.NONE), "hosts");
        assertRefused(() -> parse(InventoryFormat.JSON, "[]", HostAttributes.NONE), null);
    }

    @Test
    void tellsBrokenSyntaxFromBrokenRules() {
        assertThatThrownBy(() -> parse(InventoryFormat.JSON, "{\"hosts\":[{\"name\":", HostAttributes.NONE))
                .isInstanceOf(InventoryUnreadableException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse(InventoryFormat.CYCLONEDX, "<bom><components></bom>", WEB_1))
                .isInstanceOf(InventoryUnreadableException.class);
        assertThatThrownBy(() -> parse(InventoryFormat.JSON, "{\"hosts\":{}}", HostAttributes.NONE))
                .isNotInstanceOf(InventoryUnreadableException.class).isInstanceOf(BadInputException.class);
    }

    @Test
    void refusesJsonNestedDeeperThanAnyInventory() {
        String deep = "{\"hosts\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertThatThrownBy(() -> parse(InventoryFormat.JSON, deep, HostAttributes.NONE))
                .isInstanceOf(BadInputException.class);
        String deepSbom = "{\"bomFormat\":\"CycloneDX\",\"components\":[" + "{\"components\":[".repeat(3_000);
        assertThatThrownBy(() -> parse(InventoryFormat.CYCLONEDX, deepSbom, WEB_1))
                .isInstanceOf(BadInputException.class);
    }

    @ParameterizedTest
    @EnumSource(InventoryFormat.class)
    void stopsReadingAnInputLargerThanTheLimitWhileItStreams(InventoryFormat format) {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return '\n';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) '\n');
                return length;
            }
        };
        InventoryLimits limits = new InventoryLimits(1024 * 1024, 100, 100);

        assertThatThrownBy(() -> InventoryFormats.parse(format, endless, WEB_1, limits))
                .isInstanceOf(InventoryTooLargeException.class).hasMessageContaining("1048576 bytes");
    }
}
