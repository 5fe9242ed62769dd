package io.patchflow.advisory.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.Fixtures;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OsvParserTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private OsvAdvisory fixture(String name) throws IOException {
        return OsvParser.parse(mapper.readTree(Fixtures.path("osv/" + name).toFile()), "");
    }

    @Test
    void readsIdAliasesTimestampsAndEveryAffectedPackageOfARealGhsaRecord() throws IOException {
        OsvAdvisory advisory = fixture("ghsa-full_ranges.osv.json");

        assertThat(advisory.id()).isEqualTo("GHSA-mr95-9rr4-668f");
        assertThat(advisory.aliases()).containsExactly("CVE-2018-16115");
        assertThat(advisory.modified()).hasToString("2021-09-15T20:58:47Z");
        assertThat(advisory.affected()).extracting(OsvAffected::ecosystem, OsvAffected::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Maven", "com.typesafe.akka:akka-actor_2.12"),
                org.assertj.core.groups.Tuple.tuple("Maven", "com.typesafe.akka:akka-actor_2.11"));
        assertThat(advisory.affected().get(0).ranges().get(0).events()).containsExactly(
                new OsvEvent("introduced", "2.5.0"), new OsvEvent("fixed", "2.5.16"));
        assertThat(advisory.isWithdrawn()).isFalse();
    }

    @Test
    void marksAWithdrawnRecordAsWithdrawn() throws IOException {
        assertThat(fixture("ghsa-withdrawn.osv.json").isWithdrawn()).isTrue();
    }

    @Test
    void scoresTheHighestCvssV3VectorOfTheRecord() throws IOException {
        JsonNode node = mapper.readTree("""
                {"id":"X-1","modified":"2024-01-01T00:00:00Z","severity":[
                  {"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"},
                  {"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}""");
        OsvAdvisory advisory = OsvParser.parse(node, "");
        assertThat(advisory.cvssScore()).isEqualByComparingTo("9.8");
        assertThat(advisory.cvssVector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    }

    @Test
    void scoresACvssV4VectorAsFirstsCalculatorDoesAndKeepsTheDatabaseGivenScore() throws IOException {
        JsonNode node = mapper.readTree("""
                {"id":"X-2","modified":"2024-01-01T00:00:00Z","database_specific":{"cvss_score":7.3},
                 "severity":[{"type":"CVSS_V4","score":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}]}""");
        OsvAdvisory advisory = OsvParser.parse(node, "");
        assertThat(advisory.cvssVector()).startsWith("CVSS:4.0/");
        assertThat(advisory.cvssScore()).isEqualByComparingTo("9.3");
        assertThat(advisory.databaseCvssScore()).isEqualByComparingTo(new BigDecimal("7.3"));
    }

    @Test
    void namesTheEventThatIsNotAnEvent() throws IOException {
        JsonNode node = mapper.readTree("""
                {"id":"X-3","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},
                 "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixd":"1.0.0"}]}]}]}""");
        assertThatThrownBy(() -> OsvParser.parse(node, "[2]")).isInstanceOf(BadInputException.class)
                .extracting(e -> ((BadInputException) e).field())
                .isEqualTo("[2].affected[0].ranges[0].events[1]");
    }

    @Test
    void requiresAnIdAndAModifiedTimestamp() throws IOException {
        assertThatThrownBy(() -> OsvParser.parse(mapper.readTree("{\"modified\":\"2024-01-01T00:00:00Z\"}"), ""))
                .isInstanceOf(BadInputException.class).extracting(e -> ((BadInputException) e).field())
                .isEqualTo("id");
        assertThatThrownBy(() -> OsvParser.parse(mapper.readTree("{\"id\":\"A\",\"modified\":\"yesterday\"}"), ""))
                .isInstanceOf(BadInputException.class).extracting(e -> ((BadInputException) e).field())
                .isEqualTo("modified");
    }

    @Test
    void refusesARangeTypeOutsideTheSchemaAndARangeWithoutIntroduced() throws IOException {
        JsonNode badType = mapper.readTree("""
                {"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},
                 "ranges":[{"type":"RANGE","events":[{"introduced":"0"}]}]}]}""");
        JsonNode noIntroduced = mapper.readTree("""
                {"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},
                 "ranges":[{"type":"SEMVER","events":[{"fixed":"1.0.0"}]}]}]}""");
        assertThatThrownBy(() -> OsvParser.parse(badType, "")).extracting(e -> ((BadInputException) e).field())
                .isEqualTo("affected[0].ranges[0].type");
        assertThatThrownBy(() -> OsvParser.parse(noIntroduced, "")).extracting(e -> ((BadInputException) e).field())
                .isEqualTo("affected[0].ranges[0].events");
    }

    @Test
    void refusesAMalformedCvssVectorNamingTheSeverity() throws IOException {
        JsonNode node = mapper.readTree("""
                {"id":"X","modified":"2024-01-01T00:00:00Z","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N"}]}""");
        assertThatThrownBy(() -> OsvParser.parse(node, "")).extracting(e -> ((BadInputException) e).field())
                .isEqualTo("severity[0].score");
    }
}
