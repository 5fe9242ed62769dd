package io.patchflow.advisory.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.Fixtures;
import io.patchflow.advisory.osv.OsvAdvisory;
import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.osv.OsvEvent;
import io.patchflow.advisory.osv.OsvParser;
import io.patchflow.advisory.osv.OsvRange;
import io.patchflow.advisory.store.StoredAffected;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchIndexTest {

    private static List<StoredAffected> fixtures(String... names) throws IOException {
        List<StoredAffected> entries = new ArrayList<>();
        for (String name : names) {
            OsvAdvisory advisory = OsvParser.parse(new ObjectMapper().readTree(Fixtures.path("osv/" + name).toFile()),
                    "");
            advisory.affected().forEach(a -> entries.add(new StoredAffected(advisory.id(), a)));
        }
        return entries;
    }

    private static StoredAffected debian(String advisory, String ecosystem, String source, String fixed) {
        return new StoredAffected(advisory, new OsvAffected(ecosystem, source, null, List.of(new OsvRange("ECOSYSTEM",
                null, List.of(new OsvEvent("introduced", "0"), new OsvEvent("fixed", fixed)))), List.of(), null));
    }

    @Test
    void evaluatesEachDistinctTupleOnceAndRemembersTheVerdict() throws IOException {
        MatchIndex index = new MatchIndex(fixtures("ghsa-npm_greater_than.osv.json"));

        List<MatchHit> first = index.hits("npm", "jquery", "2.2.4");

        assertThat(first).containsExactly(new MatchHit("GHSA-mhpp-875w-9cpv", "3.0.0", null));
        assertThat(index.hits("npm", "jquery", "2.2.4")).isSameAs(first);
        assertThat(index.hits("npm", "jquery", "3.0.0")).isEmpty();
    }

    @Test
    void comparesPyPINamesAsPep503Normalises() throws IOException {
        MatchIndex index = new MatchIndex(fixtures("ghsa-pypi_normalize.osv.json"));

        assertThat(index.hits("PyPI", "Products.PluggableAuthService", "2.6.0")).extracting(MatchHit::fixedVersion)
                .containsExactly("2.6.1");
        assertThat(index.names("PyPI", "products_pluggableauthservice")).isTrue();
    }

    @Test
    void matchesEachMavenArtifactOfAnAdvisoryByItsOwnName() throws IOException {
        MatchIndex index = new MatchIndex(fixtures("ghsa-full_ranges.osv.json", "ghsa-maven_greater_than.osv.json"));

        assertThat(index.hits("Maven", "com.typesafe.akka:akka-actor_2.11", "2.5.3")).extracting(MatchHit::advisoryId)
                .containsExactly("GHSA-mr95-9rr4-668f");
        assertThat(index.hits("Maven", "org.xwiki.commons:xwiki-commons-core", "12.10.1"))
                .containsExactly(new MatchHit("GHSA-76mp-659p-rw65", "12.10.2", null));
        assertThat(index.hits("npm", "com.typesafe.akka:akka-actor_2.11", "2.5.3")).isEmpty();
    }

    @Test
    void aReleaseSpecificEntryAppliesOnlyToThatReleaseAndABareEcosystemToAll() {
        MatchIndex index = new MatchIndex(List.of(debian("DSA-1", "Debian:11", "openssl", "1.1.1n-0+deb11u5"),
                debian("DSA-2", "Debian", "openssl", "3.0.11-1~deb12u2")));

        assertThat(index.hits("Debian:12", "openssl", "3.0.11-1~deb12u1")).extracting(MatchHit::advisoryId)
                .containsExactly("DSA-2");
        assertThat(index.hits("Debian:11", "openssl", "1.1.1n-0+deb11u4")).extracting(MatchHit::advisoryId)
                .containsExactly("DSA-1", "DSA-2");
        assertThat(index.hits("Ubuntu:22.04", "openssl", "1.0")).isEmpty();
        assertThat(index.ecosystems()).containsExactly("Debian");
    }

    @Test
    void anAdvisoryListingThePackageOncePerRangeGivesOneHitWithTheLowestResolvingFix() {
        MatchIndex index = new MatchIndex(List.of(debian("GHSA-x", "Debian:12", "pkg", "2.0-1"),
                new StoredAffected("GHSA-x", new OsvAffected("Debian:12", "pkg", null, List.of(new OsvRange(
                        "ECOSYSTEM", null, List.of(new OsvEvent("introduced", "1.9-1"), new OsvEvent("fixed",
                                "2.1-1")))), List.of(), null))));

        assertThat(index.hits("Debian:12", "pkg", "1.0-1")).containsExactly(new MatchHit("GHSA-x", "2.1-1", null));
        assertThat(index.hits("Debian:12", "pkg", "1.9-5")).containsExactly(new MatchHit("GHSA-x", "2.1-1", null));
        assertThat(index.hits("Debian:12", "pkg", "2.1-1")).isEmpty();
    }
}
