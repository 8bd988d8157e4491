package fr.segurbio.cda.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.segurbio.cda.CdaException;

class Hl7EscapeTest {

    @Test
    void everyEncodingCharacterIsEscaped() {
        assertThat(Hl7Escape.escape("a|b^c&d~e\\f")).isEqualTo("a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f");
        assertThat(Hl7Escape.escape("ligne 1\r\nligne 2")).isEqualTo("ligne 1\\X0D\\\\X0A\\ligne 2");
        assertThat(Hl7Escape.escape("Laboratoire des charmes")).isEqualTo("Laboratoire des charmes");
        assertThat(Hl7Escape.escape(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Dupont & Fils^SA", "\\", "\\\\E\\", "~|~", "Émile Zoé ß", "a\r\nb", "^^^&&&"})
    void unescapeUndoesEscape(String text) {
        assertThat(Hl7Escape.unescape(Hl7Escape.escape(text))).isEqualTo(text);
    }

    @Test
    void hexadecimalEscapesAreUtf8Bytes() {
        assertThat(Hl7Escape.unescape("caf\\XC3A9\\")).isEqualTo("café");
        assertThat(Hl7Escape.unescape("a\\X0D0A\\b")).isEqualTo("a\r\nb");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\\S", "\\H\\gras\\N\\", "x\\.br\\y", "\\X1\\", "\\XZZ\\", "\\\\"})
    void aBadEscapeSequenceIsACodedProblem(String text) {
        assertThatThrownBy(() -> Hl7Escape.unescape(text)).isInstanceOfSatisfying(CdaException.class, e -> {
            assertThat(e.code()).isEqualTo(XdsError.BAD_ESCAPE);
            assertThat(e.problems().get(0).messageFr()).contains("échappement");
            assertThat(e.problems().get(0).messageEn()).contains(text);
        });
    }
}
