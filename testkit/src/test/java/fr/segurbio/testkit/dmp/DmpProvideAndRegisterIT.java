package fr.segurbio.testkit.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ITI-41 (TD2.1) against the simulator: each DMP rule accepted and refused. */
class DmpProvideAndRegisterIT extends DmpFixture {

    @Test
    void anN3WithItsN1AndTheSignatureDocumentIsStored() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        DmpTestClient.Response r = submit(ins, s);
        success(r);
        assertThat(r.contentType()).startsWith("multipart/related").contains("application/xop+xml");
        assertThat(r.text()).contains(DmpTransaction.ITI_41.responseAction());
        List<DmpDocument> docs = dmp.documents(ins);
        assertThat(docs).extracting(DmpDocument::kind).containsExactlyInAnyOrder(DmpDocument.Kind.N3,
                DmpDocument.Kind.N1, DmpDocument.Kind.SIGNATURE);
        DmpDocument n3 = dmp.document(s.n3().uniqueId).orElseThrow();
        DmpDocument n1 = dmp.document(s.n1().uniqueId).orElseThrow();
        assertThat(n3.transformOf()).isEqualTo(n1.entryUuid());
        assertThat(n3.status()).isEqualTo(DmpDocument.Status.APPROVED);
        assertThat(n3.authorStructure()).isEqualTo(TestVihf.STRUCTURE);
        assertThat(n3.confidentialityCodes()).containsExactly("N");
        assertThat(n3.content()).isEqualTo(s.n3().content);
        assertThat(n3.submissionSetUniqueId()).isEqualTo(s.submissionSetUniqueId);
        assertThat(dmp.submissionCount(s.n3().uniqueId)).isEqualTo(1);
        assertThat(dmp.storedCount(s.n3().uniqueId)).isEqualTo(1);
    }

    @Test
    void anN1AloneIsAccepted() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.docs.remove(s.n3());
        success(submit(ins, s));
        assertThat(dmp.documents(ins)).extracting(DmpDocument::kind).contains(DmpDocument.Kind.N1)
                .doesNotContain(DmpDocument.Kind.N3);
    }

    @Test
    void anN3AloneIsRefused() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.docs.remove(s.n1());
        DmpTestClient.Response r = submit(ins, s);
        failure(r, DmpErrorCode.DMP_N1_N3);
        assertThat(r.text()).contains("sans son N1");
        assertThat(dmp.documents(ins)).isEmpty();
    }

    @Test
    void anN3AndAnN1WithoutXfrmAreRefused() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.xfrm = false;
        failure(submit(ins, s), DmpErrorCode.DMP_N1_N3);
        assertThat(dmp.documents(ins)).isEmpty();
    }

    @Test
    void anXfrmTheWrongWayIsRefused() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.xfrm = false;
        s.extraAssociations.add(TestSubmission.association("xfrm-reverse", "urn:ihe:iti:2007:AssociationType:XFRM",
                "DocN1", "DocN3", ""));
        DmpTestClient.Response r = submit(ins, s);
        failure(r, DmpErrorCode.DMP_N1_N3);
        assertThat(r.text()).contains("un N3 vers un N1 du même lot");
    }

    @Test
    void theSameUniqueIdTwiceIsADuplicate() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        success(submit(ins, s));
        DmpTestClient.Response again = submit(ins, s);
        failure(again, DmpErrorCode.DUPLICATE_UNIQUE_ID);
        assertThat(dmp.submissionCount(s.n3().uniqueId)).isEqualTo(2);
        assertThat(dmp.storedCount(s.n3().uniqueId)).isEqualTo(1);
        assertThat(dmp.documents(ins)).hasSize(3);
    }

    @Test
    void concurrentSubmissionsOfTheSameDocumentsStoreThemOnce() throws Exception {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<DmpTestClient.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> submit(ins, s)));
            }
            int ok = 0;
            for (var f : answers) {
                DmpTestClient.Response r = f.get();
                if (r.text().contains("ResponseStatusType:Success")) {
                    ok++;
                } else {
                    failure(r, DmpErrorCode.DUPLICATE_UNIQUE_ID);
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(dmp.storedCount(s.n3().uniqueId)).isEqualTo(1);
        assertThat(dmp.submissionCount(s.n3().uniqueId)).isEqualTo(4);
        assertThat(dmp.documents(ins)).hasSize(3);
    }

    @Test
    void theSameUniqueIdForAnotherContentIsANonIdenticalHash() {
        String ins = newPatient();
        TestSubmission first = crBio(ins);
        success(submit(ins, first));
        TestSubmission second = crBio(ins);
        second.n3().uniqueId = first.n3().uniqueId;
        second.n3().content = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>autre</title></ClinicalDocument>"
                .getBytes(StandardCharsets.UTF_8);
        DmpTestClient.Response r = submit(ins, second);
        failure(r, DmpErrorCode.NON_IDENTICAL_HASH);
        assertThat(r.text()).doesNotContain(DmpErrorCode.DUPLICATE_UNIQUE_ID.code());
        assertThat(dmp.document(second.n1().uniqueId)).isEmpty();
    }

    @Test
    void theSameSubmissionSetUniqueIdTwiceIsADuplicate() {
        String ins = newPatient();
        TestSubmission first = crBio(ins);
        success(submit(ins, first));
        TestSubmission second = crBio(ins);
        second.submissionSetUniqueId = first.submissionSetUniqueId;
        DmpTestClient.Response r = submit(ins, second);
        failure(r, DmpErrorCode.DUPLICATE_UNIQUE_ID);
        assertThat(r.text()).contains("uniqueId du lot");
    }

    @Test
    void metadataOutsideTheDmpValueSetsIsRefusedWithEveryProblem() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.n3().format = "urn:asip:ci-sis:cr-bio:2010";
        s.n1().classCode = "11";
        s.n1().facility = "LAB";
        s.n1().practice = "HOPITAL";
        s.n1().confidentiality.add("SECRET^1.2.250.1.213.1.1.4.13");
        s.n1().mimeType = "application/pdf";
        DmpTestClient.Response r = submit(ins, s);
        failure(r, DmpErrorCode.REGISTRY_METADATA_ERROR);
        assertThat(r.text()).contains("JDV_J60", "classCode (JDV_J57)", "JDV_J61", "JDV_J62", "JDV_J58", "mimeType");
        assertThat(count(r.text(), "errorCode=")).isGreaterThanOrEqualTo(6);
        assertThat(dmp.documents(ins)).isEmpty();
    }

    @Test
    void exactlyOneOfNRVIsRequired() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.n1().confidentiality.clear();
        s.n1().confidentiality.add("MASQUE_PS^1.2.250.1.213.1.1.4.13");
        DmpTestClient.Response r = submit(ins, s);
        failure(r, DmpErrorCode.REGISTRY_METADATA_ERROR);
        assertThat(r.text()).contains("un code N, R ou V");
    }

    @Test
    void aSubmissionMaySetAConfidentialityCodeOfTheDmp() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.n1().confidentiality.add("INVISIBLE_PATIENT^1.2.250.1.213.1.1.4.13");
        s.n3().confidentiality.add("INVISIBLE_PATIENT^1.2.250.1.213.1.1.4.13");
        success(submit(ins, s));
        assertThat(dmp.document(s.n1().uniqueId).orElseThrow().confidentialityCodes())
                .containsExactly("N", "INVISIBLE_PATIENT");
    }

    @Test
    void patientIdsMustAgree() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.n1().patientId = cx(newPatient());
        DmpTestClient.Response r = submit(ins, s);
        failure(r, DmpErrorCode.PATIENT_ID_DOES_NOT_MATCH);
        // the submission's patient is not the VIHF's
        String other = newPatient();
        failure(submit(crBio(ins), vihf(other)), DmpErrorCode.PATIENT_ID_DOES_NOT_MATCH);
    }

    @Test
    void theDmpStateAndOppositionGateFeeding() {
        String closed = newPatient();
        dmp.patient(closed).dmpState(DmpState.CLOSED);
        failure(submit(closed, crBio(closed)), DmpErrorCode.DMP_CLOSED);
        String absent = "1799999999999";
        failure(submit(absent, crBio(absent)), DmpErrorCode.DMP_NOT_FOUND);
        String opposed = newPatient();
        dmp.patient(opposed).opposition(DmpOpposition.FEEDING);
        failure(submit(opposed, crBio(opposed)), DmpErrorCode.DMP_OPPOSITION);
        String forbidden = newPatient();
        dmp.patient(forbidden).authorization(DmpAuthorization.FORBIDDEN);
        failure(submit(forbidden, crBio(forbidden)), DmpErrorCode.DMP_ACCESS_DENIED);
        String emergencyOnly = newPatient();
        dmp.patient(emergencyOnly).opposition(DmpOpposition.BRIS_DE_GLACE);
        success(submit(emergencyOnly, crBio(emergencyOnly)));
        assertThat(dmp.documents(closed)).isEmpty();
        assertThat(dmp.documents(opposed)).isEmpty();
    }

    @Test
    void theSignatureDocumentIsRequiredAndMustMatchTheDocuments() {
        String ins = newPatient();
        TestSubmission none = crBio(ins);
        none.signature = false;
        DmpTestClient.Response r = submit(ins, none);
        failure(r, DmpErrorCode.REGISTRY_METADATA_ERROR);
        assertThat(r.text()).contains("XAdES");
        TestSubmission wrong = crBio(ins);
        wrong.signatureDigestOverride = TestSubmission.sha256("autre".getBytes(StandardCharsets.UTF_8));
        DmpTestClient.Response w = submit(ins, wrong);
        failure(w, DmpErrorCode.DMP_SIGNATURE_DOCUMENT);
        assertThat(w.text()).contains("manifeste de signature ne correspond pas");
        assertThat(dmp.documents(ins)).isEmpty();
    }

    @Test
    void theSignatureDocumentMustVerifyWithAnOrgSignCertificateOfTheStructure() {
        String ins = newPatient();
        TestSubmission tampered = crBio(ins);
        tampered.tamperSignature = true;
        DmpTestClient.Response t = submit(ins, tampered);
        failure(t, DmpErrorCode.DMP_SIGNATURE_DOCUMENT);
        assertThat(t.text()).contains("ne se vérifie pas");
        TestSubmission byTls = crBio(ins);
        byTls.signer = pki.orgAuthCli();
        DmpTestClient.Response a = submit(ins, byTls);
        failure(a, DmpErrorCode.DMP_SIGNATURE_DOCUMENT);
        assertThat(a.text()).contains("ORG AUTH_CLI");
        TestSubmission otherLab = crBio(ins);
        otherLab.signer = pki.newIdentity("LABO TIERS").organization("LABO TIERS").organizationalUnit("ORG SIGN")
                .profile(fr.segurbio.testkit.CertificateProfile.ORG_SIGN).alias("labo-tiers-sign").issue();
        failure(submit(ins, otherLab), DmpErrorCode.DMP_SIGNATURE_DOCUMENT);
        assertThat(dmp.documents(ins)).isEmpty();
    }

    @Test
    void aWrongHashOrAMissingDocumentIsRefused() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.n3().hash = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
        failure(submit(ins, s), DmpErrorCode.NON_IDENTICAL_HASH);
        TestSubmission m = crBio(ins);
        m.n1().attach = false;
        failure(submit(ins, m), DmpErrorCode.MISSING_DOCUMENT);
        assertThat(dmp.documents(ins)).isEmpty();
    }

    @Test
    void theRightHashIsAccepted() throws Exception {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.n3().hash = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-1").digest(s.n3().content));
        success(submit(ins, s));
    }

    @Test
    void aSubmissionSetWithoutContentTypeCodeIsRefused() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        s.contentType = false;
        DmpTestClient.Response r = submit(ins, s);
        failure(r, DmpErrorCode.REGISTRY_METADATA_ERROR);
        assertThat(r.text()).contains("contentTypeCode");
    }

    @Test
    void aBodyThatTheXdsSchemasRefuseIsAFaultNamingTheProblem() {
        String ins = newPatient();
        TestSubmission s = crBio(ins) ;
        java.util.Map<String, byte[]> att = TestSubmission.newAttachments();
        String body = s.body(att).replace("<rim:RegistryObjectList>", "<rim:RegistryObjectList><rim:Intrus/>");
        DmpTestClient.Response r = client.send(DmpTransaction.ITI_41, vihf(ins).securityXml(), body, att);
        fault(r, DmpFaultCode.SCHEMA);
        assertThat(r.text()).contains("Intrus");
    }
}
