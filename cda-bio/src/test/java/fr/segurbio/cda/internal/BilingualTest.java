package fr.segurbio.cda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Gender;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.core.Problem;

class BilingualTest {

    @Test
    void aDetailWritesItselfInTheLanguageOfTheMessage() {
        Problem p = Problem.of(CdaError.BAD_VALUE, "x", "Z", Bilingual.of("le sexe est F, M ou U", "gender is F, M or U"));
        assertThat(p.message(Locale.FRENCH)).isEqualTo("Valeur « Z » non autorisée : le sexe est F, M ou U");
        assertThat(p.message(Locale.ENGLISH)).isEqualTo("Value \"Z\" not allowed: gender is F, M or U");
    }

    @Test
    void theModelsRefusalsReadInFrenchInFrench() {
        assertThatThrownBy(() -> Gender.fromCode("Z")).isInstanceOfSatisfying(CdaException.class,
                e -> assertThat(e.problems().get(0).messageFr()).endsWith("le sexe est F, M ou U"));
        assertThatThrownBy(() -> ResultValue.quantity("1", "mmol/zz")).isInstanceOfSatisfying(CdaException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(CdaError.BAD_UNIT);
                    assertThat(e.problems().get(0).messageFr()).startsWith("Unité « mmol/zz » refusée par UCUM : ");
                    assertThat(e.problems().get(0).messageFr()).isNotEqualTo(e.problems().get(0).messageEn());
                });
    }
}
