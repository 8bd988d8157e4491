package fr.segurbio.cda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.ins.AssigningAuthority;

class CrBioVocabularyTest {

    @Test
    void theInsRootsAreInsCoresAssigningAuthorities() {
        assertThat(CrBioVocabulary.INS_ROOTS).containsExactlyInAnyOrder("1.2.250.1.213.1.4.8", "1.2.250.1.213.1.4.9",
                "1.2.250.1.213.1.4.10", "1.2.250.1.213.1.4.11");
        assertThat(CrBioVocabulary.INS_ROOTS)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(AssigningAuthority.values())
                        .map(AssigningAuthority::oid).toList());
        assertThat(CrBioVocabulary.INS_ROOTS).doesNotContainAnyElementsOf(AssigningAuthority.INS_C_OIDS);
    }

    @Test
    void theIdentifierRootsAreSpeltOnce() {
        assertThat(InstanceId.ID_NAT_PS).isSameAs(CodeSystems.ID_NAT_PS).isEqualTo("1.2.250.1.71.4.2.1");
        assertThat(InstanceId.ID_NAT_STRUCT).isSameAs(CodeSystems.ID_NAT_STRUCT).isEqualTo("1.2.250.1.71.4.2.2");
        assertThat(CrBioValidator.CR_BIO_TEMPLATE_ID).isSameAs(CrBioVocabulary.T_CR_BIO);
    }

    @Test
    void theFixedCodesCarryTheirCodeSystemName() {
        assertThat(CrBioVocabulary.COMMENT_SECTION.codeSystemName()).contains("LOINC");
        assertThat(CrBioVocabulary.PDF_COPY_SECTION).isEqualTo(Code.loinc("55108-5", "Copie du document"));
        // IHE's historical typo (1.3.5…) is what the CI-SIS schematron requires
        assertThat(CrBioVocabulary.SPECIMEN_RECEIVED.codeSystem()).isEqualTo("1.3.5.1.4.1.19376.1.5.3.2");
        assertThat(CrBioVocabulary.SPECIMEN_RECEIVED.codeSystemName()).contains("IHEActCode");
    }
}
