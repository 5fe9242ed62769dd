package io.patchflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class PackageListFilesTest {

    @Test
    void everyLineOfEveryPackageListHasFiveNonEmptyColumns() throws IOException {
        List<Resource> files = List.of(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:" + DemoResources.PACKAGES + "**/*.tsv"));
        // 3 base images, 6 role lists and an update list per operating system
        assertThat(files).hasSize(3 + 3 * 7);
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                assertThat(PackageListFile.read(in, file.getDescription())).as(file.getDescription()).isNotEmpty();
            }
        }
    }

    @Test
    void baseImagesAreRealisticServerInstallations() {
        for (DemoOperatingSystem os : DemoOperatingSystem.values()) {
            List<DemoPackage> base = PackageListFile.read(os.baseImageResource());
            assertThat(base).as(os.name()).hasSizeBetween(120, 250);
            assertThat(base.stream().map(DemoPackage::name).distinct()).as(os.name()).hasSize(base.size());
        }
    }

    @Test
    void rhelVersionsCarryTheirEpochAndSourceRpm() {
        DemoPackage opensslLibs = PackageListFile.read(DemoOperatingSystem.RHEL_9.baseImageResource()).stream()
                .filter(pkg -> pkg.name().equals("openssl-libs")).findFirst().orElseThrow();
        assertThat(opensslLibs).isEqualTo(
                new DemoPackage("openssl-libs", "1:3.0.7-24.el9", "openssl", "1:3.0.7-24.el9", "x86_64"));
    }

    @Test
    void updatesOnlyNamePackagesThatSomeHostsHave() {
        for (DemoOperatingSystem os : DemoOperatingSystem.values()) {
            Set<String> names = allInstallableNames(os);
            assertThat(PackageListFile.read(os.updatesResource())).as(os.name())
                    .allSatisfy(update -> assertThat(names).contains(update.name()));
        }
    }

    @Test
    void refusesMalformedLinesNamingFileAndLine() {
        String text = "# comment\nbash\t5.2.15-2+b2\tbash\t5.2.15-2\tamd64\nbroken\t1.0\tbroken\tamd64\n";
        assertThatThrownBy(() -> PackageListFile.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "x.tsv"))
                .hasMessageContaining("x.tsv:3").hasMessageContaining("5 tab-separated columns");
        String blank = "bash\t\tbash\t5.2.15-2\tamd64\n";
        assertThatThrownBy(() -> PackageListFile.read(
                new ByteArrayInputStream(blank.getBytes(StandardCharsets.UTF_8)), "y.tsv"))
                .hasMessageContaining("y.tsv:1");
    }

    private static Set<String> allInstallableNames(DemoOperatingSystem os) {
        Set<String> names = PackageListFile.read(os.baseImageResource()).stream().map(DemoPackage::name)
                .collect(Collectors.toSet());
        for (HostRole role : HostRole.values()) {
            PackageListFile.read(os.roleResource(role.group())).forEach(pkg -> names.add(pkg.name()));
        }
        return names;
    }
}
