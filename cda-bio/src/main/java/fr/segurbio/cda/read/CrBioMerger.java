package fr.segurbio.cda.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.SecondLineResult;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.cda.internal.cda.read.CdaDocumentReader;
import fr.segurbio.cda.internal.cda.read.Node;
import fr.segurbio.ins.Ins;

/**
 * Inserts a subcontracting lab's CR-BIO into the lab's own report: the subcontractor's chapters are added with the
 * subcontractor (its performing lab) as performer of their results — an entry that already names a performer keeps
 * it. A subcontractor's document without structured body (N1) is kept as a PDF attachment (second-line results
 * section). The merge is refused ({@code CDA-603}) when the patient's INS differs, or, when either report has no
 * INS, when the birth name or birth date differs.
 *
 * <pre>{@code
 * ReadDocument own = CrBioReader.create().read(ownXml);
 * CrBioReport merged = CrBioMerger.merge(own.report(), subcontractorXml);
 * byte[] n3 = CrBioWriter.standard().n3(merged, pdfOfMergedReport).document();
 * }</pre>
 */
public final class CrBioMerger {

    private CrBioMerger() {
    }

    /**
     * Merges a subcontractor's document (N3 or N1 CR-BIO) into a report.
     *
     * @param main the lab's own report
     * @param subcontractorXml the subcontractor's CDA
     * @return the merged report
     * @throws CdaException {@code CDA-603} for another patient, {@code CDA-601}/{@code CDA-602} when the
     *         subcontractor's document cannot be read, {@code CDA-604} when it carries nothing to merge
     */
    public static CrBioReport merge(CrBioReport main, byte[] subcontractorXml) {
        Objects.requireNonNull(main, "main");
        CrBioReader reader = CrBioReader.create();
        Node root = reader.parse(subcontractorXml);
        Node nonXml = root.path("component", "nonXMLBody");
        if (nonXml != null) {
            return mergeLevel1(main, root, nonXml);
        }
        return merge(main, reader.read(root).report());
    }

    /**
     * Merges a subcontractor's report (read or built) into a report.
     *
     * @param main the lab's own report
     * @param subcontractor the subcontractor's report
     * @return the merged report
     * @throws CdaException {@code CDA-603} for another patient
     */
    public static CrBioReport merge(CrBioReport main, CrBioReport subcontractor) {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(subcontractor, "subcontractor");
        samePatient(main.patient(), subcontractor.patient());
        Participation performer = subcontractor.performingLab();
        CrBioReport.Builder b = copy(main);
        for (Chapter c : subcontractor.chapters()) {
            b.chapter(withPerformer(c, performer));
        }
        for (SecondLineResult a : subcontractor.secondLineSections()) {
            b.secondLineResult(a);
        }
        return b.build();
    }

    private static CrBioReport mergeLevel1(CrBioReport main, Node root, Node nonXml) {
        Patient other = CdaDocumentReader.patient(root);
        samePatient(main.patient(), other);
        Node text = nonXml.child("text");
        if (text == null || !"application/pdf".equals(text.attr("mediaType"))) {
            throw new CdaException(CdaReadError.NOTHING_TO_MERGE);
        }
        byte[] pdf = CdaDocumentReader.nonXmlBodyPdf(text);
        if (pdf == null) {
            throw new CdaException(CdaReadError.NOTHING_TO_MERGE);
        }
        String lab = Optional.ofNullable(root.path("custodian", "assignedCustodian",
                "representedCustodianOrganization", "name")).map(Node::text).orElse("laboratoire sous-traitant");
        CrBioReport.Builder b = copy(main);
        b.secondLineResult(new Attachment("application/pdf", pdf, "Compte rendu du laboratoire sous-traitant " + lab));
        return b.build();
    }

    private static void samePatient(Patient main, Patient other) {
        Optional<Ins> a = main.ins();
        Optional<Ins> b = other.ins();
        if (a.isPresent() && b.isPresent()) {
            if (!a.get().matricule().equals(b.get().matricule())) {
                throw new CdaException(CdaReadError.PATIENT_MISMATCH, b.get().matricule().value(),
                        a.get().matricule().value());
            }
            return;
        }
        boolean sameName = main.birthFamilyName().equalsIgnoreCase(other.birthFamilyName());
        boolean sameBirth = main.birthDate().equals(other.birthDate());
        if (!sameName || !sameBirth) {
            throw new CdaException(CdaReadError.PATIENT_MISMATCH,
                    b.map(i -> i.matricule().value()).orElse(other.birthFamilyName() + " " + other.birthDate().orElse(null)),
                    a.map(i -> i.matricule().value()).orElse(main.birthFamilyName() + " " + main.birthDate().orElse(null)));
        }
    }

    private static Chapter withPerformer(Chapter c, Participation performer) {
        if (c.entry() != null) {
            return Chapter.withEntry(c.code(), c.title(), withPerformer(c.entry(), performer));
        }
        List<SubChapter> subs = new ArrayList<>();
        for (SubChapter s : c.subChapters()) {
            subs.add(new SubChapter(s.code(), s.title(), withPerformer(s.entry(), performer)));
        }
        return Chapter.of(c.code(), c.title(), subs);
    }

    private static ResultEntry withPerformer(ResultEntry e, Participation performer) {
        ResultEntry.Builder b = ResultEntry.builder().code(e.code()).status(e.status())
                .performer(e.performer().orElse(performer));
        e.validator().ifPresent(b::validator);
        e.specimens().forEach(b::specimen);
        e.results().forEach(b::result);
        e.comments().forEach(b::comment);
        e.images().forEach(b::image);
        return b.build();
    }

    /** A builder holding every field of a report. */
    static CrBioReport.Builder copy(CrBioReport r) {
        CrBioReport.Builder b = CrBioReport.builder()
                .id(r.id())
                .setId(r.setId())
                .version(r.version())
                .effectiveTime(r.effectiveTime())
                .confidentiality(r.confidentiality())
                .language(r.language())
                .volet(r.volet())
                .patient(r.patient())
                .custodian(r.custodian())
                .legalAuthenticator(r.legalAuthenticator())
                .reportStatus(r.reportStatus())
                .requestReceived(r.requestReceived())
                .reportReleased(r.reportReleased())
                .performingLab(r.performingLab())
                .encounter(r.encounter());
        r.replacedDocument().ifPresent(b::replaces);
        r.authors().forEach(b::author);
        r.recipients().forEach(b::recipient);
        r.informants().forEach(b::informant);
        r.attendingPhysician().ifPresent(b::attendingPhysician);
        r.authenticators().forEach(b::authenticator);
        r.prescriber().ifPresent(b::prescriber);
        r.sampler().ifPresent(b::sampler);
        r.orderId().ifPresent(b::orderId);
        r.requestId().ifPresent(b::requestId);
        r.chapters().forEach(b::chapter);
        r.commentSections().forEach(b::commentSection);
        r.secondLineSections().forEach(b::secondLineResult);
        return b;
    }
}
