package io.patchflow.inventory;

import static io.patchflow.inventory.FormatSamples.DB_1;
import static io.patchflow.inventory.FormatSamples.WEB_1;
import static io.patchflow.inventory.FormatSamples.assertRefused;
import static io.patchflow.inventory.FormatSamples.packages;
import static io.patchflow.inventory.FormatSamples.parse;
import static io.patchflow.inventory.FormatSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackageFactsFormatTest {

    @Test
    void joinsRpmEpochVersionAndReleaseAsRpmPrintsThem() {
        List<PackageInput> packages = parse(InventoryFormat.PACKAGE_FACTS, sample("package-facts-rhel9.json"), DB_1)
                .get(0).packages();

        assertThat(packages).extracting(PackageInput::name, PackageInput::version, PackageInput::arch)
                .containsExactly(tuple("bash", "5.1.8-9.el9", "x86_64"),
                        tuple("openssl-libs", "1:3.0.7-27.el9", "x86_64"),
                        tuple("kernel-core", "5.14.0-427.13.1.el9_4", "x86_64"),
                        tuple("kernel-core", "5.14.0-362.8.1.el9_3", "x86_64"),
                        tuple("vim-minimal", "2:8.2.2637-20.el9_1", "x86_64"),
                        tuple("tzdata", "2024a-1.el9", "noarch"),
                        tuple("gpg-pubkey", "fd431d51-4ae0493b", null));
        assertThat(packages).allSatisfy(p -> assertThat(p.source()).as("package_facts' source is the manager")
                .isNull());
    }

    @Test
    void readsTheOutputOfAnAdHocAnsibleRunOnDebian() {
        assertThat(parse(InventoryFormat.PACKAGE_FACTS, sample("package-facts-debian12-adhoc.txt"), WEB_1).get(0)
                .packages()).extracting(PackageInput::name, PackageInput::version).containsExactly(
                        tuple("bash", "5.2.15-2+b8"), tuple("bsdutils", "1:2.38.1-5+deb12u3"),
                        tuple("libssl3", "3.0.19-1~deb12u2"), tuple("tzdata", "2025b-0+deb12u2"));
    }

    @Test
    void readsTheBareFactsToo() {
        assertThat(packages(InventoryFormat.PACKAGE_FACTS,
                "{\"packages\":{\"bash\":[{\"name\":\"bash\",\"version\":\"5.2.15-2+b8\",\"source\":\"apt\"}]}}",
                WEB_1)).containsExactly(new PackageInput("bash", "5.2.15-2+b8"));
    }

    @Test
    void namesThePackageEntryWithoutVersion() {
        assertRefused(() -> parse(InventoryFormat.PACKAGE_FACTS,
                "{\"ansible_facts\":{\"packages\":{\"bash\":[{\"name\":\"bash\",\"version\":\"5.2\"},"
                        + "{\"name\":\"bash\"}]}}}", WEB_1), "ansible_facts.packages.bash[1].version");
    }

    @Test
    void refusesAFailedTask() {
        assertRefused(() -> parse(InventoryFormat.PACKAGE_FACTS, "{\"failed\":true,\"msg\":\"no python\"}", WEB_1),
                "failed");
    }

    @Test
    void refusesFactsWithoutPackages() {
        assertRefused(() -> parse(InventoryFormat.PACKAGE_FACTS, "{\"ansible_facts\":{\"ansible_os_family\":"
                + "\"Debian\"}}", WEB_1), "ansible_facts.packages");
    }

    @Test
    void refusesTheOutputOfAnUnreachableHost() {
        assertRefused(() -> parse(InventoryFormat.PACKAGE_FACTS, "web-1 | UNREACHABLE! => {\"changed\": false}",
                WEB_1), "line 1");
    }
}
