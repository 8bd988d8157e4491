package fr.segurbio.ins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.segurbio.core.ValidationResult;

class IdentityTest {

    static IdentityTraits adrun() {
        return IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE").sex(Sex.F)
                .birthDate(LocalDate.of(1975, 12, 31)).birthPlace("63220").build();
    }

    static PatientIdentity qualified() {
        return PatientIdentity.builder().traits(adrun()).ins(Ins.of("275126322074974", "1.2.250.1.213.1.4.8"))
                .retrievedFromInsi(true).checkedOn(HighTrustDocument.CARTE_NATIONALE_IDENTITE)
                .localIdentifier(LocalIdentifier.of("IPP-000123", "1.2.250.1.71.4.2.7.1")).build();
    }

    @Test
    void statusMatrix() {
        assertThat(IdentityStatus.derive(false, false, Set.of())).isEqualTo(IdentityStatus.PROVISOIRE);
        assertThat(IdentityStatus.derive(true, false, Set.of())).isEqualTo(IdentityStatus.RECUPEREE);
        assertThat(IdentityStatus.derive(false, true, Set.of())).isEqualTo(IdentityStatus.VALIDEE);
        assertThat(IdentityStatus.derive(true, true, Set.of())).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(IdentityStatus.derive(true, true, Set.of(IdentityAttribute.HOMONYME)))
                .isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(IdentityStatus.derive(true, true, Set.of(IdentityAttribute.DOUTEUSE)))
                .isEqualTo(IdentityStatus.PROVISOIRE);
        assertThat(IdentityStatus.derive(true, true, Set.of(IdentityAttribute.FICTIVE)))
                .isEqualTo(IdentityStatus.PROVISOIRE);
        assertThat(IdentityStatus.QUALIFIEE.code()).isEqualTo("QUAL");
    }

    @Test
    void onlyAQualifiedIdentityCanBeShared() {
        PatientIdentity q = qualified();
        assertThat(q.status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(q.canBeShared()).isTrue();
        assertThat(q.requireShareable().oid()).isEqualTo("1.2.250.1.213.1.4.8");
        assertThat(q.checkedOn()).contains(HighTrustDocument.CARTE_NATIONALE_IDENTITE);
        assertThat(q.localIdentifier()).hasValueSatisfying(l -> assertThat(l.value()).isEqualTo("IPP-000123"));

        PatientIdentity recup = q.toBuilder().checkedOn(null).build();
        assertThat(recup.status()).isEqualTo(IdentityStatus.RECUPEREE);
        assertThat(recup.canBeShared()).isFalse();
        assertThatThrownBy(recup::requireShareable).isInstanceOf(InsException.class)
                .hasMessageStartingWith("INS-042").hasMessageContaining("RECUPEREE");

        PatientIdentity vali = q.withoutInsi();
        assertThat(vali.status()).isEqualTo(IdentityStatus.VALIDEE);
        assertThat(vali.ins()).isEmpty();
        assertThat(vali.canBeShared()).isFalse();
    }

    @Test
    void doubtfulOrFictitiousForcesProvisionalAndForbidsInsi() {
        PatientIdentity doubtful = qualified().toBuilder().attributes(IdentityAttribute.DOUTEUSE,
                IdentityAttribute.HOMONYME).build();
        assertThat(doubtful.status()).isEqualTo(IdentityStatus.PROVISOIRE);
        assertThat(doubtful.canBeShared()).isFalse();
        assertThat(doubtful.mayCallInsi()).isFalse();
        assertThatThrownBy(doubtful::requireInsiAllowed).hasMessageStartingWith("INS-040");
        assertThatThrownBy(() -> doubtful.withInsiIdentity(Ins.of("275126322074974", "1.2.250.1.213.1.4.8"), adrun()))
                .hasMessageStartingWith("INS-040");

        PatientIdentity homonym = qualified().toBuilder().attributes(IdentityAttribute.HOMONYME).build();
        assertThat(homonym.status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(homonym.mayCallInsi()).isTrue();
    }

    @Test
    void fictiveCannotBeCombined() {
        ValidationResult r = PatientIdentity.builder().traits(adrun())
                .attributes(IdentityAttribute.FICTIVE, IdentityAttribute.HOMONYME).validate();
        assertThat(r.has(InsError.ATTRIBUTES)).isTrue();
    }

    @Test
    void retrievedFromInsiRequiresAnIns() {
        assertThatThrownBy(() -> PatientIdentity.builder().traits(adrun()).retrievedFromInsi(true).build())
                .hasMessageStartingWith("INS-043");
        assertThatThrownBy(() -> PatientIdentity.builder().build()).hasMessageStartingWith("INS-020");
    }

    @Test
    void transitions() {
        PatientIdentity prov = PatientIdentity.builder()
                .traits(IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE").sex(Sex.F)
                        .birthDate(LocalDate.of(1975, 12, 31)).usedName("MARTIN").build())
                .build();
        assertThat(prov.status()).isEqualTo(IdentityStatus.PROVISOIRE);
        PatientIdentity recup = prov.withInsiIdentity(Ins.of("275126322074974", "1.2.250.1.213.1.4.8"), adrun());
        assertThat(recup.status()).isEqualTo(IdentityStatus.RECUPEREE);
        assertThat(recup.traits().birthPlace()).contains(BirthPlace.of("63220"));
        assertThat(recup.traits().usedName()).contains("MARTIN");
        PatientIdentity qual = recup.withDocumentCheck(HighTrustDocument.PASSEPORT);
        assertThat(qual.status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(qual.canBeShared()).isTrue();
    }

    @Test
    void traitsReportEveryProblem() {
        ValidationResult r = IdentityTraits.builder().birthName("Dupont").birthFirstNames("JEAN--LUC")
                .usedName("-X").birthPlace("6322").validate();
        assertThat(r.problems()).extracting(p -> p.code().id())
                .contains("INS-021", "INS-025", "INS-022", "INS-020", "INS-029");
        assertThatThrownBy(() -> IdentityTraits.builder().build()).isInstanceOf(InsException.class);
    }

    @Test
    void firstFirstName() {
        IdentityTraits t = IdentityTraits.builder().birthName("ECETINSI")
                .birthFirstNames("PIERRE-ALAIN MURIEL FLORIANT").sex(Sex.M).birthDate(LocalDate.of(2009, 7, 14))
                .build();
        assertThat(t.firstFirstName()).isEqualTo("PIERRE-ALAIN");
        assertThat(t.birthFirstNames()).containsExactly("PIERRE-ALAIN", "MURIEL", "FLORIANT");
        assertThat(t.toBuilder().firstFirstName("PIERRE-ALAIN MURIEL").build().firstFirstName())
                .isEqualTo("PIERRE-ALAIN MURIEL");
        assertThat(t.toBuilder().firstFirstName("MURIEL").validate().has(InsError.FIRST_FIRST_NAME)).isTrue();
        assertThat(t.toString()).doesNotContain("ECETINSI").doesNotContain("PIERRE");
    }

    @Test
    void comparisonListsTheDifferences() {
        IdentityTraits local = IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE MARIE").sex(Sex.F)
                .birthDate(LocalDate.of(1975, 12, 30)).build();
        TraitComparison c = TraitComparison.compare(local, adrun());
        assertThat(c.isIdentical()).isFalse();
        assertThat(c.differences()).extracting(TraitComparison.Difference::trait)
                .containsExactly(Trait.BIRTH_FIRST_NAMES, Trait.BIRTH_DATE, Trait.BIRTH_PLACE);
        assertThat(c.differences().get(1)).isEqualTo(
                new TraitComparison.Difference(Trait.BIRTH_DATE, "1975-12-30", "1975-12-31"));
        assertThat(c.problems().problems()).hasSize(3).allSatisfy(p -> assertThat(p.code()).isEqualTo(InsError.TRAIT_DIFFERS));
        assertThat(c.problems().problems().get(1).messageFr()).contains("date de naissance");
        assertThat(TraitComparison.compare(adrun(), adrun()).isIdentical()).isTrue();
    }

    @Test
    void unknownBirthDayAndMonth() {
        assertThat(BirthDate.complete(1980, 5, 0).date()).isEqualTo(LocalDate.of(1980, 5, 1));
        assertThat(BirthDate.complete(1980, 0, 17).date()).isEqualTo(LocalDate.of(1980, 1, 17));
        BirthDate both = BirthDate.complete(1980, 0, 0);
        assertThat(both.date()).isEqualTo(LocalDate.of(1980, 12, 31));
        assertThat(both.isFictive()).isTrue();
        assertThat(BirthDate.complete(1980, 5, 17).isFictive()).isFalse();
        assertThat(BirthDate.parse("00/05/1980").date()).isEqualTo(LocalDate.of(1980, 5, 1));
        assertThat(BirthDate.parse("1980-00-00")).isEqualTo(BirthDate.of(LocalDate.of(1980, 12, 31), true));
        ValidationResult w = BirthDate.validate("00/00/1980");
        assertThat(w.isValid()).isTrue();
        assertThat(w.warnings()).extracting(p -> p.code().id()).containsExactly("INS-030");
        assertThat(BirthDate.validate("31/02/1980").has(InsError.BIRTH_DATE_INVALID)).isTrue();
        assertThat(BirthDate.validate("1980/02/01").has(InsError.BIRTH_DATE_INVALID)).isTrue();
        assertThatThrownBy(() -> BirthDate.of(LocalDate.now().plusDays(2))).hasMessageStartingWith("INS-032");
        assertThat(BirthDate.of(LocalDate.of(1975, 12, 31)).toDatamatrix()).isEqualTo("31-12-1975");
    }

    @Test
    void lunarDates() {
        LunarDate d = LunarDate.parse("1980-00-00");
        assertThat(d.isCalendarDate()).isFalse();
        assertThat(d.toBirthDate()).isEqualTo(BirthDate.of(LocalDate.of(1980, 12, 31), true));
        assertThat(d.problems().warnings()).extracting(p -> p.code().id()).containsExactly("INS-033");
        assertThat(LunarDate.parse("1980-02-30").toBirthDate().date()).isEqualTo(LocalDate.of(1980, 2, 1));
        assertThat(LunarDate.parse("1980-13-05").toBirthDate().date()).isEqualTo(LocalDate.of(1980, 1, 5));
        LunarDate real = LunarDate.parse("2009-07-14");
        assertThat(real.isCalendarDate()).isTrue();
        assertThat(real.toBirthDate().isFictive()).isFalse();
        assertThat(real.problems().problems()).isEmpty();
        assertThatThrownBy(() -> LunarDate.parse("14/07/2009")).hasMessageStartingWith("INS-031");
    }

    @Test
    void birthPlace() {
        assertThat(BirthPlace.of("2A004").isAbroad()).isFalse();
        assertThat(BirthPlace.of("99134").isAbroad()).isTrue();
        assertThatThrownBy(() -> BirthPlace.of("2C004")).hasMessageStartingWith("INS-029");
        assertThat(BirthPlace.validate("632200").isValid()).isFalse();
    }

    @Test
    void sexAndLocalIdentifier() {
        assertThat(Sex.fromCode("M")).isEqualTo(Sex.M);
        assertThatThrownBy(() -> Sex.fromCode("I")).hasMessageStartingWith("INS-028");
        assertThatThrownBy(() -> LocalIdentifier.of(" ", "1.2.3")).hasMessageStartingWith("INS-044");
        assertThatThrownBy(() -> LocalIdentifier.of("IPP", "not an oid")).hasMessageStartingWith("INS-044");
        assertThat(List.of(HighTrustDocument.fromCode("PA").orElseThrow(), HighTrustDocument.fromCode("LIVRET_FAMILLE")
                .orElseThrow())).containsExactly(HighTrustDocument.PASSEPORT, HighTrustDocument.LIVRET_FAMILLE);
    }
}
