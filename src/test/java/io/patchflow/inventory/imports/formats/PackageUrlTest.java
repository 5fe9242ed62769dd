package io.patchflow.inventory.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageUrlTest {

    @Test
    void splitsTheComponentsFromTheRightAndDecodesThem() {
        PackageUrl purl = PackageUrl.parse("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc%402.36-9"
                + "&distro=debian-12#sub/path");

        assertThat(purl).isEqualTo(new PackageUrl("deb", "debian", "libc6", "2.36-9+deb12u4",
                Map.of("arch", "amd64", "upstream", "glibc@2.36-9", "distro", "debian-12")));
    }

    @Test
    void readsAnNpmScopeEncodedOrNot() {
        assertThat(PackageUrl.parse("pkg:npm/%40angular/core@17.0.1").namespace()).isEqualTo("@angular");
        PackageUrl literal = PackageUrl.parse("pkg:npm/@angular/core@17.0.1");
        assertThat(literal.namespace()).isEqualTo("@angular");
        assertThat(literal.version()).isEqualTo("17.0.1");
    }

    @Test
    void keepsEveryNamespaceSegmentOfAGoModule() {
        PackageUrl purl = PackageUrl.parse("pkg:golang/github.com/hashicorp/vault/api@v1.10.0");
        assertThat(purl.namespace()).isEqualTo("github.com/hashicorp/vault");
        assertThat(purl.name()).isEqualTo("api");
    }

    @Test
    void decodesMultiByteCharacters() {
        assertThat(PackageUrl.parse("pkg:pypi/caf%C3%A9@1.0").name()).isEqualTo("caf\u00e9");
    }

    @Test
    void refusesWhatIsNotAPackageUrl() {
        assertThatThrownBy(() -> PackageUrl.parse("maven/a/b@1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackageUrl.parse("pkg:maven")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackageUrl.parse("pkg:npm/a%4@1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheNameAndVersionOfASourceRpmFromTheRight() {
        assertThat(SourceRpmName.parse("python3.9-3.9.18-3.el9.src.rpm"))
                .isEqualTo(new SourceRpmName("python3.9", "3.9.18-3.el9"));
        assertThat(SourceRpmName.parse("java-17-openjdk-17.0.9.0.9-2.el9.src.rpm"))
                .isEqualTo(new SourceRpmName("java-17-openjdk", "17.0.9.0.9-2.el9"));
        assertThat(SourceRpmName.parse("curl.src.rpm")).isNull();
        assertThat(SourceRpmName.parse("curl-7.76.1.src.rpm")).isNull();
    }
}
