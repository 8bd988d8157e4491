package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.internal.CrBioVocabulary;

/** The header's participants. */
class ParticipantsPartTest {

    @Test
    void participantsHaveTheirTemplateIdsFunctionsAndOrganizations() throws Exception {
        Fragment f = Fragment.of(out -> ParticipantsPart.header(out, WriteFixtures.sample()));
        assertThat(f.strings("//h:intendedRecipient/h:templateId/@root"))
                .containsOnly(CrBioVocabulary.T_INTENDED_RECIPIENT).hasSize(2);
        assertThat(f.string("//h:participant[@typeCode='REF']/h:templateId/@root"))
                .isEqualTo(CrBioVocabulary.T_ORDERING_PROVIDER);
        assertThat(f.string("//h:participant[@typeCode='REF']/h:time/@xsi:type")).isEqualTo("IVL_TS");
        assertThat(f.string("//h:participant[@typeCode='PRF']/h:functionCode/@code")).isEqualTo("PRELV");
        // the practice setting is written for the legal authenticator, not for the author
        assertThat(f.count("//h:legalAuthenticator//h:standardIndustryClassCode")).isEqualTo(1);
        assertThat(f.count("//h:author//h:standardIndustryClassCode")).isZero();
        assertThat(f.string("//h:custodian//h:representedCustodianOrganization/h:name"))
                .isEqualTo("Laboratoire des charmes");
        assertThat(f.string("//h:authenticator/h:signatureCode/@code")).isEqualTo("S");
    }
}
