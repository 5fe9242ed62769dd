package io.patchflow.inventory;

import static io.patchflow.inventory.FormatSamples.WEB_1;
import static io.patchflow.inventory.FormatSamples.assertRefused;
import static io.patchflow.inventory.FormatSamples.packages;
import static io.patchflow.inventory.FormatSamples.parse;
import static io.patchflow.inventory.FormatSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpkgFormatTest {

    static final String FORMAT = "${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\t${Architecture}\\n";

    @Test
    void readsBinaryAndSourcePackagesWithTheirEpochs() {
        HostInput host = parse(InventoryFormat.DPKG, sample("dpkg-debian12.tsv"), WEB_1).get(0);

        assertThat(host.name()).isEqualTo("web-1");
        assertThat(host.os()).isEqualTo("Debian:12");
        assertThat(host.packages()).hasSize(19).contains(
                new PackageInput("bash", "5.2.15-2+b8", "bash", "5.2.15-2", "amd64", null, null),
                new PackageInput("dmsetup", "2:1.02.185-2", "lvm2", "2.03.16-2", "amd64", null, null),
                new PackageInput("bsdutils", "1:2.38.1-5+deb12u3", "util-linux", "2.38.1-5+deb12u3", "amd64", null,
                        null),
                new PackageInput("tzdata", "2025b-0+deb12u2", "tzdata", "2025b-0+deb12u2", "all", null, null));
    }

    @Test
    void readsThisMachinesOwnPackageListAsDpkgQueryWritesIt() throws Exception {
        byte[] list = dpkgQuery(FORMAT);
        String dpkgVersion = new String(dpkgQuery("${Version}", "dpkg"), StandardCharsets.UTF_8);
        long installed = new String(list, StandardCharsets.UTF_8).lines().filter(l -> !l.split("\t", -1)[1].isEmpty())
                .count();

        List<PackageInput> packages = parse(InventoryFormat.DPKG, list, WEB_1).get(0).packages();

        assertThat(installed).isGreaterThan(100);
        assertThat(packages).hasSize((int) installed)
                .filteredOn(p -> p.name().equals("dpkg")).singleElement()
                .satisfies(p -> assertThat(p.version()).isEqualTo(dpkgVersion));
    }

    @Test
    void parsesThreeThousandLinesInMilliseconds() throws Exception {
        StringBuilder big = new StringBuilder();
        String own = new String(dpkgQuery(FORMAT), StandardCharsets.UTF_8);
        for (int copy = 0; big.length() == 0 || big.toString().lines().count() < 3_000; copy++) {
            int n = copy;
            own.lines().forEach(line -> big.append(line.replaceFirst("^([^\t]+)", "$1-" + n)).append('\n'));
        }
        byte[] content = big.toString().getBytes(StandardCharsets.UTF_8);
        parse(InventoryFormat.DPKG, content, WEB_1);

        long start = System.nanoTime();
        List<PackageInput> packages = parse(InventoryFormat.DPKG, content, WEB_1).get(0).packages();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(packages).hasSizeGreaterThanOrEqualTo(3_000);
        assertThat(millis).as("milliseconds for %d lines", packages.size()).isLessThan(500);
    }

    @Test
    void acceptsPlainDpkgQueryOutputOfNameAndVersion() {
        assertThat(packages(InventoryFormat.DPKG, "bash\t5.2.15-2+b8\nlibssl3:amd64\t3.0.19-1~deb12u2\n", WEB_1))
                .containsExactly(new PackageInput("bash", "5.2.15-2+b8", null, null, null, null, null),
                        new PackageInput("libssl3", "3.0.19-1~deb12u2", null, null, "amd64", null, null));
    }

    @Test
    void leavesOutPackagesThatAreNotInstalled() {
        String list = """
                bash\t5.2.15-2+b8\tbash\t5.2.15-2\tamd64\tii\s
                libfoo1\t\t\t\t\t
                telnet\t0.17+2.4-2\tinetutils\t2:2.4-2\tamd64\trc\s
                """;
        assertThat(packages(InventoryFormat.DPKG, list, WEB_1)).extracting(PackageInput::name).containsExactly("bash");
    }

    @Test
    void skipsBlankLinesAndComments() {
        assertThat(packages(InventoryFormat.DPKG, "# web-1, 2026-11-22\n\nbash\t5.2\r\n", WEB_1)).hasSize(1);
    }

    @Test
    void namesTheLineOfASpaceSeparatedEntry() {
        assertRefused(() -> parse(InventoryFormat.DPKG, "bash\t5.2\n\nopenssl 3.0.11-1\n", WEB_1), "line 3");
    }

    @Test
    void namesTheLineAndColumnOfAnInvalidVersion() {
        assertRefused(() -> parse(InventoryFormat.DPKG, "bash\t5.2\nopenssl\t3.0 11\topenssl\n", WEB_1),
                "line 2: version");
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        byte[] latin1 = "bash\t5.2\ncaf\u00e9\t1.0\n".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(() -> parse(InventoryFormat.DPKG, latin1, WEB_1), "line 2");
    }

    @Test
    void refusesALineWithoutEndBeyondTheLineLimit() {
        byte[] endless = new byte[200_000];
        java.util.Arrays.fill(endless, (byte) 'a');
        assertRefused(() -> parse(InventoryFormat.DPKG, endless, WEB_1), "line 1");
    }

    @Test
    void refusesMorePackagesThanAHostMayHave() {
        String list = "a\t1\nb\t1\nc\t1\n";
        InventoryLimits two = new InventoryLimits(1_000, 2, 10);
        assertThatThrownBy(() -> InventoryFormats.parse(InventoryFormat.DPKG,
                new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)), WEB_1, two))
                .isInstanceOfSatisfying(InventoryTooLargeException.class, e -> assertThat(e.field()).isEqualTo("line 3"));
    }

    static byte[] dpkgQuery(String format, String... packages) throws IOException, InterruptedException {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/dpkg-query"))).as("a Debian machine").isTrue();
        List<String> command = new java.util.ArrayList<>(List.of("dpkg-query", "-W", "-f", format));
        command.addAll(List.of(packages));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return out;
    }
}
