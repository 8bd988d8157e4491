package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.internal.CrBioVocabulary;

/** The result entry act. */
class EntriesPartTest {

    @Test
    void theEntryHoldsSpecimenResultsImageAndCommentInOrder() throws Exception {
        Fragment f = EntryFixture.written();
        assertThat(f.strings("/h:fragment/h:entry/h:templateId/@root"))
                .containsExactly(CrBioVocabulary.T_DATA_PROCESSING_ENTRY, CrBioVocabulary.T_FR_DATA_PROCESSING_ENTRY);
        assertThat(f.children("/h:fragment/h:entry/h:act")).containsExactly("code", "statusCode", "participant",
                "entryRelationship", "entryRelationship", "entryRelationship", "entryRelationship",
                "entryRelationship", "entryRelationship");
        assertThat(f.strings("/h:fragment/h:entry/h:act/h:participant/h:templateId/@root"))
                .containsExactly(CrBioVocabulary.T_AUTHENTICATOR, CrBioVocabulary.T_FR_VALIDATOR);
        String received = "//h:procedure/h:entryRelationship/h:act";
        assertThat(f.string(received + "/h:code/@codeSystem")).isEqualTo(CodeSystems.IHE_ACT_CODE);
        assertThat(f.string(received + "/h:code/@codeSystemName")).isEqualTo("IHEActCode");
        assertThat(f.string(received + "/h:effectiveTime/@value")).isEqualTo("20240104075500+0100");
        assertThat(f.string("//h:act/h:entryRelationship[@typeCode='SUBJ']/h:act/h:code/@code")).isEqualTo("48767-8");
    }
}
