package io.patchflow.inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.store.PackageChange;
import io.patchflow.inventory.store.PackageRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageListDiffTest {

    private static InstalledPackage pkg(String name, String version) {
        return new InstalledPackage(name, version, name, version, "amd64", "Debian:12", null);
    }

    @Test
    void reportsAddedRemovedAndChangedPackagesAndLeavesTheRestAlone() {
        List<PackageRow> stored = List.of(new PackageRow(1, 7, pkg("openssl", "3.0.11-1~deb12u1")),
                new PackageRow(2, 7, pkg("bash", "5.2.15-2+b2")), new PackageRow(3, 7, pkg("telnet", "0.17+2.4-2")));
        List<InstalledPackage> reported = List.of(pkg("openssl", "3.0.11-1~deb12u2"), pkg("bash", "5.2.15-2+b2"),
                pkg("curl", "7.88.1-10+deb12u5"));

        PackageListDiff diff = PackageListDiff.between(7, stored, reported);

        assertThat(diff.updates()).extracting(PackageRow::id).containsExactly(1L);
        assertThat(diff.deletes()).containsExactly(3L);
        assertThat(diff.inserts()).extracting(r -> r.pkg().name()).containsExactly("curl");
        assertThat(diff.changes()).extracting(PackageChange::packageName, PackageChange::type).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("openssl", PackageChange.Type.CHANGED),
                org.assertj.core.groups.Tuple.tuple("telnet", PackageChange.Type.REMOVED),
                org.assertj.core.groups.Tuple.tuple("curl", PackageChange.Type.ADDED));
        assertThat(diff.changes().stream().filter(c -> c.type() == PackageChange.Type.CHANGED).findFirst().orElseThrow())
                .extracting(PackageChange::oldVersion, PackageChange::newVersion)
                .containsExactly("3.0.11-1~deb12u1", "3.0.11-1~deb12u2");
    }

    @Test
    void keepsSeveralInstalledVersionsOfOneLibraryApart() {
        InstalledPackage old = new InstalledPackage("lodash", "4.17.20", "lodash", "4.17.20", null, "npm", null);
        List<PackageRow> stored = List.of(new PackageRow(1, 7, old));
        List<InstalledPackage> reported = List.of(old,
                new InstalledPackage("lodash", "3.10.1", "lodash", "3.10.1", null, "npm", null));

        PackageListDiff diff = PackageListDiff.between(7, stored, reported);

        assertThat(diff.changes()).extracting(PackageChange::type).containsExactly(PackageChange.Type.ADDED);
        assertThat(diff.updates()).isEmpty();
    }
}
