package io.patchflow.inventory;

import static io.patchflow.inventory.FormatSamples.assertRefused;
import static io.patchflow.inventory.FormatSamples.parse;
import static io.patchflow.inventory.FormatSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    private static final String HEADER = "host,os,environment,criticality,name,version\n";

    @Test
    void gathersTheRowsOfEachHostWhereverTheyAre() {
        List<HostInput> hosts = parse(InventoryFormat.CSV, sample("inventory.csv"), HostAttributes.NONE);

        assertThat(hosts).extracting(HostInput::name).containsExactly("web-1", "db-1");
        HostInput web = hosts.get(0);
        assertThat(web).extracting(HostInput::os, HostInput::environment, HostInput::criticality,
                HostInput::internetFacing, HostInput::groups)
                .containsExactly("Debian:12", "production", "high", true, List.of("dmz", "web"));
        assertThat(web.packages()).containsExactly(
                new PackageInput("libssl3", "3.0.19-1~deb12u2", "openssl", null, "amd64", null, null),
                new PackageInput("bsdutils", "1:2.38.1-5+deb12u3", "util-linux", "2.38.1-5+deb12u3", "amd64", null,
                        null),
                new PackageInput("log4j-core", "2.14.1", null, null, null, "Maven",
                        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"));
        assertThat(hosts.get(1).packages()).extracting(PackageInput::name).containsExactly("openssl-libs", "bash");
        assertThat(hosts.get(1).internetFacing()).isFalse();
    }

    @Test
    void takesEmptyHostCellsFromTheParameters() {
        HostAttributes defaults = new HostAttributes(null, "Ubuntu:22.04", "staging", null, "LOW", null);
        List<HostInput> hosts = parse(InventoryFormat.CSV, "Host,Name,Version\r\napp-1,curl,7.81.0-1ubuntu1.15\r\n",
                defaults);

        assertThat(hosts).singleElement().satisfies(h -> {
            assertThat(h.os()).isEqualTo("Ubuntu:22.04");
            assertThat(h.criticality()).isEqualTo("LOW");
            assertThat(h.packages()).containsExactly(new PackageInput("curl", "7.81.0-1ubuntu1.15"));
        });
    }

    @Test
    void readsQuotedFieldsAsRfc4180DefinesThem() {
        String csv = "host,os,environment,groups,criticality,name,version,purl\r\n"
                + "w1,Debian:12,\"prod eu\",\"a,b\",low,\"lib,x\",1.0,\r\n"
                + "w1,Debian:12,prod eu,\"b;a\",low,\"lib\"\"y\",\"2.0\",\"\"\r\n";

        HostInput host = parse(InventoryFormat.CSV, csv, HostAttributes.NONE).get(0);

        assertThat(host.environment()).isEqualTo("prod eu");
        assertThat(host.groups()).containsExactly("a", "b");
        assertThat(host.packages()).extracting(PackageInput::name, PackageInput::version)
                .containsExactly(tuple("lib,x", "1.0"), tuple("lib\"y", "2.0"));
    }

    @Test
    void countsLinesInsideQuotedFieldsWhenNamingALine() {
        String csv = HEADER + "w1,Debian:12,\"prod\",low,bash,5.2\n"
                + "w1,Debian:12,prod,low,\"bash\",\"5.2\n\"\n" + "w1,Debian:12,prod,low,curl,7 8\n";
        assertRefused(() -> parse(InventoryFormat.CSV, csv, HostAttributes.NONE), "line 5: version");
        assertRefused(() -> parse(InventoryFormat.CSV, csv.replace("\"5.2\n\"", "5.3"), HostAttributes.NONE),
                "line 4: version");
    }

    @Test
    void declaresAHostWithoutPackagesByARowWithoutPackage() {
        assertThat(parse(InventoryFormat.CSV, HEADER + "w1,Debian:12,prod,low,,\n", HostAttributes.NONE))
                .singleElement().satisfies(h -> assertThat(h.packages()).isEmpty());
    }

    @Test
    void refusesAnUnknownColumn() {
        assertRefused(() -> parse(InventoryFormat.CSV, "host,name,version,license\nw1,bash,5.2,GPL\n",
                HostAttributes.NONE), "line 1");
    }

    @Test
    void refusesAHeaderWithoutVersion() {
        assertRefused(() -> parse(InventoryFormat.CSV, "host,name\nw1,bash\n", HostAttributes.NONE), "line 1");
    }

    @Test
    void refusesAColumnNamedTwice() {
        assertRefused(() -> parse(InventoryFormat.CSV, "host,name,version,Name\n", HostAttributes.NONE), "line 1");
    }

    @Test
    void refusesARowWithAnotherNumberOfFields() {
        assertRefused(() -> parse(InventoryFormat.CSV, HEADER + "w1,Debian:12,prod,low,bash,5.2\nw1,x\n",
                HostAttributes.NONE), "line 3");
    }

    @Test
    void refusesRowsThatContradictEachOtherOnAHostAttribute() {
        assertRefused(() -> parse(InventoryFormat.CSV, HEADER + "w1,Debian:12,prod,low,bash,5.2\n"
                + "w1,Debian:11,prod,low,curl,7.74\n", HostAttributes.NONE), "line 3: os");
    }

    @Test
    void namesTheFirstLineOfAHostWhoseOsIsMissing() {
        assertRefused(() -> parse(InventoryFormat.CSV, "host,name,version\nw1,bash,5.2\n", HostAttributes.NONE),
                "line 2: os");
    }

    @Test
    void namesTheParameterWhenADefaultIsInvalid() {
        HostAttributes defaults = new HostAttributes(null, "Debian 12", "prod", null, "low", null);
        assertRefused(() -> parse(InventoryFormat.CSV, "host,name,version\nw1,bash,5.2\n", defaults), "os");
    }

    @Test
    void refusesAnUnclosedQuoteNamingTheLineItOpensOn() {
        assertRefused(() -> parse(InventoryFormat.CSV, HEADER + "w1,Debian:12,prod,low,\"bash,5.2\nw2,a,b\n",
                HostAttributes.NONE), "line 2");
    }

    @Test
    void refusesAQuoteInsideAnUnquotedField() {
        assertRefused(() -> parse(InventoryFormat.CSV, HEADER + "w1,Debian:12,prod,low,ba\"sh,5.2\n",
                HostAttributes.NONE), "line 2");
    }

    @Test
    void refusesAnInternetFacingValueThatIsNotABoolean() {
        assertRefused(() -> parse(InventoryFormat.CSV, "host,internetFacing,name,version\nw1,maybe,bash,5.2\n",
                HostAttributes.NONE), "line 2: internetFacing");
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefused(() -> parse(InventoryFormat.CSV, "", HostAttributes.NONE), "line 1");
    }

    @Test
    void refusesMoreHostsThanTheLimit() {
        String csv = HEADER + "w1,Debian:12,prod,low,bash,5.2\nw2,Debian:12,prod,low,bash,5.2\n";
        assertThatThrownBy(() -> InventoryFormats.parse(InventoryFormat.CSV,
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), HostAttributes.NONE,
                new InventoryLimits(10_000, 10, 1)))
                .isInstanceOfSatisfying(InventoryTooLargeException.class, e -> assertThat(e.field()).isEqualTo("line 3"));
    }

    @Test
    void refusesAFieldLongerThanTheLimit() {
        String huge = "\"" + "x".repeat(70_000) + "\"";
        assertRefused(() -> parse(InventoryFormat.CSV, HEADER + "w1,Debian:12,prod,low," + huge + ",1\n",
                HostAttributes.NONE), "line 2");
    }
}
