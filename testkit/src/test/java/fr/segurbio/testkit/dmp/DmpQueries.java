package fr.segurbio.testkit.dmp;

/** ITI-18, ITI-43, ITI-57 and TD0.2 bodies written by hand for the tests. */
final class DmpQueries {

    static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
    static final String ARCHIVED = "urn:asip:ci-sis:2010:StatusType:Archived";
    static final String DELETED = "urn:asip:ci-sis:2010:StatusType:Deleted";

    private DmpQueries() {
    }

    static String findDocuments(String patientCx, String statusList, String... extraSlots) {
        StringBuilder b = new StringBuilder();
        b.append("<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\"")
                .append(" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">")
                .append("<query:ResponseOption returnComposedObjects=\"true\" returnType=\"LeafClass\"/>")
                .append("<rim:AdhocQuery id=\"urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d\">")
                .append(TestSubmission.slot("$XDSDocumentEntryPatientId", "'" + patientCx + "'"))
                .append(TestSubmission.slot("$XDSDocumentEntryStatus", statusList));
        for (int i = 0; i + 1 < extraSlots.length; i += 2) {
            b.append(TestSubmission.slot(extraSlots[i], extraSlots[i + 1]));
        }
        return b.append("</rim:AdhocQuery></query:AdhocQueryRequest>").toString();
    }

    static String getDocuments(String uniqueId, String returnType) {
        return "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">"
                + "<query:ResponseOption returnComposedObjects=\"true\" returnType=\"" + returnType + "\"/>"
                + "<rim:AdhocQuery id=\"urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4\">"
                + TestSubmission.slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')")
                + "</rim:AdhocQuery></query:AdhocQueryRequest>";
    }

    static String retrieve(String repository, String... uniqueIds) {
        StringBuilder b = new StringBuilder("<xdsb:RetrieveDocumentSetRequest xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">");
        for (String u : uniqueIds) {
            b.append("<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>").append(repository)
                    .append("</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>").append(u)
                    .append("</xdsb:DocumentUniqueId></xdsb:DocumentRequest>");
        }
        return b.append("</xdsb:RetrieveDocumentSetRequest>").toString();
    }

    /** An ITI-57 submission set header for the patient. */
    static String updateSubmissionSet(String patientCx) {
        TestSubmission s = new TestSubmission();
        s.patientId = patientCx;
        s.submissionSetUniqueId = TestSubmission.newOid();
        return s.submissionSet();
    }

    /** ITI-57 UpdateAvailabilityStatus of the given entryUUIDs. */
    static String statusUpdate(String patientCx, String from, String to, String... entryUuids) {
        StringBuilder b = new StringBuilder();
        b.append("<lcm:SubmitObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\"")
                .append(" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:RegistryObjectList>")
                .append(updateSubmissionSet(patientCx));
        int i = 0;
        for (String uuid : entryUuids) {
            b.append(TestSubmission.association("upd" + i++, "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus",
                    "SubmissionSet01", uuid, TestSubmission.slot("OriginalStatus", from)
                            + TestSubmission.slot("NewStatus", to)));
        }
        return b.append("</rim:RegistryObjectList></lcm:SubmitObjectsRequest>").toString();
    }

    /**
     * ITI-57 metadata update: new versions of the given stored entries (their ExtrinsicObject as returned by
     * ITI-18, with a new id) whose confidentiality codes are the given ones.
     */
    static String metadataUpdate(String patientCx, java.util.List<String[]> entries) {
        StringBuilder b = new StringBuilder();
        b.append("<lcm:SubmitObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\"")
                .append(" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:RegistryObjectList>")
                .append(updateSubmissionSet(patientCx));
        int i = 0;
        for (String[] e : entries) {
            // e = {new ExtrinsicObject xml with id="NewVersion<i>", previous version}
            b.append(e[0]);
            b.append(TestSubmission.association("hm" + i, "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember",
                    "SubmissionSet01", "NewVersion" + i, TestSubmission.slot("SubmissionSetStatus", "Original")
                            + TestSubmission.slot("PreviousVersion", e[1])));
            i++;
        }
        return b.append("</rim:RegistryObjectList></lcm:SubmitObjectsRequest>").toString();
    }

    static String existence(String ins, String oid) {
        return "<PRPA_IN201307UV02 xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " ITSVersion=\"XML_1.0\"><id root=\"1.2.250.1.999.3\" extension=\"msg-1\"/>"
                + "<creationTime value=\"20260102120000\"/>"
                + "<interactionId root=\"2.16.840.1.113883.1.6\" extension=\"PRPA_IN201307UV02\"/>"
                + "<processingCode code=\"D\"/><processingModeCode code=\"T\"/><acceptAckCode code=\"AL\"/>"
                + "<receiver typeCode=\"RCV\"><device classCode=\"DEV\" determinerCode=\"INSTANCE\">"
                + "<id root=\"1.2.250.1.213.4.1.1.1\"/><softwareName>DMP</softwareName></device></receiver>"
                + "<sender typeCode=\"SND\"><device classCode=\"DEV\" determinerCode=\"INSTANCE\">"
                + "<id root=\"1.2.250.1.999.3\"/><softwareName>SGL</softwareName></device></sender>"
                + "<attentionLine xsi:nil=\"true\"/><controlActProcess classCode=\"CACT\" moodCode=\"EVN\">"
                + "<reasonCode code=\"TEST_EXST\" codeSystem=\"1.2.250.1.213.1.1.4.11\""
                + " displayName=\"Test d'existence de dossier\"/><queryByParameter>"
                + "<queryId root=\"1.2.250.1.999.3\" extension=\"q-1\"/><statusCode code=\"new\"/><parameterList>"
                + "<dataSource xsi:nil=\"true\"/><patientIdentifier><value root=\"" + oid + "\" extension=\"" + ins
                + "\"/><semanticsText>Patient.id</semanticsText></patientIdentifier></parameterList>"
                + "</queryByParameter></controlActProcess></PRPA_IN201307UV02>";
    }
}
