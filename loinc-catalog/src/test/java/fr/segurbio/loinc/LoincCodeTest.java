package fr.segurbio.loinc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.segurbio.core.ValidationResult;

class LoincCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2345-7", "14749-6", "11502-2", "718-7", "1-8", "101792-0", "18719-5", "55108-5"})
    void realCodesAreValid(String code) {
        assertThat(LoincCode.isValid(code)).isTrue();
        assertThat(LoincCode.check(code).isValid()).isTrue();
        assertThat(LoincCode.parse(code).value()).isEqualTo(code);
    }

    @Test
    void checkDigitFollowsTheLoincUsersGuideExample() {
        // LOINC Users' Guide: 12345 → check digit 5
        assertThat(LoincCode.checkDigit("12345")).isEqualTo(5);
        assertThat(LoincCode.checkDigit("2345")).isEqualTo(7);
        assertThat(LoincCode.of(11502).value()).isEqualTo("11502-2");
        assertThat(LoincCode.parse("2345-7").number()).isEqualTo(2345);
        assertThat(LoincCode.parse("2345-7").checkDigit()).isEqualTo(7);
    }

    @Test
    void wrongCheckDigitGivesTheExpectedOne() {
        assertThat(LoincCode.isValid("2345-8")).isFalse();
        ValidationResult r = LoincCode.check("2345-8");
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(LoincError.WRONG_CHECK_DIGIT);
            assertThat(p.message()).contains("expected 7").contains("2345-7");
            assertThat(p.messageFr()).contains("attendu 7");
        });
        assertThatThrownBy(() -> LoincCode.parse("2345-8")).isInstanceOf(LoincException.class)
                .hasMessageStartingWith("LOINC-005");
    }

    @Test
    void missingHyphenSuggestsTheCodeWhenTheLastDigitChecks() {
        ValidationResult r = LoincCode.check("23457");
        assertThat(r.has(LoincError.MISSING_HYPHEN)).isTrue();
        assertThat(r.errors().get(0).message()).contains("→ 2345-7");
        assertThat(LoincCode.check("23458").errors().get(0).message()).doesNotContain("→");
    }

    @Test
    void lettersAreReportedWithTheirPosition() {
        ValidationResult r = LoincCode.check("23A5-7");
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(LoincError.INVALID_CHARACTER);
            assertThat(p.message()).contains("'A'").contains("position 3");
        });
        assertThat(LoincCode.check("2345-7 ").has(LoincError.INVALID_CHARACTER)).isTrue();
        assertThat(LoincCode.check("ABC").errors()).hasSize(3);
        assertThat(LoincCode.check("LP14559-6").has(LoincError.NOT_AN_OBSERVATION_CODE)).isTrue();
        assertThat(LoincCode.check("LA6576-8").has(LoincError.NOT_AN_OBSERVATION_CODE)).isTrue();
    }

    @Test
    void otherFormatErrors() {
        assertThat(LoincCode.check("").has(LoincError.EMPTY_CODE)).isTrue();
        assertThat(LoincCode.check(null).has(LoincError.EMPTY_CODE)).isTrue();
        assertThat(LoincCode.check("2-345-7").has(LoincError.EXTRA_HYPHEN)).isTrue();
        assertThat(LoincCode.check("234-57").has(LoincError.WRONG_LENGTH)).isTrue();
        assertThat(LoincCode.check("-7").has(LoincError.WRONG_LENGTH)).isTrue();
        assertThat(LoincCode.check("12345678-5").has(LoincError.WRONG_LENGTH)).isTrue();
        assertThat(LoincCode.check("02345-7").has(LoincError.LEADING_ZERO)).isTrue();
        assertThat(LoincCode.isValid("02345-7")).isFalse();
        assertThat(LoincCode.tryParse("x")).isEmpty();
        assertThat(LoincCode.tryParse("2345-7")).contains(LoincCode.parse("2345-7"));
    }

    @Test
    void everyNumberGetsTheDigitThatValidates() {
        for (int n = 1; n < 200_000; n += 7) {
            LoincCode c = LoincCode.of(n);
            assertThat(LoincCode.isValid(c.value())).isTrue();
            String wrong = n + "-" + ((c.checkDigit() + 1) % 10);
            assertThat(LoincCode.isValid(wrong)).as(wrong).isFalse();
        }
    }

    @Test
    void isValidAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
                "Skipped: this JVM does not report per-thread allocations");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        String[] codes = {"2345-7", "2345-8", "11502-2", "ABC", "101792-0", "23457"};
        int valid = 0;
        for (int i = 0; i < 10_000; i++) {
            valid += LoincCode.isValid(codes[i % codes.length]) ? 1 : 0;
        }
        long tid = Thread.currentThread().getId();
        long before = hot.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            valid += LoincCode.isValid(codes[i % codes.length]) ? 1 : 0;
        }
        long allocated = hot.getThreadAllocatedBytes(tid) - before;
        assertThat(valid).isEqualTo(1_010_000 / 2);
        // a million checks: nothing but the measurement's own noise
        assertThat(allocated).isLessThan(64 * 1024);
        assertThat(LoincCode.check("2345-7")).isSameAs(ValidationResult.ok());
    }

    @Test
    void equalityAndOrderFollowTheNumber() {
        assertThat(LoincCode.parse("718-7")).isEqualTo(LoincCode.of(718)).hasSameHashCodeAs(LoincCode.of(718));
        assertThat(LoincCode.parse("718-7")).isLessThan(LoincCode.parse("2345-7"));
        assertThat(LoincCode.parse("718-7")).hasToString("718-7");
    }
}
