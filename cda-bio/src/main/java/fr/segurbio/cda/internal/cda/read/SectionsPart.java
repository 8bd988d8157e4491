package fr.segurbio.cda.internal.cda.read;

import java.util.ArrayList;
import java.util.List;

import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CommentSection;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.SecondLineResult;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.cda.internal.CrBioVocabulary;

/**
 * Reads the sections of the structured body by their templateId: chapters and sub-chapters (their entries by
 * {@link EntriesPart}), comment sections, second-line results and the PDF copy.
 */
public final class SectionsPart {

    private SectionsPart() {
    }

    /**
     * Reads every section into the builder.
     *
     * @param in the reading
     * @param body the {@code structuredBody}
     * @param b the report being read
     * @return the PDF copy the document carries, or {@code null}
     */
    public static byte[] read(CdaIn in, Node body, CrBioReport.Builder b) {
        byte[] pdfCopy = null;
        for (Node comp : body.children("component")) {
            Node section = comp.child("section");
            if (section == null) {
                continue;
            }
            if (section.hasTemplate(CrBioVocabulary.T_CHAPTER)) {
                Chapter c = in.repeated(section, () -> chapter(in, section));
                if (c != null) {
                    b.chapter(c);
                }
            } else if (section.hasTemplate(CrBioVocabulary.T_COMMENT_SECTION)) {
                CommentSection c = in.repeated(section, () -> new CommentSection(
                        Narrative.title(section) == null ? "Commentaire" : Narrative.title(section),
                        Narrative.sectionText(section)));
                if (c != null) {
                    b.commentSection(c);
                }
            } else if (section.hasTemplate(CrBioVocabulary.T_SECOND_LINE)) {
                SecondLineResult a = in.repeated(section, () -> {
                    byte[] pdf = attachedPdf(in, section);
                    String caption = Narrative.title(section) == null ? "Résultats de seconde intention"
                            : Narrative.title(section);
                    Code code = CdaIn.code(section.child("code"));
                    if (code == null) {
                        throw in.fail(section, null, "code de section absent ou sans code/codeSystem ("
                                + SecondLineResult.CODE_RULE + ")", "no section code with code and codeSystem ("
                                + SecondLineResult.CODE_RULE + ")");
                    }
                    return pdf == null ? null : new SecondLineResult(code,
                            new Attachment("application/pdf", pdf, caption));
                });
                if (a != null) {
                    b.secondLineResult(a);
                }
            } else if (section.hasTemplate(CrBioVocabulary.T_PDF_COPY)) {
                pdfCopy = in.part(section, () -> attachedPdf(in, section));
            }
        }
        return pdfCopy;
    }

    /**
     * Reads a chapter.
     *
     * @param in the reading
     * @param section the chapter's {@code section}
     * @return the chapter
     */
    public static Chapter chapter(CdaIn in, Node section) {
        Code code = CdaIn.code(section.child("code"));
        String title = Narrative.title(section);
        in.sectionTitle = title;
        Node entry = section.child("entry");
        if (entry != null && entry.child("act") != null) {
            return Chapter.withEntry(code, title, EntriesPart.read(in, entry.child("act")));
        }
        List<SubChapter> subs = new ArrayList<>();
        for (Node comp : section.children("component")) {
            Node sub = comp.child("section");
            if (sub == null) {
                continue;
            }
            Node subEntry = sub.child("entry");
            if (subEntry == null || subEntry.child("act") == null) {
                continue;
            }
            Code subCode = CdaIn.code(sub.child("code"));
            String subTitle = Narrative.title(sub);
            if (subTitle == null) {
                subTitle = subCode != null && subCode.displayName() != null ? subCode.displayName() : title;
            }
            in.sectionTitle = subTitle;
            subs.add(new SubChapter(subCode, subTitle, EntriesPart.read(in, subEntry.child("act"))));
        }
        return Chapter.of(code, title, subs);
    }

    /** The first PDF an {@code observationMedia} of the section carries. */
    private static byte[] attachedPdf(CdaIn in, Node section) {
        for (Node n : section.descendants()) {
            if ("observationMedia".equals(n.name())) {
                Node value = n.child("value");
                if (value != null && "application/pdf".equals(value.attr("mediaType"))) {
                    return in.base64(value);
                }
            }
        }
        return null;
    }
}
