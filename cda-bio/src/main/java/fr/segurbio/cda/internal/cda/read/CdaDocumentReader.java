package fr.segurbio.cda.internal.cda.read;

import java.util.List;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.internal.ReadContext;
import fr.segurbio.cda.read.CdaReadError;
import fr.segurbio.core.Problem;

/**
 * Reads a CR-BIO N3 {@code ClinicalDocument} into the model, one read binding per CDA part ({@link HeaderPart},
 * {@link PatientPart}, {@link ParticipantsPart}, {@link EncounterPart}, {@link SectionsPart} with
 * {@link EntriesPart}, {@link ResultsPart} and {@link ValuesPart}), on a {@link ReadContext}: every part is read
 * even when another one failed, and every problem is kept, coded ({@code CDA-602} with the model's own code inside,
 * or the model's code for the assembled report) and located by the XPath of its element. In lenient mode a
 * repeated part that fails (an author, a chapter, a result…) is left out with a warning instead.
 *
 * <pre>{@code
 * CdaDocumentReader.Result r = CdaDocumentReader.read(root, ReadContext.Mode.STRICT);
 * }</pre>
 */
public final class CdaDocumentReader {

    private CdaDocumentReader() {
    }

    /**
     * What a document gave.
     *
     * @param report the report
     * @param pdfCopy the PDF copy the document carried, or {@code null}
     * @param notices the warnings and information found on the way (errors make the reading fail)
     */
    public record Result(CrBioReport report, byte[] pdfCopy, List<Problem> notices) {
        /**
         * Copies the notices.
         *
         * @param report the report
         * @param pdfCopy the PDF copy, or {@code null}
         * @param notices the notices
         */
        public Result {
            notices = List.copyOf(notices);
        }
    }

    /**
     * Reads a document.
     *
     * @param root the {@code ClinicalDocument} element, with a structured body
     * @param mode strict (a part that fails refuses the document) or lenient (a repeated part that fails is left
     *        out with a warning)
     * @return the report, its PDF copy and the notices
     * @throws CdaException with every error found, each located
     */
    public static Result read(Node root, ReadContext.Mode mode) {
        ReadContext ctx = ReadContext.xml(mode, CdaReadError.BAD_PART);
        CdaIn in = new CdaIn(ctx, root);
        CrBioReport.Builder b = CrBioReport.builder();
        HeaderPart.read(in, root, b);
        Node role = root.path("recordTarget", "patientRole");
        if (role != null) {
            b.patient(in.part(role, () -> PatientPart.read(in, role)));
            PatientPart.extensions(in, role, b);
        }
        ParticipantsPart.read(in, root, b);
        Node enc = root.path("componentOf", "encompassingEncounter");
        if (enc != null) {
            b.encounter(in.part(enc, () -> EncounterPart.read(in, enc)));
        }
        Node body = root.path("component", "structuredBody");
        byte[] pdfCopy = body == null ? null : SectionsPart.read(in, body, b);
        CrBioReport report = null;
        if (!ctx.hasErrors()) {
            ctx.enter(root.xpath().substring(1));
            try {
                report = ctx.assemble(b::build);
            } finally {
                ctx.leave();
            }
        }
        if (ctx.hasErrors() || report == null) {
            throw new CdaException(ctx.result());
        }
        return new Result(report, pdfCopy, ctx.problems());
    }

    /**
     * Reads the patient of a document only (the merge of a subcontractor's level-1 document).
     *
     * @param root the {@code ClinicalDocument} element
     * @return the patient
     * @throws CdaException with every problem found
     */
    public static Patient patient(Node root) {
        ReadContext ctx = ReadContext.xml(ReadContext.Mode.STRICT, CdaReadError.BAD_PART);
        CdaIn in = new CdaIn(ctx, root);
        Node role = root.path("recordTarget", "patientRole");
        if (role == null) {
            ctx.fail(root.xpath() + "/recordTarget", CdaReadError.BAD_PART, "patient absent", "no patient",
                    "recordTarget");
            throw new CdaException(ctx.result());
        }
        Patient p = in.part(role, () -> PatientPart.read(in, role));
        if (p == null || ctx.hasErrors()) {
            throw new CdaException(ctx.result());
        }
        return p;
    }

    /**
     * The base64 PDF of a level-1 document's {@code nonXMLBody/text}.
     *
     * @param text the {@code text} element
     * @return the bytes, or {@code null} when empty
     * @throws CdaException when it is not base64
     */
    public static byte[] nonXmlBodyPdf(Node text) {
        ReadContext ctx = ReadContext.xml(ReadContext.Mode.STRICT, CdaReadError.BAD_PART);
        CdaIn in = new CdaIn(ctx, text);
        byte[] pdf = ctx.attempt(() -> in.base64(text));
        if (ctx.hasErrors()) {
            throw new CdaException(ctx.result());
        }
        return pdf;
    }
}
