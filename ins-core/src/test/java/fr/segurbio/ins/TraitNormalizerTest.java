package fr.segurbio.ins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;

class TraitNormalizerTest {

    @Test
    void lowerCaseIsUpperCasedAndReported() {
        NormalizedTrait n = TraitNormalizer.normalize(Trait.BIRTH_NAME, "Dupont");
        assertThat(n.isValid()).isTrue();
        assertThat(n.value()).isEqualTo("DUPONT");
        assertThat(n.changes()).extracting(TraitChange::kind).containsOnly(TraitChange.Kind.UPPER_CASED);
        assertThat(n.problems().problems()).allSatisfy(p -> {
            assertThat(p.code()).isEqualTo(InsError.TRAIT_NORMALISED);
            assertThat(p.severity()).isEqualTo(Severity.INFO);
        });
        // the strict validator refuses it
        assertThat(TraitNormalizer.validate(Trait.BIRTH_NAME, "Dupont").has(InsError.TRAIT_CHARACTER)).isTrue();
    }

    @Test
    void accentsAndLigaturesAreRemoved() {
        NormalizedTrait n = TraitNormalizer.normalize(Trait.BIRTH_NAME, "LŒUVRE-DÉSIRÉ Çà");
        assertThat(n.value()).isEqualTo("LOEUVRE-DESIRE CA");
        assertThat(n.changes()).contains(new TraitChange(TraitChange.Kind.LIGATURE_EXPANDED, "Œ", "OE"),
                new TraitChange(TraitChange.Kind.ACCENT_REMOVED, "É", "E"),
                new TraitChange(TraitChange.Kind.ACCENT_REMOVED, "Ç", "C"),
                new TraitChange(TraitChange.Kind.ACCENT_REMOVED, "à", "A"));
        assertThat(TraitNormalizer.normalize(Trait.BIRTH_FIRST_NAMES, "Cæcilia Zoë").value()).isEqualTo("CAECILIA ZOE");
        assertThat(TraitNormalizer.validate(Trait.BIRTH_NAME, "DÉSIRÉ").has(InsError.TRAIT_CHARACTER)).isTrue();
    }

    @Test
    void typographicApostrophesDashesAndSpacesAreReplaced() {
        NormalizedTrait n = TraitNormalizer.normalize(Trait.BIRTH_NAME, "  d’Artagnan\u00A0de\tl’Hérault–X ");
        assertThat(n.value()).isEqualTo("D'ARTAGNAN DE L'HERAULT-X");
        assertThat(n.changes()).extracting(TraitChange::kind).contains(TraitChange.Kind.APOSTROPHE_REPLACED,
                TraitChange.Kind.SPACE_REPLACED, TraitChange.Kind.HYPHEN_REPLACED, TraitChange.Kind.TRIMMED);
        assertThat(n.isValid()).isTrue();
    }

    @Test
    void doubleSpacesAreCollapsedByTheNormaliserAndRefusedByTheValidator() {
        NormalizedTrait n = TraitNormalizer.normalize(Trait.BIRTH_NAME, "DE  LA  FONTAINE");
        assertThat(n.value()).isEqualTo("DE LA FONTAINE");
        assertThat(n.changes()).extracting(TraitChange::kind).containsExactly(TraitChange.Kind.SPACES_COLLAPSED);
        ValidationResult strict = TraitNormalizer.validate(Trait.BIRTH_NAME, "DE  LA FONTAINE");
        assertThat(strict.has(InsError.TRAIT_DOUBLED)).isTrue();
    }

    @Test
    void digitsCannotBeNormalised() {
        NormalizedTrait n = TraitNormalizer.normalize(Trait.BIRTH_NAME, "Dupont2");
        assertThat(n.isValid()).isFalse();
        assertThat(n.problems().errors()).extracting(p -> p.code().id()).containsExactly("INS-021");
        assertThat(n.problems().errors().get(0).message()).contains("'2'").contains("birth name");
        assertThat(n.problems().errors().get(0).messageFr()).contains("nom de naissance");
        assertThatThrownBy(n::orThrow).isInstanceOf(InsException.class).hasMessageStartingWith("INS-021");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-DUPONT|INS-022", "DUPONT-|INS-022", "DE ''ARC|INS-023", "D' ARC|INS-023", "D 'ARC|INS-023",
        "DUPONT---MARTIN|INS-024", "DUPONT_MARTIN|INS-021", "DUPONT/MARTIN|INS-021", "Ø|INS-021"})
    void nameRules(String value, String code) {
        NormalizedTrait n = TraitNormalizer.normalize(Trait.BIRTH_NAME, value);
        assertThat(n.isValid()).as(value).isFalse();
        assertThat(n.problems().errors()).extracting(p -> p.code().id()).contains(code);
        assertThat(TraitNormalizer.isValid(Trait.BIRTH_NAME, value)).isFalse();
    }

    @Test
    void leadingHyphenIsRefusedNotDropped() {
        NormalizedTrait n = TraitNormalizer.normalize(Trait.BIRTH_FIRST_NAMES, "-Marie");
        assertThat(n.isValid()).isFalse();
        assertThat(n.value()).isEqualTo("-MARIE");
        assertThat(n.problems().errors()).extracting(p -> p.code().id()).containsExactly("INS-022");
    }

    @Test
    void apostropheMayStartAName() {
        assertThat(TraitNormalizer.isValid(Trait.BIRTH_NAME, "'T HOOFT")).isTrue();
    }

    @Test
    void doubleHyphenInNamesOnly() {
        assertThat(TraitNormalizer.isValid(Trait.BIRTH_NAME, "DUPONT--MARTIN")).isTrue();
        assertThat(TraitNormalizer.validate(Trait.BIRTH_FIRST_NAMES, "JEAN--PIERRE").has(InsError.FIRST_NAME_DOUBLE_HYPHEN))
                .isTrue();
        assertThat(TraitNormalizer.validate(Trait.USED_FIRST_NAME, "JEAN--PIERRE").isValid()).isFalse();
    }

    @Test
    void firstNamesMayNotEndWithHyphenOrApostrophe() {
        assertThat(TraitNormalizer.validate(Trait.BIRTH_FIRST_NAMES, "JEAN- PIERRE").has(InsError.TRAIT_EDGE)).isTrue();
        assertThat(TraitNormalizer.validate(Trait.FIRST_FIRST_NAME, "JEAN'").has(InsError.TRAIT_EDGE)).isTrue();
        assertThat(TraitNormalizer.isValid(Trait.BIRTH_FIRST_NAMES, "PIERRE-ALAIN MURIEL FLORIANT")).isTrue();
        assertThat(TraitNormalizer.normalize(Trait.BIRTH_FIRST_NAMES, "Pierre-Alain  Muriel").parts())
                .isEqualTo(List.of("PIERRE-ALAIN", "MURIEL"));
    }

    @Test
    void emptyIsRefused() {
        assertThat(TraitNormalizer.normalize(Trait.BIRTH_NAME, "   ").problems().has(InsError.TRAIT_EMPTY)).isTrue();
        assertThat(TraitNormalizer.validate(Trait.BIRTH_NAME, null).has(InsError.TRAIT_EMPTY)).isTrue();
    }

    @Test
    void onlyTextTraits() {
        assertThatThrownBy(() -> TraitNormalizer.validate(Trait.SEX, "M")).isInstanceOf(IllegalArgumentException.class);
    }
}
