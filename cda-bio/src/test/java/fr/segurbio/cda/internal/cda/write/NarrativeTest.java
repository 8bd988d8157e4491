package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The narrative of a result entry and its IDs. */
class NarrativeTest {

    @Test
    void everyReferenceOfTheEntriesResolvesInTheNarrative() throws Exception {
        Fragment f = EntryFixture.written();
        for (String ref : f.strings("//h:entry//h:reference/@value")) {
            assertThat(f.count("/h:fragment/h:text//*[@ID='" + ref.substring(1) + "']")).as(ref).isEqualTo(1);
        }
        assertThat(f.strings("//h:entry//h:reference/@value")).hasSizeGreaterThanOrEqualTo(8);
        for (String media : f.strings("/h:fragment/h:text//h:renderMultiMedia/@referencedObject")) {
            assertThat(f.count("//h:entry//h:observationMedia[@ID='" + media + "']")).isEqualTo(1);
        }
    }

    @Test
    void theNarrativeTableShowsValuesRangesInterpretationsAndHistory() throws Exception {
        Fragment f = EntryFixture.written();
        assertThat(f.strings("/h:fragment/h:text/h:table/h:thead/h:tr/h:th")).containsExactly("Examen", "Résultat",
                "Valeurs de référence", "Interprétation", "Antériorités");
        assertThat(f.string("/h:fragment/h:text/h:paragraph[1]"))
                .startsWith("Prélèvement : Sérum, prélevé le 04/01/2024 07:35");
        String urea = "/h:fragment/h:text/h:table/h:tbody/h:tr[1]";
        assertThat(f.string(urea + "/h:td[2]/h:content[@styleCode='Bold']")).isEqualTo("10.02 mmol/L");
        assertThat(f.string(urea + "/h:td[5]")).isEqualTo("12/09/2023 08:15 : 8.5 mmol/L");
        assertThat(f.strings("/h:fragment/h:text/h:table/h:tbody/h:tr/h:td[2]")).contains("Non réalisé");
        assertThat(f.strings("//h:tbody/h:tr/h:td[@colspan='5']/h:content[@styleCode='Bold']"))
                .containsExactly("Escherichia coli", "Antibiogramme");
        assertThat(f.string("/h:fragment/h:text/h:paragraph[last()]")).startsWith("Résultats validés par ");
    }
}
