package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsKeysAtEveryLevelWhateverTheInsertionOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", 2);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("zeta", List.of(inner));
        outer.put("alpha", inner);

        assertThat(CanonicalJson.write(outer)).isEqualTo("{\"alpha\":{\"a\":2,\"z\":1},\"zeta\":[{\"a\":2,\"z\":1}]}");
    }

    @Test
    void writesInstantsAndDatesAsIsoStrings() {
        Map<String, Object> values = Map.of("at", Instant.parse("2025-03-01T10:15:30.123456Z"),
                "due", LocalDate.of(2025, 3, 31));

        assertThat(CanonicalJson.write(values))
                .isEqualTo("{\"at\":\"2025-03-01T10:15:30.123456Z\",\"due\":\"2025-03-31\"}");
    }

    @Test
    void keepsNullsBooleansAndNumbersAsJsonValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("none", null);
        values.put("flag", true);
        values.put("count", 42L);
        values.put("score", new BigDecimal("9.80"));
        values.put("list", Arrays.asList(1, null, "x"));

        assertThat(CanonicalJson.write(values))
                .isEqualTo("{\"count\":42,\"flag\":true,\"list\":[1,null,\"x\"],\"none\":null,\"score\":9.80}");
    }

    @Test
    void storedTextReadBackIsWrittenAgainByteForByte() {
        Map<String, Object> values = Map.of("epss", 0.00042, "cvss", 9.8, "big", new BigDecimal("1E+3"),
                "nested", Map.of("b", 1.10, "a", "ü\"\n"), "huge", new java.math.BigInteger("123456789012345678901"));
        String stored = CanonicalJson.write(values);

        assertThat(CanonicalJson.normalise(stored)).isEqualTo(stored);
        assertThat(CanonicalJson.write(CanonicalJson.read(stored))).isEqualTo(stored);
    }

    @Test
    void formattingDifferencesDisappearInCanonicalForm() {
        assertThat(CanonicalJson.normalise("{ \"b\" : [ 1, 2 ],\n \"a\" : \"x\" }"))
                .isEqualTo("{\"a\":\"x\",\"b\":[1,2]}");
    }
}
