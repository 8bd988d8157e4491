package fr.segurbio.cda.internal.cda.write;

import javax.xml.stream.XMLStreamException;

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
 * The body: the structured body of an N3 (comment sections, chapters and sub-chapters, second-line
 * results, the PDF copy) and the non-XML body of an N1.
 */
final class SectionsPart {

    private SectionsPart() {
    }

    /** The structured body of an N3, in the order of the volet. */
    static void structuredBody(CdaOut out, CrBioReport r, byte[] pdf) throws XMLStreamException {
        out.start("component");
        out.start("structuredBody");
        for (CommentSection c : r.commentSections()) {
            commentSection(out, c);
        }
        for (Chapter c : r.chapters()) {
            chapter(out, c);
        }
        for (SecondLineResult s : r.secondLineSections()) {
            Attachment a = s.document();
            attachedDocumentSection(out, CrBioVocabulary.T_SECOND_LINE, s.code(),
                    a.caption(), a.caption(), a.data(), false);
        }
        if (r.volet().hasPdfCopySection()) {
            attachedDocumentSection(out, CrBioVocabulary.T_PDF_COPY, CrBioVocabulary.PDF_COPY_SECTION,
                    "Copie du document", "Copie PDF du document", pdf, true);
        }
        out.end();
        out.end();
    }

    /** A comment section, one paragraph per blank-line separated block. */
    static void commentSection(CdaOut out, CommentSection c) throws XMLStreamException {
        out.start("component");
        out.start("section");
        out.templateId(CrBioVocabulary.T_CDA_SECTION);
        out.templateId(CrBioVocabulary.T_PCC_COMMENT_SECTION);
        out.templateId(CrBioVocabulary.T_COMMENT_SECTION);
        out.uuidId();
        out.code("code", CrBioVocabulary.COMMENT_SECTION);
        out.element("title", c.title());
        out.start("text");
        for (String para : c.text().split("\\R\\s*\\R")) {
            out.element("paragraph", para.strip());
        }
        out.end();
        out.end();
        out.end();
    }

    /** A section carrying a PDF (second-line results, or the PDF copy of the N3). */
    static void attachedDocumentSection(CdaOut out, String templateId, Code code, String title,
            String caption, byte[] pdf, boolean copy) throws XMLStreamException {
        String titleId = out.nextId("doc-title");
        String mediaId = out.nextId("doc");
        out.start("component");
        out.start("section");
        out.templateId(templateId);
        out.uuidId();
        out.code("code", code);
        out.element("title", title);
        out.start("text");
        out.start("table");
        out.attr("border", "0");
        out.start("tbody");
        out.start("tr");
        out.start("td");
        out.start("content");
        out.attr("ID", titleId);
        out.text(caption);
        out.end();
        out.end();
        out.end();
        out.start("tr");
        out.start("td");
        out.empty("renderMultiMedia");
        out.attr("referencedObject", mediaId);
        out.end();
        out.end();
        out.end();
        out.end();
        out.end();
        out.start("entry");
        out.start("organizer");
        out.attr("classCode", "CLUSTER");
        out.attr("moodCode", "EVN");
        out.templateId(CrBioVocabulary.T_ATTACHED_DOCUMENT);
        out.uuidId();
        out.code("code", CrBioVocabulary.ATTACHED_DOCUMENT);
        out.statusCode("completed");
        out.start("component");
        out.start("observation");
        out.attr("classCode", "OBS");
        out.attr("moodCode", "EVN");
        out.templateId(CrBioVocabulary.T_SIMPLE_OBSERVATION);
        out.templateId(CrBioVocabulary.T_FR_SIMPLE_OBSERVATION);
        out.templateId(CrBioVocabulary.T_ATTACHED_DOCUMENT_TYPE);
        out.uuidId();
        out.code("code", CrBioVocabulary.ATTACHED_DOCUMENT_TYPE);
        out.reference("text", titleId);
        out.statusCode("completed");
        out.empty("effectiveTime");
        out.attr("nullFlavor", "NA");
        if (copy) {
            out.empty("value");
            out.xsiType("CD");
            out.codeAttrs(CrBioVocabulary.PDF_COPY_SECTION);
        } else {
            out.start("value");
            out.xsiType("CD");
            out.reference("originalText", titleId);
            out.end();
        }
        out.end();
        out.end();
        out.start("component");
        out.start("observationMedia");
        out.attr("classCode", "OBS");
        out.attr("moodCode", "EVN");
        out.attr("ID", mediaId);
        out.start("value");
        out.attr("mediaType", "application/pdf");
        out.attr("representation", "B64");
        out.base64(pdf);
        out.end();
        out.end();
        out.end();
        out.end();
        out.end();
        out.end();
        out.end();
    }

    /** A chapter: its entry, or its sub-chapters each with its entry. */
    static void chapter(CdaOut out, Chapter c) throws XMLStreamException {
        out.start("component");
        out.start("section");
        out.templateId(CrBioVocabulary.T_CHAPTER);
        out.templateId(CrBioVocabulary.T_FR_CHAPTER);
        out.code("code", c.code());
        out.element("title", c.title());
        if (c.entry() != null) {
            entryWithText(out, c.entry());
        } else {
            for (SubChapter s : c.subChapters()) {
                out.start("component");
                out.start("section");
                out.templateId(CrBioVocabulary.T_SUBCHAPTER);
                out.templateId(CrBioVocabulary.T_FR_SUBCHAPTER);
                if (s.code() != null) {
                    out.code("code", s.code());
                }
                out.element("title", s.title());
                entryWithText(out, s.entry());
                out.end();
                out.end();
            }
        }
        out.end();
        out.end();
    }

    /** Writes the narrative then the entry, with the same generated IDs. */
    static void entryWithText(CdaOut out, ResultEntry e) throws XMLStreamException {
        NarrativeIds ids = new NarrativeIds(out);
        Narrative.narrative(out, e, ids);
        EntriesPart.entry(out, e, ids);
    }

    /**
     * The body of an N1: the PDF in {@code nonXMLBody}.
     *
     * @param out the document's writing
     * @param pdf the PDF
     */
    static void nonXmlBody(CdaOut out, byte[] pdf) throws XMLStreamException {
        out.start("component");
        out.start("nonXMLBody");
        out.start("text");
        out.attr("mediaType", "application/pdf");
        out.attr("representation", "B64");
        out.base64(pdf);
        out.end();
        out.end();
        out.end();
    }
}
