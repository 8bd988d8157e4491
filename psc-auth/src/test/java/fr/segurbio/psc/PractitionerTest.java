package fr.segurbio.psc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.util.JSONObjectUtils;

import fr.segurbio.core.auth.AuthenticatedPractitioner;

class PractitionerTest {

    static final Instant AUTH = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void userInfoReadIntoTheTypedPractitioner() {
        Practitioner p = Practitioner.fromUserInfo(Fixtures.oneSituation());
        assertThat(p.nationalId()).isEqualTo(Fixtures.NATIONAL_ID);
        assertThat(p.rpps()).contains(Fixtures.RPPS);
        assertThat(p.civilityCode()).contains("MME");
        assertThat(p.exercises()).hasSize(1);
        Exercise e = p.exercises().get(0);
        assertThat(e.professionCode()).isEqualTo("21");
        assertThat(e.savoirFaireCode()).contains("SM99");
        Activity a = e.activities().get(0);
        assertThat(a.legacyStructureId()).contains("3750000001/LAB1");
        assertThat(a.companyName()).contains("Laboratoire des Lilas");
        assertThat(a.siret()).contains("12345678900011");
    }

    @Test
    void mappedToTheVihfAirFields() {
        Practitioner p = Practitioner.fromUserInfo(Fixtures.oneSituation());
        AuthenticatedPractitioner who = p.toAuthenticated(p.onlySituation(), AUTH);
        assertThat(who.nationalId()).isEqualTo(Fixtures.NATIONAL_ID);              // Subject/NameID
        assertThat(who.givenName() + " " + who.familyName()).isEqualTo("Anne BIOLOGISTE");   // subject-id
        assertThat(who.professionCode()).isEqualTo("21");                           // role 1
        assertThat(who.specialtyCode()).contains("SM99");                           // role 2 (profession 21)
        assertThat(who.sectorCode()).isEqualTo("SA07");                             // Secteur_Activite
        assertThat(who.structureId()).isEqualTo("3750000001/LAB1");                 // Identifiant_Structure
        assertThat(who.structureName()).contains("Laboratoire des Lilas");
        assertThat(who.authenticationLevel()).contains("APPPRIP3^1.2.250.1.213.1.5.1.1.1");
        assertThat(who.authenticatedAt()).isEqualTo(AUTH);
    }

    @Test
    void savoirFaireOnlyForMedecinsAndPharmaciens() {
        Practitioner p = Practitioner.fromUserInfo(Fixtures.userInfo(List.of(Fixtures.exercise("60", "X1",
                List.of(Fixtures.activity("3750000001/LAB1", "Labo", "SA07"))))));
        assertThat(p.toAuthenticated(p.onlySituation(), AUTH).specialtyCode()).isEmpty();
    }

    @Test
    void severalSituationsNeedAChoice() {
        Practitioner p = Practitioner.fromUserInfo(Fixtures.twoSituations());
        assertThat(p.situations()).extracting(Situation::key)
                .containsExactly("21@3750000001/LAB1", "21@3750000002/LAB2");
        assertThatThrownBy(p::onlySituation).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.SITUATION_CHOICE_REQUIRED));
        assertThat(p.situation("21@3750000002/LAB2").activity().companyName()).contains("Laboratoire des Roses");
        assertThat(p.situation("3750000002/LAB2").key()).isEqualTo("21@3750000002/LAB2");
        assertThatThrownBy(() -> p.situation("21@nowhere")).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.SITUATION_UNKNOWN));
    }

    @Test
    void noSituationIsATypedError() {
        Practitioner p = Practitioner.fromUserInfo(Fixtures.noSituation());
        assertThatThrownBy(p::onlySituation).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.NO_SITUATION));
        assertThatThrownBy(() -> p.situation("21@x")).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.NO_SITUATION));
        Map<String, Object> withoutRefPro = new LinkedHashMap<>(Fixtures.noSituation());
        withoutRefPro.remove("SubjectRefPro");
        assertThat(Practitioner.fromUserInfo(withoutRefPro).situations()).isEmpty();
    }

    @Test
    void situationWithoutStructureIdCannotMakeAVihf() {
        Map<String, Object> a = Fixtures.activity("3750000001/LAB1", "Labo", "SA07");
        a.remove("ancienIdentifiantDeLaStructure");
        Practitioner p = Practitioner.fromUserInfo(Fixtures.userInfo(List.of(Fixtures.exercise("21", "SM99",
                List.of(a)))));
        assertThatThrownBy(() -> p.toAuthenticated(p.onlySituation(), AUTH)).isInstanceOfSatisfying(
                PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.SITUATION_INCOMPLETE));
    }

    @Test
    void missingSubjectNameIdRefused() {
        Map<String, Object> m = new LinkedHashMap<>(Fixtures.oneSituation());
        m.remove("SubjectNameID");
        assertThatThrownBy(() -> Practitioner.fromUserInfo(m)).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.USERINFO_INVALID));
    }

    @Test
    void subjectRefProAsAJsonStringAccepted() {
        Map<String, Object> m = new LinkedHashMap<>(Fixtures.oneSituation());
        m.put("SubjectRefPro", JSONObjectUtils.toJSONString(castMap(m.get("SubjectRefPro"))));
        assertThat(Practitioner.fromUserInfo(m).situations()).hasSize(1);
    }

    @Test
    void malformedSubjectRefProRefused() {
        Map<String, Object> m = new LinkedHashMap<>(Fixtures.oneSituation());
        m.put("SubjectRefPro", Map.of("exercices", "not an array"));
        assertThatThrownBy(() -> Practitioner.fromUserInfo(m)).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.USERINFO_INVALID));
    }

    @Test
    void cibaRequestNeedsAnElevenDigitRpps() {
        assertThat(CibaRequest.forRpps("10001234567").build().loginHint()).isEqualTo("810001234567");
        assertThatThrownBy(() -> CibaRequest.forRpps("1234")).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.INVALID_CONFIGURATION));
        assertThatThrownBy(() -> CibaRequest.forLoginHint("x").ping(null).build()).isInstanceOfSatisfying(
                PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.INVALID_CONFIGURATION));
    }

    @Test
    void unknownEnvironmentNameRefused() {
        assertThatThrownBy(() -> PscEnvironment.named("recette")).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.INVALID_CONFIGURATION));
    }

    @Test
    void errorMessagesInFrenchAndEnglish() {
        for (PscError e : PscError.values()) {
            assertThat(e.id()).matches("PSC-\\d{3}");
            assertThat(e.frenchTemplate()).isNotBlank().isNotEqualTo(e.englishTemplate());
            assertThat(e.englishTemplate()).isNotBlank();
        }
        PscException e = new PscException(PscError.NO_SITUATION, "810001234567");
        assertThat(e.messageFr()).contains("PSC-061", "aucune situation d'exercice");
        assertThat(e.getMessage()).contains("PSC-061");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
