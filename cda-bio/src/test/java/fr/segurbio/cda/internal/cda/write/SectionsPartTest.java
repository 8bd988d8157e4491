package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.CommentSection;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.internal.CrBioVocabulary;

/** The structured body of an N3 and the non-XML body of an N1. */
class SectionsPartTest {

    private static final byte[] PDF = "%PDF-1.4 copie".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void theBodyHoldsCommentsChaptersSecondLineResultsThenThePdfCopy() throws Exception {
        CrBioReport r = WriteFixtures.sample();
        Fragment f = Fragment.of(out -> SectionsPart.structuredBody(out, r, PDF));
        assertThat(f.strings("//h:structuredBody/h:component/h:section/h:templateId[last()]/@root")).containsExactly(
                CrBioVocabulary.T_COMMENT_SECTION, CrBioVocabulary.T_FR_CHAPTER, CrBioVocabulary.T_FR_CHAPTER,
                CrBioVocabulary.T_SECOND_LINE, CrBioVocabulary.T_PDF_COPY);
        String copy = "//h:section[h:templateId/@root='" + CrBioVocabulary.T_PDF_COPY + "']";
        assertThat(f.string(copy + "/h:code/@code")).isEqualTo("55108-5");
        assertThat(f.string(copy + "//h:observation/h:value/@code")).isEqualTo("55108-5");
        assertThat(Base64.getDecoder().decode(f.string(copy + "//h:observationMedia/h:value"))).isEqualTo(PDF);
        // the narrative's caption and media are the ones the entry refers to
        assertThat(f.string(copy + "//h:renderMultiMedia/@referencedObject"))
                .isEqualTo(f.string(copy + "//h:observationMedia/@ID"));
        assertThat(f.string(copy + "//h:observation/h:text/h:reference/@value"))
                .isEqualTo("#" + f.string(copy + "/h:text//h:content/@ID"));
        String secondLine = "//h:section[h:templateId/@root='" + CrBioVocabulary.T_SECOND_LINE + "']";
        assertThat(f.string(secondLine + "//h:observation/h:value/h:originalText/h:reference/@value"))
                .startsWith("#doc-title-");
    }

    @Test
    void aChapterWithSubChaptersNestsTheirSections() throws Exception {
        CrBioReport r = WriteFixtures.sample();
        Fragment f = Fragment.of(out -> SectionsPart.chapter(out, r.chapters().get(0)));
        assertThat(f.strings("/h:fragment/h:component/h:section/h:templateId/@root"))
                .containsExactly(CrBioVocabulary.T_CHAPTER, CrBioVocabulary.T_FR_CHAPTER);
        assertThat(f.count("//h:section/h:component/h:section[h:templateId/@root='"
                + CrBioVocabulary.T_FR_SUBCHAPTER + "']")).isEqualTo(r.chapters().get(0).subChapters().size());
        assertThat(f.count("//h:section/h:component/h:section[not(h:code)]")).isEqualTo(1);
        assertThat(f.count("//h:section/h:component/h:section/h:text")).isEqualTo(2);
        assertThat(f.count("//h:section/h:component/h:section/h:entry")).isEqualTo(2);
    }

    @Test
    void aCommentSectionHasOneParagraphPerBlock() throws Exception {
        Fragment f = Fragment.of(out -> SectionsPart.commentSection(out,
                new CommentSection("Non conformité", "Tube hémolysé.\n\n  Prélèvement à refaire.  ")));
        assertThat(f.strings("//h:section/h:text/h:paragraph")).containsExactly("Tube hémolysé.",
                "Prélèvement à refaire.");
        assertThat(f.string("//h:section/h:code/@code")).isEqualTo("55112-7");
        assertThat(f.count("//h:section/h:id/@root")).isEqualTo(1);
    }

    @Test
    void anN1BodyIsThePdfInNonXmlBody() throws Exception {
        Fragment f = Fragment.of(out -> SectionsPart.nonXmlBody(out, PDF));
        assertThat(f.string("//h:nonXMLBody/h:text/@mediaType")).isEqualTo("application/pdf");
        assertThat(f.string("//h:nonXMLBody/h:text/@representation")).isEqualTo("B64");
        assertThat(Base64.getDecoder().decode(f.string("//h:nonXMLBody/h:text"))).isEqualTo(PDF);
    }
}
