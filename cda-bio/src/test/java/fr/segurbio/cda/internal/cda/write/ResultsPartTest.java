package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.internal.CrBioVocabulary;

/** Batteries, isolates and observations. */
class ResultsPartTest {

    @Test
    void resultsAreOrganizersAndObservationsWithTheirTemplateIds() throws Exception {
        Fragment f = EntryFixture.written();
        String urea = "//h:observation[h:code/@code='22664-7' and h:templateId]";
        assertThat(f.strings(urea + "/h:templateId/@root"))
                .containsExactly(CrBioVocabulary.T_RESULT, CrBioVocabulary.T_FR_RESULT);
        assertThat(f.string(urea + "/h:methodCode/h:originalText/h:reference/@value")).startsWith("#met-");
        assertThat(f.string(urea + "/h:entryRelationship[@typeCode='REFR']/h:observation/h:value/@value"))
                .isEqualTo("8.5");
        assertThat(f.string(urea + "/h:referenceRange/h:observationRange/h:value/@xsi:type")).isEqualTo("IVL_PQ");
        assertThat(f.string(urea + "/h:referenceRange/h:observationRange/h:interpretationCode/@code")).isEqualTo("N");
        assertThat(f.string("//h:observation[h:code/@code='5196-1']/h:statusCode/@code")).isEqualTo("aborted");
        assertThat(f.count("//h:observation[h:code/@code='5196-1']/h:value")).isZero();
        String iso = "//h:organizer[@classCode='CLUSTER']";
        assertThat(f.strings(iso + "/h:templateId/@root"))
                .containsExactly(CrBioVocabulary.T_ISOLATE, CrBioVocabulary.T_FR_ISOLATE);
        assertThat(f.string(iso + "/h:specimen/h:specimenRole/h:specimenPlayingEntity/h:code/h:translation/@code"))
                .isEqualTo("562");
        assertThat(f.string(iso + "/h:component/h:organizer[@classCode='BATTERY']/h:templateId[2]/@root"))
                .isEqualTo(CrBioVocabulary.T_FR_BATTERY);
        // a text-only coded value points at its text in the narrative
        assertThat(f.string("//h:observation[h:code/@code='5778-6']/h:value/h:originalText/h:reference/@value"))
                .startsWith("#val-");
        assertThat(f.strings("//h:observation/h:interpretationCode/@codeSystem")).containsOnly(
                CodeSystems.OBSERVATION_INTERPRETATION);
        assertThat(new BigDecimal(f.string(urea + "/h:value/@value"))).isEqualByComparingTo("10.02");
    }
}
