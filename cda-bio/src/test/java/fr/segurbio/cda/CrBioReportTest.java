package fr.segurbio.cda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import fr.segurbio.core.Problem;
import fr.segurbio.ins.Ins;

class CrBioReportTest {

    @Test
    void aReportWithoutResultsCannotBeBuilt() {
        assertThatThrownBy(() -> ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie")).build())
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.NO_RESULT));
        CrBioReport.Builder b = Fixtures.report(Fixtures.patient().build());
        // a builder with chapters removed: rebuild one without any chapter
        CrBioReport full = b.build();
        CrBioReport.Builder empty = copyHeader(full);
        assertThatThrownBy(empty::build).isInstanceOfSatisfying(CdaException.class,
                e -> assertThat(codes(e)).containsExactly(CdaError.NO_RESULT));
    }

    @Test
    void aReportWithoutAValidatingBiologistCannotBeBuilt() {
        CrBioReport full = Fixtures.report();
        CrBioReport.Builder b = copyHeader(full).legalAuthenticator(null);
        full.chapters().forEach(b::chapter);
        assertThatThrownBy(b::build).isInstanceOfSatisfying(CdaException.class, e -> {
            assertThat(codes(e)).containsExactly(CdaError.NO_VALIDATING_BIOLOGIST);
            assertThat(e.messageFr()).contains("biologiste validateur");
        });
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> CrBioReport.builder().build()).isInstanceOfSatisfying(CdaException.class, e -> {
            assertThat(codes(e)).contains(CdaError.MISSING, CdaError.NO_RESULT, CdaError.NO_VALIDATING_BIOLOGIST);
            assertThat(e.problems().stream().map(Problem::path)).contains("id", "patient", "encounter");
        });
    }

    @Test
    void aUnitUcumRejectsIsRefused() {
        assertThatThrownBy(() -> ResultValue.quantity("4.2", "mmol/l/zz"))
                .isInstanceOfSatisfying(CdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(CdaError.BAD_UNIT);
                    assertThat(e.getMessage()).contains("CDA-005");
                });
        assertThatThrownBy(() -> ReferenceRange.between("1", "2", "UI/L"))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_UNIT));
        assertThat(ResultValue.quantity("1.950", "m[IU]/L").unit()).isEqualTo("m[IU]/L");
    }

    @Test
    void aLoincCodeWithAWrongCheckDigitIsRefused() {
        assertThatThrownBy(() -> Code.loinc("3016-4", "TSH")).isInstanceOfSatisfying(CdaException.class, e -> {
            assertThat(e.code()).isEqualTo(CdaError.BAD_LOINC);
            assertThat(e.getMessage()).contains("3016-4");
        });
        assertThatThrownBy(() -> Code.loinc("30163", "TSH"))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_LOINC));
        assertThat(Code.loinc("3016-3", "TSH").isLoinc()).isTrue();
    }

    @Test
    void aQualifiedInsNeedsItsTraits() {
        Patient.Builder b = Patient.builder().ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), true)
                .localId(InstanceId.of("1.2.3.4", "42")).birthFamilyName("PAT-TROIS").gender(Gender.F);
        assertThatThrownBy(b::build).isInstanceOfSatisfying(CdaException.class, e -> {
            assertThat(e.code()).isEqualTo(CdaError.INS_TRAITS_MISSING);
            assertThat(e.getMessage()).contains("birthDate", "birthPlace", "firstBirthGivenName");
        });
    }

    @Test
    void aPatientWithoutInsIsAcceptedWithTheLocalIdentifier() {
        Patient p = Patient.builder().localId(InstanceId.of("1.2.3.4", "42")).birthFamilyName("DUPONT")
                .gender(Gender.M).build();
        assertThat(p.shareableIns()).isEmpty();
        CrBioReport r = Fixtures.report(p).build();
        assertThat(r.notices().problems()).extracting(Problem::code).containsExactly(CdaError.INS_NOT_QUALIFIED);
    }

    @Test
    void thePatientComesFromAnInsCoreIdentity() {
        fr.segurbio.ins.IdentityTraits traits = fr.segurbio.ins.IdentityTraits.builder().birthName("ADRUN")
                .birthFirstNames("ZOE MARIE").firstFirstName("ZOE").sex(fr.segurbio.ins.Sex.F)
                .birthDate(java.time.LocalDate.of(1975, 12, 31))
                .birthPlace(fr.segurbio.ins.BirthPlace.of("63220")).build();
        fr.segurbio.ins.PatientIdentity.Builder identity = fr.segurbio.ins.PatientIdentity.builder().traits(traits)
                .ins(Ins.of("275126322074974", "1.2.250.1.213.1.4.8"))
                .localIdentifier(fr.segurbio.ins.LocalIdentifier.of("IPP-42", "1.2.3.4"));
        Patient qualified = Patient.builder()
                .identity(identity.retrievedFromInsi(true).checkedOn(fr.segurbio.ins.HighTrustDocument.values()[0]).build())
                .build();
        assertThat(qualified.shareableIns()).isPresent();
        assertThat(qualified.localId()).isEqualTo(InstanceId.of("1.2.3.4", "IPP-42"));
        assertThat(qualified.birthGivenNames()).contains("ZOE MARIE");
        Patient provisional = Patient.builder().identity(identity.retrievedFromInsi(false).build()).build();
        assertThat(provisional.isInsQualified()).isFalse();
        assertThat(Fixtures.report(provisional).build().notices().problems()).extracting(Problem::code)
                .containsExactly(CdaError.INS_NOT_QUALIFIED);
    }

    @Test
    void structureRulesAreEnforced() {
        ResultEntry entry = ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie")).result(Fixtures.tsh(1)).build();
        assertThatThrownBy(() -> new Chapter(Code.loinc("18719-5", "Biochimie"), "B", entry,
                List.of(new SubChapter(null, "S", entry))))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_STRUCTURE));
        // a chapter may be coded in any code system (the volet binds none); a sub-chapter's code is LOINC (IHE)
        assertThat(Chapter.withEntry(Code.of("X", "1.2.3", null), "B", entry).code().codeSystem()).isEqualTo("1.2.3");
        assertThatThrownBy(() -> new SubChapter(Code.of("X", "1.2.3", null), "S", entry))
                .isInstanceOfSatisfying(CdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(CdaError.BAD_VALUE);
                    assertThat(e.getMessage()).contains("S_laboratoryReportItem");
                });
        assertThatThrownBy(() -> Observation.builder().loinc(Code.loinc("3016-3", "TSH")).label("TSH").build())
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.MISSING));
        assertThatThrownBy(() -> Observation.builder().label("TSH").value(ResultValue.text("x")).build())
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.MISSING));
        assertThatThrownBy(() -> new Address(List.of("a"), "75001", "PARIS", null).otherParts().add(null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Address.builder().city("PARIS").part("streetName", "x").build())
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_VALUE));
        assertThatThrownBy(() -> Address.unknown("XYZ"))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_VALUE));
        assertThat(new Address(List.of("a", "b", "c"), "75001", "PARIS", null).streetLines()).hasSize(3);
        assertThatThrownBy(() -> InstanceId.of("not an oid"))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_IDENTIFIER));
    }

    @Test
    void theReportCountsItsObservations() {
        assertThat(Fixtures.report().observationCount()).isEqualTo(14);
    }

    @Test
    void recipientsAreKeptInOrderAndTheListIsImmutable() {
        CrBioReport r = Fixtures.report();
        assertThat(r.recipients()).extracting(hp -> hp.name().family()).containsExactly("MEDIONI", "FONTAINE");
        assertThat(r.recipients().get(0).organization()).map(Organization::name)
                .contains("Centre de soins le Belvédère");
        assertThatThrownBy(() -> r.recipients().add(Fixtures.correspondent()))
                .isInstanceOf(UnsupportedOperationException.class);
        CrBioReport none = copyHeader(r).chapter(r.chapters().get(0)).build();
        assertThat(none.recipients()).isEmpty();
        assertThatThrownBy(() -> CrBioReport.builder().recipient(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRecipientNotIdentifiedByAnIdNatPsOrGivenTwiceIsRefused() {
        CrBioReport full = Fixtures.report();
        HealthProfessional local = HealthProfessional.builder().id(InstanceId.of("1.2.250.1.213.1.1.9", "DR-42"))
                .name(new PersonName(null, "Jean", "LOCAL", null)).build();
        CrBioReport.Builder b = copyHeader(full).chapter(full.chapters().get(0))
                .recipient(Fixtures.correspondent()).recipient(local).recipient(Fixtures.correspondent());
        assertThatThrownBy(b::build).isInstanceOfSatisfying(CdaException.class, e -> {
            assertThat(codes(e)).containsExactly(CdaError.BAD_VALUE, CdaError.BAD_VALUE);
            assertThat(e.problems().stream().map(Problem::path)).containsExactly("recipients[1]/id", "recipients[2]/id");
            assertThat(e.getMessage()).contains("1.2.250.1.213.1.1.9^DR-42", "idNat_PS", "twice");
        });
    }

    private static List<fr.segurbio.core.ErrorCode> codes(CdaException e) {
        return e.problems().stream().map(Problem::code).toList();
    }

    private static CrBioReport.Builder copyHeader(CrBioReport r) {
        CrBioReport.Builder b = CrBioReport.builder().id(r.id()).setId(r.setId()).version(1)
                .effectiveTime(r.effectiveTime()).patient(r.patient()).custodian(r.custodian())
                .legalAuthenticator(r.legalAuthenticator()).requestReceived(r.requestReceived())
                .performingLab(r.performingLab()).encounter(r.encounter());
        r.authors().forEach(b::author);
        return b;
    }
}
