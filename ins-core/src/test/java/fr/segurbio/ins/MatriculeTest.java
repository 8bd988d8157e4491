package fr.segurbio.ins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;

class MatriculeTest {

    /** Vectors of specs/ins.md §2.2 (CNDA samples, INSi test persons, python-stdnum doctests). */
    @ParameterizedTest
    @ValueSource(strings = {"109076322083489", "209076322083439", "209066322012355", "109076322088835",
        "180032B02040123", "275126322074974", "110086322083060", "236066322083656", "277076322082910",
        "253072B07300470", "253072A07300443", "295109912611193"})
    void acceptsTheSpecVectors(String value) {
        assertThat(Matricule.isValid(value)).isTrue();
        assertThat(Matricule.validate(value).problems()).isEmpty();
        Matricule m = Matricule.parse(value);
        assertThat(m.value()).isEqualTo(value);
        assertThat(m.key()).isEqualTo(value.substring(13));
        assertThat(m.expectedKey()).isEqualTo(m.key());
        assertThat(m.keyMatches()).isTrue();
    }

    @Test
    void readsTheParts() {
        Matricule m = Matricule.parse("275126322074974");
        assertThat(m.number()).isEqualTo("2751263220749");
        assertThat(m.sexDigit()).isEqualTo(2);
        assertThat(m.birthYearDigits()).isEqualTo(75);
        assertThat(m.birthMonth()).hasValue(12);
        assertThat(m.department()).isEqualTo("63");
        assertThat(m.bornAbroad()).isFalse();
        assertThat(Matricule.parse("295109912611193").bornAbroad()).isTrue();
    }

    @Test
    void toStringIsMasked() {
        Matricule m = Matricule.parse("275126322074974");
        assertThat(m.toString()).isEqualTo("2************74").doesNotContain("63220");
        assertThat(Ins.of("275126322074974", AssigningAuthority.NIR.oid()).toString()).doesNotContain("63220");
    }

    @Test
    void wrongKeyGivesTheExpectedKey() {
        ValidationResult r = Matricule.validate("275126322074975");
        assertThat(r.isValid()).isFalse();
        assertThat(codes(r)).containsExactly("INS-003");
        assertThat(r.errors().get(0).message()).contains("75").contains("74");
        assertThatThrownBy(() -> Matricule.parse("275126322074975"))
                .isInstanceOf(InsException.class)
                .hasMessageStartingWith("INS-003")
                .satisfies(e -> assertThat(((InsException) e).code()).isEqualTo(InsError.WRONG_KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2751263220749", "27512632207497", "2751263220749740", ""})
    void wrongLengthIsRefused(String value) {
        ValidationResult r = Matricule.validate(value);
        assertThat(codes(r)).contains("INS-001");
        assertThat(Matricule.isValid(value)).isFalse();
        assertThat(r.errors().get(0).message()).contains(String.valueOf(value.length()));
    }

    @Test
    void nullIsRefused() {
        assertThat(Matricule.isValid(null)).isFalse();
        assertThat(codes(Matricule.validate(null))).containsExactly("INS-001");
    }

    @Test
    void lettersAreRefusedWithTheirPosition() {
        ValidationResult r = Matricule.validate("27512632207X974");
        assertThat(codes(r)).containsExactly("INS-002");
        assertThat(r.errors().get(0).message()).contains("'X'").contains("position 12");
        assertThat(Matricule.isValid("27512632207X974")).isFalse();
    }

    @Test
    void spacesInsideAreRefused() {
        String spaced = "2 75 12 63 220 749 74";
        ValidationResult r = Matricule.validate(spaced);
        assertThat(codes(r)).contains("INS-001", "INS-002");
        assertThat(r.errors().stream().filter(p -> p.code() == InsError.MATRICULE_CHARACTER)).hasSize(6);
        assertThat(Matricule.isValid(spaced)).isFalse();
        assertThat(Matricule.isValid("27512632207497 ")).isFalse();
        assertThat(codes(Matricule.validate("2751263 2074974"))).containsExactly("INS-002");
    }

    @Test
    void corsicaValidAndInvalid() {
        assertThat(Matricule.isValid("180032B02040123")).isTrue();
        assertThat(Matricule.isValid("180032b02040123")).isTrue();
        assertThat(Matricule.parse("180032b02040123").value()).isEqualTo("180032B02040123");
        assertThat(Matricule.parse("180032B02040123").department()).isEqualTo("2B");
        // 2A with the key of 2B: the substitution differs
        assertThat(codes(Matricule.validate("253072A07300470"))).containsExactly("INS-003");
        // key computed without substitution (2B read as 20)
        assertThat(Matricule.isValid("253072B07300406")).isFalse();
        // 2C does not exist, nor does a letter in another département
        assertThat(codes(Matricule.validate("253072C07300470"))).containsExactly("INS-008");
        assertThat(codes(Matricule.validate("253073A07300470"))).containsExactly("INS-008");
        assertThat(Matricule.isValid("253072C07300470")).isFalse();
        assertThat(Matricule.isValid("253073A07300470")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"7,INS-005", "8,INS-005", "5,INS-006", "6,INS-006", "3,INS-004", "0,INS-004", "9,INS-004"})
    void otherNumberingFamiliesAreRefusedWithTheirReason(char first, String code) {
        String thirteen = first + "751263220749";
        String value = thirteen + key(thirteen);
        assertThat(Matricule.isValid(value)).isFalse();
        assertThat(codes(Matricule.validate(value))).containsExactly(code);
    }

    @Test
    void nnpMessageSaysItIsNotAnIns() {
        String thirteen = "7751263220749";
        Problem p = Matricule.validate(thirteen + key(thirteen)).errors().get(0);
        assertThat(p.message()).contains("NNP").contains("not an INS");
        assertThat(p.messageFr()).contains("numéro national provisoire");
    }

    @ParameterizedTest
    @CsvSource({"00,false", "01,true", "12,true", "13,false", "19,false", "20,true", "35,true", "99,true"})
    void months(String month, boolean valid) {
        String thirteen = "275" + month + "63220749";
        String value = thirteen + key(thirteen);
        assertThat(Matricule.isValid(value)).isEqualTo(valid);
        assertThat(Matricule.validate(value).isValid()).isEqualTo(valid);
        if (!valid) {
            assertThat(codes(Matricule.validate(value))).containsExactly("INS-007");
        }
        if (valid && month.compareTo("20") >= 0) {
            assertThat(Matricule.parse(value).birthMonth()).isEmpty();
        }
    }

    @Test
    void everyProblemIsReported() {
        ValidationResult r = Matricule.validate("8 0003A");
        assertThat(codes(r)).contains("INS-001", "INS-002", "INS-005", "INS-007", "INS-008");
    }

    @Test
    void lenientKeepsAWrongKeyAsAWarning() {
        // TEST_2.08_cas2.xml (HERMANN GATIEN): the CNDA file says 60, the key is 76
        Matricule.Received r = Matricule.fromInsi("1810363220456", "60");
        assertThat(r.matricule().value()).isEqualTo("181036322045660");
        assertThat(r.matricule().keyMatches()).isFalse();
        assertThat(r.matricule().expectedKey()).isEqualTo("76");
        assertThat(r.warnings().isValid()).isTrue();
        assertThat(r.warnings().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(InsError.WRONG_KEY);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
        });
        Matricule.Received ok = Matricule.lenient("109076322083489");
        assertThat(ok.warnings().problems()).isEmpty();
        assertThat(ok.matricule().keyMatches()).isTrue();
    }

    @Test
    void lenientStillRefusesWhatIsNotAMatricule() {
        assertThatThrownBy(() -> Matricule.lenient("10907632208348")).isInstanceOf(InsException.class)
                .hasMessageStartingWith("INS-001");
        assertThatThrownBy(() -> Matricule.fromInsi("7090763220834", "89")).isInstanceOf(InsException.class)
                .hasMessageContaining("INS-005");
    }

    @Test
    void fromInsiWithoutKeyComputesIt() {
        Matricule.Received r = Matricule.fromInsi("1090763220834", null);
        assertThat(r.matricule().value()).isEqualTo("109076322083489");
        assertThat(r.matricule().keyMatches()).isTrue();
        assertThat(r.warnings().problems()).extracting(p -> p.code().id()).containsExactly("INS-009");
    }

    @Test
    void isValidAgreesWithValidateOnManyNumbers() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 15; j++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            if (i % 3 == 0) {
                sb.setCharAt(0, '1');
                sb.setCharAt(3, '0');
                sb.setCharAt(4, '5');
                String t = sb.substring(0, 13);
                sb.replace(13, 15, key(t));
            }
            if (i % 7 == 0) {
                sb.setCharAt(5, '2');
                sb.setCharAt(6, i % 2 == 0 ? 'A' : 'B');
            }
            String s = sb.toString();
            assertThat(Matricule.isValid(s)).as(s).isEqualTo(Matricule.validate(s).isValid());
        }
    }

    /** The key with the algorithm of the spec, computed independently of Matricule. */
    static String key(String thirteen) {
        String digits = thirteen.replace("2A", "19").replace("2B", "18");
        long n = new java.math.BigInteger(digits).mod(java.math.BigInteger.valueOf(97)).longValue();
        return String.format("%02d", 97 - n);
    }

    static List<String> codes(ValidationResult r) {
        return r.problems().stream().map(p -> p.code().id()).toList();
    }
}
