package io.patchflow.inventory;

import static io.patchflow.inventory.FormatSamples.DB_1;
import static io.patchflow.inventory.FormatSamples.assertRefused;
import static io.patchflow.inventory.FormatSamples.packages;
import static io.patchflow.inventory.FormatSamples.parse;
import static io.patchflow.inventory.FormatSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RpmFormatTest {

    @Test
    void takesTheSourcePackageFromTheSourceRpmFileName() {
        List<PackageInput> packages = parse(InventoryFormat.RPM, sample("rpm-rhel9.tsv"), DB_1).get(0).packages();

        assertThat(packages).hasSize(18).contains(
                new PackageInput("python3-libs", "3.9.18-3.el9", "python3.9", "3.9.18-3.el9", "x86_64", null, null),
                new PackageInput("libgcc", "11.4.1-3.el9", "gcc", "11.4.1-3.el9", "x86_64", null, null),
                new PackageInput("tzdata", "2024a-1.el9", "tzdata", "2024a-1.el9", "noarch", null, null));
    }

    @Test
    void keepsANonZeroEpochOnBinaryAndSourceVersion() {
        assertThat(packages(InventoryFormat.RPM, new String(sample("rpm-rhel9.tsv")), DB_1))
                .contains(new PackageInput("openssl-libs", "1:3.0.7-27.el9", "openssl", "1:3.0.7-27.el9", "x86_64",
                        null, null), new PackageInput("vim-minimal", "2:8.2.2637-20.el9_1", "vim",
                        "2:8.2.2637-20.el9_1", "x86_64", null, null));
    }

    @Test
    void dropsEpochZeroAsRpmTreatsNoEpochAsZero() {
        assertThat(packages(InventoryFormat.RPM, "bash\t0:5.1.8-9.el9\tbash-5.1.8-9.el9.src.rpm\tx86_64\n"
                + "sudo\t(none):1.9.5p2-10.el9_3\tsudo-1.9.5p2-10.el9_3.src.rpm\tx86_64\n", DB_1))
                .extracting(PackageInput::version, PackageInput::sourceVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("5.1.8-9.el9", "5.1.8-9.el9"),
                        org.assertj.core.groups.Tuple.tuple("1.9.5p2-10.el9_3", "1.9.5p2-10.el9_3"));
    }

    @Test
    void keepsEveryInstalledVersionOfAPackage() {
        assertThat(packages(InventoryFormat.RPM, new String(sample("rpm-rhel9.tsv")), DB_1))
                .filteredOn(p -> p.name().equals("kernel-core")).extracting(PackageInput::version)
                .containsExactly("5.14.0-427.13.1.el9_4", "5.14.0-362.8.1.el9_3");
    }

    @Test
    void readsAPackageWithoutSourceRpmOrArchitectureAsItself() {
        assertThat(packages(InventoryFormat.RPM, "gpg-pubkey\t0:fd431d51-4ae0493b\t(none)\t(none)\n", DB_1))
                .containsExactly(new PackageInput("gpg-pubkey", "fd431d51-4ae0493b", null, null, null, null, null));
    }

    @Test
    void namesTheLineOfASourceRpmNameWithoutVersionAndRelease() {
        assertRefused(() -> parse(InventoryFormat.RPM, "bash\t0:5.1.8-9.el9\tbash-5.1.8-9.el9.src.rpm\tx86_64\n"
                + "curl\t0:7.76.1-29.el9_4\tcurl.src.rpm\tx86_64\n", DB_1), "line 2: source");
    }

    @Test
    void namesTheLineOfAnEpochThatIsNotANumber() {
        assertRefused(() -> parse(InventoryFormat.RPM, "bash\tx:5.1.8-9.el9\tbash-5.1.8-9.el9.src.rpm\n", DB_1),
                "line 1: version");
    }

    @Test
    void namesTheLineOfAnEntryWithTooManyColumns() {
        assertRefused(() -> parse(InventoryFormat.RPM, "bash\t0:5.1.8-9.el9\tbash-5.1.8-9.el9.src.rpm\tx86_64\tx\n",
                DB_1), "line 1");
    }
}
