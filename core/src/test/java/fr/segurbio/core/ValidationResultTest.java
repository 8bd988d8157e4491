package fr.segurbio.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class ValidationResultTest {

    enum TestError implements ErrorCode {
        BAD_KEY("TST-001", Severity.ERROR, "La clé %s est fausse (attendue : %s)", "Key %s is wrong (expected: %s)"),
        ODD("TST-002", Severity.WARNING, "Valeur inhabituelle l'%s", "Unusual value %s");

        private final String id;
        private final Severity severity;
        private final String fr;
        private final String en;

        TestError(String id, Severity severity, String fr, String en) {
            this.id = id;
            this.severity = severity;
            this.fr = fr;
            this.en = en;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Severity severity() {
            return severity;
        }

        @Override
        public String frenchTemplate() {
            return fr;
        }

        @Override
        public String englishTemplate() {
            return en;
        }
    }

    @Test
    void collectsEveryProblemAndOnlyErrorsInvalidate() {
        ValidationResult warningsOnly = ValidationResult.builder().add(TestError.ODD, "x", "a").build();
        assertThat(warningsOnly.isValid()).isTrue();
        assertThat(warningsOnly.warnings()).hasSize(1);

        ValidationResult result = warningsOnly.and(ValidationResult.of(Problem.of(TestError.BAD_KEY, "key", "42", "17")));
        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).hasSize(2);
        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("Key 42 is wrong (expected: 17)");
            assertThat(p.message(Locale.FRENCH)).isEqualTo("La clé 42 est fausse (attendue : 17)");
        });
        assertThat(result.has(TestError.BAD_KEY)).isTrue();
        assertThat(ValidationResult.ok().isValid()).isTrue();
    }

    @Test
    void frenchApostrophesSurviveFormatting() {
        assertThat(Problem.of(TestError.ODD, "", "INS").messageFr()).isEqualTo("Valeur inhabituelle l'INS");
    }

    @Test
    void pathsNestUnderParents() {
        Problem p = Problem.of(TestError.ODD, "birthDate", "x").under("patient");
        assertThat(p.path()).isEqualTo("patient.birthDate");
        assertThat(Problem.of(TestError.ODD, "[3]", "x").under("results").path()).isEqualTo("results[3]");
        assertThat(Problem.of(TestError.ODD, "", "x").under("patient").path()).isEqualTo("patient");
    }

    @Test
    void exceptionCarriesTheCodeAndEveryError() {
        ValidationResult result = ValidationResult.builder()
                .add(TestError.BAD_KEY, "a", "1", "2")
                .add(TestError.ODD, "b", "w")
                .add(TestError.BAD_KEY, "c", "3", "4")
                .build();
        assertThatThrownBy(() -> result.orThrow(SegurException::new))
                .isInstanceOf(SegurException.class)
                .hasMessageStartingWith("TST-001: 2 problems")
                .satisfies(e -> assertThat(((SegurException) e).problems()).hasSize(2));
        assertThat(new SegurException(TestError.ODD, "v").getMessage()).isEqualTo("TST-002: Unusual value v");
    }
}
