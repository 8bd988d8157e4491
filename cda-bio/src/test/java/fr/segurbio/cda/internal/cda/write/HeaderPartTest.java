package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.internal.CrBioVocabulary;

/** The CDA header: templateIds, order of the parts, optional parts. */
class HeaderPartTest {

    private static Fragment header(CrBioReport r, DocumentKind kind, InstanceId replaced, String stylesheet)
            throws Exception {
        return Fragment.document(out -> HeaderPart.header(out, r, kind, r.id(), r.setId(), replaced, stylesheet));
    }

    @Test
    void theHeaderOfAnN3AndOfAnN1DifferByTheirTemplateIds() throws Exception {
        CrBioReport r = WriteFixtures.sample();
        Fragment n3 = header(r, DocumentKind.N3, null, "CDA-FO.xsl");
        assertThat(n3.strings("//h:ClinicalDocument/h:templateId/@root")).containsExactly(
                CrBioVocabulary.T_HL7_FRANCE, CrBioVocabulary.T_CI_SIS, CrBioVocabulary.T_XD_LAB,
                CrBioVocabulary.T_CR_BIO);
        assertThat(n3.string("//h:ClinicalDocument/h:templateId[4]/@extension")).isEqualTo("2024.01");
        assertThat(n3.xml).contains("<?xml-stylesheet type=\"text/xsl\" href=\"CDA-FO.xsl\"?>");
        Fragment n1 = header(r, DocumentKind.N1, null, null);
        assertThat(n1.strings("//h:ClinicalDocument/h:templateId/@root")).containsExactly(
                CrBioVocabulary.T_HL7_FRANCE, CrBioVocabulary.T_CI_SIS, CrBioVocabulary.T_XDS_SD);
        assertThat(n1.xml).doesNotContain("xml-stylesheet");
    }

    @Test
    void theHeaderPartsComeInTheSchemasOrder() throws Exception {
        Fragment f = header(WriteFixtures.sample(), DocumentKind.N3, InstanceId.of("1.2.3.4", "OLD"), null);
        assertThat(f.children("//h:ClinicalDocument")).containsExactly("realmCode", "typeId", "templateId",
                "templateId", "templateId", "templateId", "id", "code", "title", "effectiveTime",
                "confidentialityCode", "languageCode", "setId", "versionNumber", "recordTarget", "author", "informant",
                "custodian",
                "informationRecipient", "informationRecipient", "legalAuthenticator", "authenticator", "participant",
                "participant", "inFulfillmentOf", "documentationOf", "documentationOf", "relatedDocument",
                "componentOf");
        assertThat(f.string("//h:relatedDocument[@typeCode='RPLC']/h:parentDocument/h:id/@extension"))
                .isEqualTo("OLD");
        assertThat(f.string("//h:documentationOf[1]/h:serviceEvent/lab:statusCode/@code")).isEqualTo("completed");
        assertThat(f.count("//h:documentationOf[2]/h:serviceEvent/h:performer")).isZero();
    }

    @Test
    void aReportWithoutOptionalPartsHasNoneOfTheirElements() throws Exception {
        Fragment f = header(WriteFixtures.minimal().build(), DocumentKind.N3, null, null);
        assertThat(f.count("//h:informationRecipient | //h:authenticator | //h:participant | //h:inFulfillmentOf"
                + " | //h:relatedDocument")).isZero();
        assertThat(f.count("//h:documentationOf")).isEqualTo(1);
    }
}
