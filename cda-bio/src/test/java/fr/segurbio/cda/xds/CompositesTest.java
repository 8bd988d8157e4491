package fr.segurbio.cda.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.PersonName;
import fr.segurbio.core.ErrorCode;
import fr.segurbio.ins.Ins;

/** CX, XCN, XON and HD: the DMP's forms (dmp.md §9, hl7v2.md §2.8), escaping, round trips and bad input. */
class CompositesTest {

    // ------------------------------------------------------------------ dmp.md §9's forms

    @Test
    void thePatientIdIsTheInsTypedNh() {
        Cx ins = Cx.ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"));
        assertThat(ins.format()).isEqualTo("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH");
        assertThat(Cx.parse(ins.format())).isEqualTo(ins);
        assertThat(ins.assigningAuthority().oid()).contains("1.2.250.1.213.1.4.10");
    }

    @Test
    void theSourcePatientIdIsTheIppTypedPi() {
        assertThat(Cx.local(InstanceId.of("1.2.3.4.567.8.9.10", "1234567890121")).format())
                .isEqualTo("1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI");
        assertThat(Cx.local(InstanceId.of("1.2.3.4.567.8.9.10")).format()).isEqualTo("1.2.3.4.567.8.9.10");
    }

    @Test
    void theAuthorPersonIsTheIdNatPsTypedIdnpsWithADisplayName() {
        HealthProfessional bio = HealthProfessional.builder().id(InstanceId.idNatPs("801234534765"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR")).build();
        Xcn xcn = Xcn.of(bio);
        assertThat(xcn.format()).isEqualTo("801234534765^CAMPARINI^Marcel^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        assertThat(Xcn.parse(xcn.format())).isEqualTo(xcn);
        assertThat(xcn).isEqualTo(Xcn.builder().id("801234534765").familyName("CAMPARINI").givenName("Marcel")
                .assigningAuthority(Hd.iso(CodeSystems.ID_NAT_PS)).nameTypeCode(Xcn.DISPLAY_NAME)
                .identifierTypeCode(Xcn.IDNPS).build());
    }

    @Test
    void theAuthorInstitutionIsTheIdNatStructTypedIdnst() {
        Organization lab = new Organization(InstanceId.idNatStruct("1120459876"), "Laboratoire des charmes", null,
                List.of(), null);
        Xon xon = Xon.of(lab);
        assertThat(xon.format()).isEqualTo("Laboratoire des charmes^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1120459876");
        assertThat(Xon.parse(xon.format())).isEqualTo(xon);
    }

    @Test
    void anIdentifierOutsideTheNationalRootsIsUntyped() {
        HealthProfessional local = HealthProfessional.builder().id(InstanceId.of("1.2.250.1.213.1.1.9", "DR-42"))
                .name(PersonName.of("Jean", "MARTIN")).build();
        assertThat(Xcn.of(local).format()).isEqualTo("DR-42^MARTIN^Jean^^^^^^&1.2.250.1.213.1.1.9&ISO^D");
        Organization org = new Organization(InstanceId.of("1.2.250.1.213.1.1.9.3"), "Labo", null, List.of(), null);
        // an OID as organization identifier goes in XON-10 with XON-6 empty (IHE ITI TF-3)
        assertThat(Xon.of(org).format()).isEqualTo("Labo^^^^^^^^^1.2.250.1.213.1.1.9.3");
    }

    @Test
    void theHl7v2VoletsFormsParseAndFormatBack() {
        // hl7v2.md §2.8 (PRT-5 and PRT-8 of the Ségur examples), §4 (PID-3 rep 1)
        for (String xcn : new String[] {
            "801234567866^DIAZ^Thierry^^^^^^ASIP-SANTE-PS&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS",
            "279035121518989^PAT-TROIS^DOMINIQUE^^^^^^1.2.250.1.213.1.4.10^L^^^INS"}) {
            assertThat(Xcn.parse(xcn).format()).isEqualTo(xcn);
        }
        Xon labo = Xon.parse("labo^^^^^ASIP-SANTE-ST&1.2.250.1.71.4.2.2&ISO^FINEG^^^1120459876");
        assertThat(labo.identifierTypeCode()).isEqualTo(Xon.FINEG);
        assertThat(labo.assigningAuthority().namespaceId()).isEqualTo("ASIP-SANTE-ST");
        assertThat(labo.format()).isEqualTo("labo^^^^^ASIP-SANTE-ST&1.2.250.1.71.4.2.2&ISO^FINEG^^^1120459876");
        Cx ipp = Cx.parse("000003^^^CHU-X&000897406&N^PI");
        assertThat(ipp.assigningAuthority()).isEqualTo(new Hd("CHU-X", "000897406", "N"));
        assertThat(ipp.format()).isEqualTo("000003^^^CHU-X&000897406&N^PI");
    }

    // ------------------------------------------------------------------ escaping

    @Test
    void delimitersInNamesAreEscapedAndReadBack() {
        Xon xon = Xon.builder().name("Dupont & Fils^SA~2|\\").assigningAuthority(Hd.iso(CodeSystems.ID_NAT_STRUCT))
                .identifierTypeCode(Xon.IDNST).organizationIdentifier("1&2").build();
        assertThat(xon.format())
                .isEqualTo("Dupont \\T\\ Fils\\S\\SA\\R\\2\\F\\\\E\\^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1\\T\\2");
        assertThat(Xon.parse(xon.format())).isEqualTo(xon);
        Xcn xcn = Xcn.builder().id("8^1").familyName("O'NEIL&CO").givenName("Anne~Marie").build();
        assertThat(xcn.format()).isEqualTo("8\\S\\1^O'NEIL\\T\\CO^Anne\\R\\Marie");
        assertThat(Xcn.parse(xcn.format())).isEqualTo(xcn);
        Hd hd = new Hd("A&B", null, null);
        assertThat(hd.format()).isEqualTo("A\\T\\B");
        assertThat(Hd.parse(hd.format())).isEqualTo(hd);
    }

    // ------------------------------------------------------------------ bad input

    @ParameterizedTest
    @ValueSource(strings = {"123^^^&1.2.3&ISO^PI^^20101207", "123^9^M10^&1.2.3&ISO^PI", "123^^^&1.2.3&ISO^PI^FAC"})
    void aCxComponentNotModelledIsRefusedNotDropped(String value) {
        assertProblem(() -> Cx.parse(value), XdsError.UNSUPPORTED_COMPONENT);
    }

    @Test
    void malformedCompositesAreCodedProblems() {
        assertProblem(() -> Cx.parse(""), XdsError.MISSING_COMPONENT);
        assertProblem(() -> Cx.parse("^^^&1.2.3&ISO^PI"), XdsError.MISSING_COMPONENT);
        assertProblem(() -> Cx.parse("1~2"), XdsError.STRAY_DELIMITER);
        assertProblem(() -> Cx.parse("1|2"), XdsError.STRAY_DELIMITER);
        assertProblem(() -> Cx.parse("123^^^&not-an-oid&ISO^PI"), XdsError.BAD_COMPONENT);
        assertProblem(() -> Cx.parse("123^^^a&b&c&d^PI"), XdsError.UNSUPPORTED_COMPONENT);
        assertProblem(() -> Cx.parse("12\\Q\\3"), XdsError.BAD_ESCAPE);
        assertProblem(() -> Cx.parse("123&4"), XdsError.UNSUPPORTED_COMPONENT);
        assertProblem(() -> Xcn.parse("^^Marcel"), XdsError.MISSING_COMPONENT);
        assertProblem(() -> Xcn.parse("8^CAMPARINI^Marcel^^^DR"), XdsError.UNSUPPORTED_COMPONENT);
        assertProblem(() -> Xcn.parse("8^CAMPARINI&Van^Marcel"), XdsError.UNSUPPORTED_COMPONENT);
        assertProblem(() -> Xcn.parse("^CAMPARINI^^^^^^^&1.2.250.1.71.4.2.1&ISO"), XdsError.MISSING_COMPONENT);
        assertProblem(() -> Xcn.parse("8^A^B^^^^^^^^^^^^^^^^^^^^^^X"), XdsError.UNSUPPORTED_COMPONENT);
        assertProblem(() -> Xon.parse("^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1"), XdsError.MISSING_COMPONENT);
        assertProblem(() -> Xon.parse("Labo^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST"), XdsError.MISSING_COMPONENT);
        assertProblem(() -> Xon.parse("Labo^L^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1"), XdsError.UNSUPPORTED_COMPONENT);
        assertProblem(() -> Hd.parse("&&ISO"), XdsError.MISSING_COMPONENT);
        assertProblem(() -> new Hd("NS", null, "ISO"), XdsError.MISSING_COMPONENT);
    }

    @Test
    void aProblemNamesTheComponentInBothLanguages() {
        assertThatThrownBy(() -> Xcn.parse("8^CAMPARINI^Marcel^^^DR"))
                .isInstanceOfSatisfying(CdaException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("XCN-6");
                        assertThat(p.messageFr()).contains("« DR »").contains("serait perdu");
                        assertThat(p.messageEn()).contains("\"DR\"").contains("would be lost");
                    });
                });
    }

    @Test
    void anAuthorSpecialtyIsCodeDisplayAndSystem() {
        HealthProfessional gp = HealthProfessional.builder().id(InstanceId.idNatPs("810002422979"))
                .profession(Code.of("G15_10/SM26", CodeSystems.PROFESSION,
                        "Médecin - Qualifié en médecine générale (SM)"))
                .name(PersonName.of("Pascal", "CHARLES")).build();
        assertThat(XdsMetadata.Author.of(gp).specialtyValue())
                .contains("G15_10/SM26^Médecin - Qualifié en médecine générale (SM)^1.2.250.1.213.1.1.4.5");
        assertThat(XdsMetadata.Author.of(gp).institution()).isEmpty();
    }

    static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
