package fr.segurbio.testkit.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replacement (RPLC in ITI-41) and ITI-57 (TD3.3) state transitions, on the N1 and its N3 together. */
class DmpUpdateIT extends DmpFixture {

    static final String DMP_CONF = "^1.2.250.1.213.1.1.4.13";

    /** A patient with a stored CR-BIO (N3 + N1 + signature). */
    static TestSubmission fed(String ins) {
        TestSubmission s = crBio(ins);
        success(submit(ins, s));
        return s;
    }

    static DmpDocument current(String uniqueId) {
        return dmp.document(uniqueId).orElseThrow();
    }

    /** An ITI-57 metadata update of the given documents: the new version's confidentiality is {@code codes}. */
    static String confidentiality(String ins, List<TestSubmission.Doc> docs, List<String> codes, String previous) {
        TestSubmission holder = new TestSubmission();
        holder.patientId = cx(ins);
        List<String[]> entries = new ArrayList<>();
        for (TestSubmission.Doc d : docs) {
            TestSubmission.Doc nv = d.copy("NewVersion" + entries.size());
            nv.lid = current(d.uniqueId).logicalId();
            nv.confidentiality = new ArrayList<>(codes);
            entries.add(new String[] {holder.entry(nv), previous});
        }
        return DmpQueries.metadataUpdate(cx(ins), entries);
    }

    static String status(String ins, String from, String to, TestSubmission.Doc... docs) {
        String[] uuids = new String[docs.length];
        for (int i = 0; i < docs.length; i++) {
            uuids[i] = current(docs[i].uniqueId).entryUuid();
        }
        return DmpQueries.statusUpdate(cx(ins), from, to, uuids);
    }

    static DmpTestClient.Response update(String ins, String body) {
        return call(DmpTransaction.ITI_57, ins, body);
    }

    // ------------------------------------------------------------------ RPLC

    @Test
    void replacingTheN1AndItsN3DeprecatesThem() {
        String ins = newPatient();
        TestSubmission v1 = fed(ins);
        String oldN3 = entryUuid(v1.n3().uniqueId);
        String oldN1 = entryUuid(v1.n1().uniqueId);
        TestSubmission v2 = crBio(ins).replaces("DocN3", oldN3).replaces("DocN1", oldN1);
        success(submit(ins, v2));
        assertThat(current(v1.n3().uniqueId).status()).isEqualTo(DmpDocument.Status.DEPRECATED);
        assertThat(current(v1.n1().uniqueId).status()).isEqualTo(DmpDocument.Status.DEPRECATED);
        assertThat(current(v2.n3().uniqueId).replaces()).isEqualTo(oldN3);
        assertThat(current(v2.n3().uniqueId).status()).isEqualTo(DmpDocument.Status.APPROVED);
        String t = call(DmpTransaction.ITI_18, ins, DmpQueries.findDocuments(cx(ins),
                "('" + DmpQueries.APPROVED + "')")).text();
        assertThat(t).contains(v2.n3().uniqueId, v2.n1().uniqueId).doesNotContain(v1.n3().uniqueId);
        String deprecated = call(DmpTransaction.ITI_18, ins, DmpQueries.findDocuments(cx(ins),
                "('" + DmpQueries.DEPRECATED + "')")).text();
        assertThat(deprecated).contains(v1.n3().uniqueId, v1.n1().uniqueId);
        // a replaced document cannot be replaced again
        failure(submit(ins, crBio(ins).replaces("DocN3", oldN3).replaces("DocN1", oldN1)),
                DmpErrorCode.REGISTRY_ERROR);
    }

    @Test
    void replacingTheN3WithoutItsN1IsRefused() {
        String ins = newPatient();
        TestSubmission v1 = fed(ins);
        TestSubmission v2 = crBio(ins).replaces("DocN3", entryUuid(v1.n3().uniqueId));
        DmpTestClient.Response r = submit(ins, v2);
        failure(r, DmpErrorCode.DMP_N1_N3);
        assertThat(current(v1.n3().uniqueId).status()).isEqualTo(DmpDocument.Status.APPROVED);
        assertThat(dmp.document(v2.n3().uniqueId)).isEmpty();
    }

    @Test
    void anotherStructureCannotReplace() {
        String ins = newPatient();
        TestSubmission v1 = fed(ins);
        TestVihf other = vihf(ins);
        other.attributes.put("Identifiant_Structure", "10B0000002");
        TestSubmission v2 = crBio(ins).replaces("DocN3", entryUuid(v1.n3().uniqueId))
                .replaces("DocN1", entryUuid(v1.n1().uniqueId));
        failure(submit(v2, other), DmpErrorCode.DMP_AUTHOR_NOT_ALLOWED);
        assertThat(current(v1.n1().uniqueId).status()).isEqualTo(DmpDocument.Status.APPROVED);
    }

    @Test
    void replacingAnUnknownEntryIsRefused() {
        String ins = newPatient();
        failure(submit(ins, crBio(ins).replaces("DocN3", "urn:uuid:00000000-0000-0000-0000-000000000000")),
                DmpErrorCode.UNRESOLVED_REFERENCE);
    }

    // ------------------------------------------------------------------ metadata updates

    @Test
    void maskThenUnmaskToProfessionals() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        String v1 = entryUuid(s.n1().uniqueId);
        success(update(ins, confidentiality(ins, List.of(s.n1(), s.n3()),
                List.of("N^2.16.840.1.113883.5.25", "MASQUE_PS" + DMP_CONF), "1")));
        DmpDocument n1 = current(s.n1().uniqueId);
        assertThat(n1.version()).isEqualTo(2);
        assertThat(n1.logicalId()).isEqualTo(v1);
        assertThat(n1.confidentialityCodes()).containsExactly("N", "MASQUE_PS");
        assertThat(current(s.n3().uniqueId).confidentialityCodes()).contains("MASQUE_PS");
        assertThat(dmp.documents(ins)).filteredOn(d -> d.entryUuid().equals(v1)).singleElement()
                .extracting(DmpDocument::status).isEqualTo(DmpDocument.Status.DEPRECATED);
        String t = call(DmpTransaction.ITI_18, ins, DmpQueries.getDocuments(s.n1().uniqueId, "LeafClass")).text();
        assertThat(t).contains("versionName=\"2\"", "MASQUE_PS");
        success(update(ins, confidentiality(ins, List.of(s.n1(), s.n3()), List.of("N^2.16.840.1.113883.5.25"), "2")));
        assertThat(current(s.n1().uniqueId).version()).isEqualTo(3);
        assertThat(current(s.n3().uniqueId).confidentialityCodes()).containsExactly("N");
    }

    @Test
    void invisibleToThePatientOrToLegalRepresentativesAndBack() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        int version = 1;
        for (String code : List.of("INVISIBLE_PATIENT", "INVISIBLE_REPRESENTANTS_LEGAUX")) {
            success(update(ins, confidentiality(ins, List.of(s.n1(), s.n3()),
                    List.of("N^2.16.840.1.113883.5.25", code + DMP_CONF), Integer.toString(version++))));
            assertThat(current(s.n3().uniqueId).confidentialityCodes()).containsExactly("N", code);
            success(update(ins, confidentiality(ins, List.of(s.n1(), s.n3()), List.of("N^2.16.840.1.113883.5.25"),
                    Integer.toString(version++))));
            assertThat(current(s.n1().uniqueId).confidentialityCodes()).containsExactly("N");
        }
        assertThat(current(s.n1().uniqueId).version()).isEqualTo(5);
    }

    @Test
    void maskingTheN1WithoutItsN3IsRefused() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        DmpTestClient.Response r = update(ins, confidentiality(ins, List.of(s.n1()),
                List.of("N^2.16.840.1.113883.5.25", "MASQUE_PS" + DMP_CONF), "1"));
        failure(r, DmpErrorCode.DMP_N1_N3);
        assertThat(current(s.n1().uniqueId).version()).isEqualTo(1);
    }

    @Test
    void aStalePreviousVersionIsRefused() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        failure(update(ins, confidentiality(ins, List.of(s.n1(), s.n3()),
                List.of("N^2.16.840.1.113883.5.25", "MASQUE_PS" + DMP_CONF), "3")), DmpErrorCode.METADATA_VERSION_ERROR);
    }

    @Test
    void onlyTheConfidentialityMayChange() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        TestSubmission holder = new TestSubmission();
        holder.patientId = cx(ins);
        List<String[]> entries = new ArrayList<>();
        for (TestSubmission.Doc d : List.of(s.n1(), s.n3())) {
            TestSubmission.Doc nv = d.copy("NewVersion" + entries.size());
            nv.lid = current(d.uniqueId).logicalId();
            nv.practice = "ETABLISSEMENT";
            nv.confidentiality.add("MASQUE_PS" + DMP_CONF);
            entries.add(new String[] {holder.entry(nv), "1"});
        }
        DmpTestClient.Response r = update(ins, DmpQueries.metadataUpdate(cx(ins), entries));
        failure(r, DmpErrorCode.METADATA_UPDATE_ERROR);
        assertThat(r.text()).contains("seule la confidentialité");
        failure(update(ins, confidentiality(ins, List.of(s.n1(), s.n3()), List.of("R^2.16.840.1.113883.5.25"), "1")),
                DmpErrorCode.METADATA_UPDATE_ERROR);
        failure(update(ins, confidentiality(ins, List.of(s.n1(), s.n3()), List.of("N^2.16.840.1.113883.5.25"), "1")),
                DmpErrorCode.METADATA_UPDATE_ERROR);
    }

    // ------------------------------------------------------------------ availability status

    @Test
    void archiveThenUnarchive() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        success(update(ins, status(ins, DmpQueries.APPROVED, DmpQueries.ARCHIVED, s.n1(), s.n3())));
        assertThat(current(s.n1().uniqueId).status()).isEqualTo(DmpDocument.Status.ARCHIVED);
        assertThat(current(s.n3().uniqueId).status()).isEqualTo(DmpDocument.Status.ARCHIVED);
        String approved = call(DmpTransaction.ITI_18, ins, DmpQueries.findDocuments(cx(ins),
                "('" + DmpQueries.APPROVED + "')")).text();
        assertThat(approved).doesNotContain(s.n3().uniqueId);
        String archived = call(DmpTransaction.ITI_18, ins, DmpQueries.findDocuments(cx(ins),
                "('" + DmpQueries.APPROVED + "','" + DmpQueries.ARCHIVED + "')")).text();
        assertThat(archived).contains(s.n3().uniqueId, "status=\"" + DmpQueries.ARCHIVED + "\"");
        success(update(ins, status(ins, DmpQueries.ARCHIVED, DmpQueries.APPROVED, s.n1(), s.n3())));
        assertThat(current(s.n3().uniqueId).status()).isEqualTo(DmpDocument.Status.APPROVED);
    }

    @Test
    void theSubmissionSetMayListItsAssociationsWithHasMember() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        String body = status(ins, DmpQueries.APPROVED, DmpQueries.ARCHIVED, s.n1(), s.n3()).replace(
                "</rim:RegistryObjectList>", TestSubmission.association("hm-upd0",
                        "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember", "SubmissionSet01", "upd0", "")
                        + TestSubmission.association("hm-upd1",
                                "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember", "SubmissionSet01",
                                "upd1", "") + "</rim:RegistryObjectList>");
        success(update(ins, body));
        assertThat(current(s.n3().uniqueId).status()).isEqualTo(DmpDocument.Status.ARCHIVED);
    }

    @Test
    void deleteIsFinal() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        success(update(ins, status(ins, DmpQueries.APPROVED, DmpQueries.DELETED, s.n1(), s.n3())));
        assertThat(current(s.n1().uniqueId).status()).isEqualTo(DmpDocument.Status.DELETED);
        failure(call(DmpTransaction.ITI_43, ins, DmpQueries.retrieve(DmpService.REPOSITORY_UNIQUE_ID,
                s.n3().uniqueId)), DmpErrorCode.DOCUMENT_UNIQUE_ID_ERROR);
        assertThat(call(DmpTransaction.ITI_18, ins, DmpQueries.getDocuments(s.n3().uniqueId, "ObjectRef")).text())
                .doesNotContain("ObjectRef id=");
        failure(update(ins, status(ins, DmpQueries.APPROVED, DmpQueries.DELETED, s.n1(), s.n3())),
                DmpErrorCode.METADATA_VERSION_ERROR);
        failure(update(ins, status(ins, DmpQueries.DELETED, DmpQueries.APPROVED, s.n1(), s.n3())),
                DmpErrorCode.METADATA_UPDATE_ERROR);
    }

    @Test
    void deletingTheN1WithoutItsN3IsRefused() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        failure(update(ins, status(ins, DmpQueries.APPROVED, DmpQueries.DELETED, s.n1())), DmpErrorCode.DMP_N1_N3);
        failure(update(ins, status(ins, DmpQueries.APPROVED, DmpQueries.ARCHIVED, s.n1(), s.n3())
                .replaceFirst(DmpQueries.ARCHIVED, DmpQueries.DELETED)), DmpErrorCode.DMP_N1_N3);
        assertThat(current(s.n1().uniqueId).status()).isEqualTo(DmpDocument.Status.APPROVED);
    }

    @Test
    void aReplacedDocumentCannotBeArchived() {
        String ins = newPatient();
        TestSubmission v1 = fed(ins);
        TestSubmission.Doc n1 = v1.n1();
        TestSubmission.Doc n3 = v1.n3();
        String oldN1 = entryUuid(n1.uniqueId);
        String oldN3 = entryUuid(n3.uniqueId);
        success(submit(ins, crBio(ins).replaces("DocN3", oldN3).replaces("DocN1", oldN1)));
        failure(update(ins, DmpQueries.statusUpdate(cx(ins), DmpQueries.DEPRECATED, DmpQueries.ARCHIVED, oldN1,
                oldN3)), DmpErrorCode.METADATA_UPDATE_ERROR);
    }

    @Test
    void updatesByAnotherStructureOrOfUnknownEntriesAreRefused() {
        String ins = newPatient();
        TestSubmission s = fed(ins);
        TestVihf other = vihf(ins);
        other.attributes.put("Identifiant_Structure", "10B0000002");
        failure(client.send(DmpTransaction.ITI_57, other.securityXml(),
                status(ins, DmpQueries.APPROVED, DmpQueries.DELETED, s.n1(), s.n3()), Map.of()),
                DmpErrorCode.DMP_AUTHOR_NOT_ALLOWED);
        failure(update(ins, DmpQueries.statusUpdate(cx(ins), DmpQueries.APPROVED, DmpQueries.DELETED,
                "urn:uuid:00000000-0000-0000-0000-000000000001")), DmpErrorCode.UNRESOLVED_REFERENCE);
        String closed = newPatient();
        dmp.patient(closed).dmpState(DmpState.CLOSED);
        failure(update(closed, DmpQueries.statusUpdate(cx(closed), DmpQueries.APPROVED, DmpQueries.DELETED,
                entryUuid(s.n1().uniqueId))), DmpErrorCode.DMP_CLOSED);
        assertThat(current(s.n1().uniqueId).status()).isEqualTo(DmpDocument.Status.APPROVED);
    }
}
