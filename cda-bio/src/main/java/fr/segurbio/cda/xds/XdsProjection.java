package fr.segurbio.cda.xds;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;

/**
 * The projection of a CR-BIO on its XDS DocumentEntry metadata (CI-SIS volet BIO-CR-BIO, {@code cda-bio.md}
 * §7, and the DMP value sets): the header of the report gives the codes, times, authors, legal authenticator,
 * intended recipients and patient, the written bytes give the size and the hash. {@link CrBioWriter} applies it
 * while it streams; DMP, MSSanté (XDM) and HL7 v2 code apply it to a document written earlier.
 *
 * <pre>{@code
 * byte[] n3 = Files.readAllBytes(dir.resolve("report-N3.xml"));   // written from this report
 * XdsMetadata m = XdsProjection.n3(report, n3);
 * m.hash();                                                         // SHA-1 of the bytes
 * }</pre>
 */
public final class XdsProjection {

    private XdsProjection() {
    }

    /**
     * The metadata of the N3 written from a report.
     *
     * @param report the report
     * @param document the N3's bytes
     * @return the metadata, ids taken from the report
     */
    public static XdsMetadata n3(CrBioReport report, byte[] document) {
        Objects.requireNonNull(document, "document");
        return project(report, DocumentKind.N3, report.id(), report.setId(), report.replacedDocument().orElse(null),
                document.length, sha1(document));
    }

    /**
     * The metadata of the N1 written from a report with the N1 ids derived from the N3's
     * ({@link CrBioWriter#n1Id(InstanceId)}).
     *
     * @param report the report
     * @param document the N1's bytes
     * @return the metadata
     */
    public static XdsMetadata n1(CrBioReport report, byte[] document) {
        Objects.requireNonNull(document, "document");
        return project(report, DocumentKind.N1, CrBioWriter.n1Id(report.id()), CrBioWriter.n1Id(report.setId()),
                report.replacedDocument().map(CrBioWriter::n1Id).orElse(null), document.length, sha1(document));
    }

    /**
     * The metadata of a document written from a report, given its ids, size and hash.
     *
     * @param report the report
     * @param kind N3 or N1
     * @param id the document's id
     * @param setId the document's set id
     * @param replaced the id of the version it replaces, or {@code null}
     * @param size the size in bytes
     * @param sha1 the SHA-1 of the bytes, lower-case hexadecimal
     * @return the metadata
     * @throws CdaException {@code CDA-001} when the performing lab has no practice setting
     */
    public static XdsMetadata project(CrBioReport report, DocumentKind kind, InstanceId id, InstanceId setId,
            InstanceId replaced, long size, String sha1) {
        Objects.requireNonNull(report, "report");
        XdsMetadata.Builder b = XdsMetadata.builder()
                .kind(Objects.requireNonNull(kind, "kind"))
                .ids(id.toXds(), setId.toXds(), report.version())
                .codes(CrBioReport.DOCUMENT_CODE, XdsMetadata.CLASS_CODE,
                        kind == DocumentKind.N3 ? XdsMetadata.FORMAT_N3 : XdsMetadata.FORMAT_N1_PDF)
                .title(CrBioReport.TITLE)
                .times(report.effectiveTime().toInstant(), report.requestReceived().toInstant(),
                        report.reportReleased().toInstant())
                .confidentiality(report.confidentiality().code(), report.language())
                .patient(report.patient().shareableIns().map(Cx::ins).orElse(null),
                        Cx.local(report.patient().localId()), SourcePatientInfo.of(report.patient()))
                .legalAuthenticator(Xcn.of(report.legalAuthenticator().professional()))
                .setting(practiceSetting(report), report.encounter().facilityType())
                .replaces(replaced == null ? null : replaced.toXds())
                .content(size, sha1);
        for (Participation a : report.authors()) {
            b.author(XdsMetadata.Author.of(a.professional()));
        }
        for (HealthProfessional r : report.recipients()) {
            b.intendedRecipient(IntendedRecipient.of(r));
        }
        Set<Code> events = new LinkedHashSet<>();
        for (Chapter c : report.chapters()) {
            events.add(c.code());
        }
        events.forEach(b::eventCode);
        return b.build();
    }

    private static Code practiceSetting(CrBioReport report) {
        return report.performingLab().professional().organization().flatMap(Organization::optionalPracticeSetting)
                .orElseThrow(() -> new CdaException(CdaError.MISSING,
                        "performingLab/organization/practiceSetting (XDS practiceSettingCode)"));
    }

    private static String sha1(byte[] document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
