package fr.segurbio.testkit.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ITI-18 (TD3.1), ITI-43 (TD3.2) and TD0.2 against the simulator. */
class DmpQueryIT extends DmpFixture {

    static String ins;
    static TestSubmission report;

    @BeforeAll
    static void feed() {
        ins = newPatient();
        report = crBio(ins);
        success(submit(ins, report));
    }

    static String approved() {
        return "('" + DmpQueries.APPROVED + "')";
    }

    @Test
    void findDocumentsReturnsTheLeafClassMetadata() {
        DmpTestClient.Response r = call(DmpTransaction.ITI_18, ins, DmpQueries.findDocuments(cx(ins), approved()));
        success(r);
        String t = r.text();
        assertThat(t).contains(report.n3().uniqueId, report.n1().uniqueId, "repositoryUniqueId",
                DmpService.REPOSITORY_UNIQUE_ID, entryUuid(report.n3().uniqueId), "versionName=\"1\"",
                DmpTransaction.ITI_18.responseAction());
        assertThat(count(t, "<rim:ExtrinsicObject")).isEqualTo(3);
    }

    @Test
    void findDocumentsFilters() {
        String n1Only = DmpQueries.findDocuments(cx(ins), approved(), "$XDSDocumentEntryFormatCode",
                "('urn:ihe:iti:xds-sd:pdf:2008^^1.3.6.1.4.1.19376.1.2.3')");
        DmpTestClient.Response r = call(DmpTransaction.ITI_18, ins, n1Only);
        assertThat(count(r.text(), "<rim:ExtrinsicObject")).isEqualTo(1);
        assertThat(r.text()).contains(report.n1().uniqueId).doesNotContain(report.n3().uniqueId);
        String reports = DmpQueries.findDocuments(cx(ins), approved(), "$XDSDocumentEntryClassCode",
                "('10^^1.2.250.1.213.1.1.4.1')", "$XDSDocumentEntryTypeCode", "('11502-2^^2.16.840.1.113883.6.1')");
        assertThat(count(call(DmpTransaction.ITI_18, ins, reports).text(), "<rim:ExtrinsicObject")).isEqualTo(2);
        String noneOfThatType = DmpQueries.findDocuments(cx(ins), approved(), "$XDSDocumentEntryTypeCode",
                "('11488-4^^2.16.840.1.113883.6.1')");
        assertThat(call(DmpTransaction.ITI_18, ins, noneOfThatType).text()).doesNotContain("<rim:ExtrinsicObject");
        String created = DmpQueries.findDocuments(cx(ins), approved(), "$XDSDocumentEntryCreationTimeFrom",
                "20260102000000", "$XDSDocumentEntryCreationTimeTo", "20260103");
        assertThat(count(call(DmpTransaction.ITI_18, ins, created).text(), "<rim:ExtrinsicObject")).isEqualTo(3);
        String before = DmpQueries.findDocuments(cx(ins), approved(), "$XDSDocumentEntryCreationTimeTo", "2025");
        assertThat(call(DmpTransaction.ITI_18, ins, before).text()).doesNotContain("<rim:ExtrinsicObject");
        String normal = DmpQueries.findDocuments(cx(ins), approved(), "$XDSDocumentEntryConfidentialityCode",
                "('N^^2.16.840.1.113883.5.25')");
        assertThat(count(call(DmpTransaction.ITI_18, ins, normal).text(), "<rim:ExtrinsicObject")).isEqualTo(3);
    }

    @Test
    void getDocumentsByUniqueIdGivesTheEntryUuid() {
        DmpTestClient.Response r = call(DmpTransaction.ITI_18, ins,
                DmpQueries.getDocuments(report.n3().uniqueId, "ObjectRef"));
        success(r);
        assertThat(r.text()).contains("<rim:ObjectRef id=\"" + entryUuid(report.n3().uniqueId) + "\"/>");
        DmpTestClient.Response leaf = call(DmpTransaction.ITI_18, ins,
                DmpQueries.getDocuments(report.n1().uniqueId, "LeafClass"));
        assertThat(count(leaf.text(), "<rim:ExtrinsicObject")).isEqualTo(1);
    }

    @Test
    void queryErrors() {
        failure(call(DmpTransaction.ITI_18, ins, DmpQueries.findDocuments(cx(ins), approved())
                .replace("14d4debf-8f97-4251-9a74-a90016b0af0d", "12941a89-e02e-4be5-967c-ce4bfc8fe492")),
                DmpErrorCode.UNKNOWN_STORED_QUERY);
        String noStatus = DmpQueries.findDocuments(cx(ins), approved()).replaceAll(
                "<rim:Slot name=\"\\$XDSDocumentEntryStatus\">.*?</rim:Slot>", "");
        failure(call(DmpTransaction.ITI_18, ins, noStatus), DmpErrorCode.STORED_QUERY_PARAM);
        String other = newPatient();
        failure(call(DmpTransaction.ITI_18, other, DmpQueries.findDocuments(cx(ins), approved())),
                DmpErrorCode.PATIENT_ID_DOES_NOT_MATCH);
        String closed = newPatient();
        dmp.patient(closed).dmpState(DmpState.CLOSED);
        failure(call(DmpTransaction.ITI_18, closed, DmpQueries.findDocuments(cx(closed), approved())),
                DmpErrorCode.DMP_CLOSED);
    }

    @Test
    void retrieveAnswersTheDocumentsAsMtomParts() {
        DmpTestClient.Response r = call(DmpTransaction.ITI_43, ins,
                DmpQueries.retrieve(DmpService.REPOSITORY_UNIQUE_ID, report.n3().uniqueId, report.n1().uniqueId));
        success(r);
        assertThat(r.contentType()).startsWith("multipart/related").contains("application/xop+xml");
        String t = r.text();
        assertThat(t).contains("<xdsb:mimeType>text/xml</xdsb:mimeType>", DmpTransaction.ITI_43.responseAction());
        String cid = t.substring(t.indexOf("href=\"cid:") + 10, t.indexOf('"', t.indexOf("href=\"cid:") + 10));
        assertThat(r.part(cid)).isEqualTo(report.n3().content);
        assertThat(count(t, "<xop:Include")).isEqualTo(2);
    }

    @Test
    void retrieveErrorsAndPartialSuccess() {
        failure(call(DmpTransaction.ITI_43, ins, DmpQueries.retrieve(DmpService.REPOSITORY_UNIQUE_ID, "1.2.3.4.5")),
                DmpErrorCode.DOCUMENT_UNIQUE_ID_ERROR);
        failure(call(DmpTransaction.ITI_43, ins, DmpQueries.retrieve("1.2.3", report.n3().uniqueId)),
                DmpErrorCode.UNKNOWN_REPOSITORY_ID);
        DmpTestClient.Response partial = call(DmpTransaction.ITI_43, ins,
                DmpQueries.retrieve(DmpService.REPOSITORY_UNIQUE_ID, report.n3().uniqueId, "1.2.3.4.5"));
        assertThat(partial.text()).contains("ResponseStatusType:PartialSuccess", "XDSDocumentUniqueIdError");
        // another patient's VIHF does not reach this patient's documents
        failure(call(DmpTransaction.ITI_43, newPatient(), DmpQueries.retrieve(DmpService.REPOSITORY_UNIQUE_ID,
                report.n3().uniqueId)), DmpErrorCode.DOCUMENT_UNIQUE_ID_ERROR);
    }

    @Test
    void aDocumentMaskedToProfessionalsIsSeenByItsAuthorOnly() {
        String p = newPatient();
        TestSubmission s = crBio(p);
        s.n1().confidentiality.add("MASQUE_PS^1.2.250.1.213.1.1.4.13");
        s.n3().confidentiality.add("MASQUE_PS^1.2.250.1.213.1.1.4.13");
        success(submit(p, s));
        String find = DmpQueries.findDocuments(cx(p), approved());
        assertThat(count(call(DmpTransaction.ITI_18, p, find).text(), "<rim:ExtrinsicObject")).isEqualTo(3);
        TestVihf otherLab = vihf(p);
        otherLab.attributes.put("Identifiant_Structure", "10B0000002");
        DmpTestClient.Response r = client.send(DmpTransaction.ITI_18, otherLab.securityXml(), find, Map.of());
        assertThat(count(r.text(), "<rim:ExtrinsicObject")).isEqualTo(1);
        assertThat(r.text()).doesNotContain(s.n3().uniqueId);
        failure(client.send(DmpTransaction.ITI_43, vihfOf(otherLab), DmpQueries.retrieve(
                DmpService.REPOSITORY_UNIQUE_ID, s.n3().uniqueId), Map.of()), DmpErrorCode.DOCUMENT_UNIQUE_ID_ERROR);
    }

    private static String vihfOf(TestVihf v) {
        v.id = "_" + java.util.UUID.randomUUID();
        return v.securityXml();
    }

    // ------------------------------------------------------------------ TD0.2

    @Test
    void existenceOfAnActiveDmpWithItsAuthorisationAndOppositions() {
        String p = newPatient();
        dmp.patient(p).opposition(DmpOpposition.BRIS_DE_GLACE);
        DmpTestClient.Response r = call(DmpTransaction.TD0_2, p, DmpQueries.existence(p, TestVihf.TEST_OID));
        assertThat(r.status()).isEqualTo(200);
        String t = r.text();
        assertThat(t).contains("<PRPA_IN201308UV02", "<typeCode code=\"AA\"/>", "<queryResponseCode code=\"OK\"/>",
                "code=\"DMP_STATUT\"", "code=\"ACTIF\"", "code=\"AUTORISATION\"", "code=\"VALIDE\"",
                "code=\"OPPOSITION_BRIS_DE_GLACE\" codeSystem=\"1.2.250.1.213.4.1.2.3\"/><value xsi:type=\"BL\" value=\"true\"",
                "code=\"OPPOSITION_ACCES_URGENCE\" codeSystem=\"1.2.250.1.213.4.1.2.3\"/><value xsi:type=\"BL\" value=\"false\"",
                "extension=\"" + p + "\"", "<targetMessage><id root=\"1.2.250.1.999.3\" extension=\"msg-1\"/>",
                "urn:hl7-org:v3:PRPA_IN201308UV02");
    }

    @Test
    void existenceOfAClosedOrAbsentDmp() {
        String closed = newPatient();
        dmp.patient(closed).dmpState(DmpState.CLOSED).authorization(DmpAuthorization.FORBIDDEN);
        String t = call(DmpTransaction.TD0_2, closed, DmpQueries.existence(closed, TestVihf.TEST_OID)).text();
        assertThat(t).contains("code=\"FERME\"", "code=\"INTERDIT\"", "<queryResponseCode code=\"OK\"/>");
        String absent = "1799999999998";
        String a = call(DmpTransaction.TD0_2, absent, DmpQueries.existence(absent, TestVihf.TEST_OID)).text();
        assertThat(a).contains("<queryResponseCode code=\"NF\"/>").doesNotContain("DMP_STATUT");
    }

    @Test
    void existenceForAnotherPatientThanTheVihfsIsRefused() {
        String p = newPatient();
        fault(call(DmpTransaction.TD0_2, p, DmpQueries.existence(newPatient(), TestVihf.TEST_OID)),
                DmpFaultCode.VIHF_ATTRIBUTE);
        fault(call(DmpTransaction.TD0_2, p, DmpQueries.existence(p, TestVihf.TEST_OID).replace("TEST_EXST", "CREA_RD")),
                DmpFaultCode.INVALID_MESSAGE);
    }
}
