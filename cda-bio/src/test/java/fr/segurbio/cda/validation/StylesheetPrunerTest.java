package fr.segurbio.cda.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import javax.xml.transform.stream.StreamSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;

/**
 * The per-document variants of a stylesheet leave out only what cannot run for the document, and nothing when the
 * stylesheet does things the pruning cannot follow. Each case compiles the variant and the whole stylesheet with
 * Saxon and runs both on the document.
 */
class StylesheetPrunerTest {

    private static final String HEAD = """
            <xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:hl7="urn:hl7-org:v3" xmlns:svrl="http://purl.oclc.org/dsdl/svrl">
            """;

    private static final String ROOTS = """
            <xsl:variable name="segur-template-roots" select="distinct-values(//*[local-name() = 'templateId'][namespace-uri() = 'urn:hl7-org:v3']/@root/string())"/>
            """;

    private static final String DOCUMENT = """
            <ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="1.1"/><recordTarget><patientRole/></recordTarget>
            <component><structuredBody/></component></ClinicalDocument>
            """;

    private final Processor processor = new Processor(false);

    private static String assertion(String id) {
        return "<svrl:failed-assert id=\"" + id + "\"><svrl:text>" + id + "</svrl:text></svrl:failed-assert>";
    }

    /** A pattern as the skeleton and the optimiser write it: a walk of the document in its own mode. */
    private static String pattern(String mode, String... rules) {
        StringBuilder s = new StringBuilder();
        s.append("<xsl:template match=\"text()\" priority=\"-1\" mode=\"").append(mode).append("\"/>");
        s.append("<xsl:template match=\"@*|node()\" priority=\"-2\" mode=\"").append(mode)
                .append("\"><xsl:apply-templates select=\"*\" mode=\"").append(mode).append("\"/></xsl:template>");
        int priority = 1000;
        for (String match : rules) {
            s.append("<xsl:template match=\"").append(match).append("\" priority=\"").append(priority--)
                    .append("\" mode=\"").append(mode).append("\">").append(assertion(mode + "-" + priority))
                    .append("<xsl:apply-templates select=\"*\" mode=\"").append(mode).append("\"/></xsl:template>");
        }
        return s.toString();
    }

    private XdmNode document() throws SaxonApiException {
        return processor.newDocumentBuilder().build(new StreamSource(new StringReader(DOCUMENT)));
    }

    private List<Finding> run(javax.xml.transform.Source xslt, Path base, XdmNode document) throws SaxonApiException {
        return SchematronEngine.compileGenerated(processor, new PackageDocuments(processor, base), "p",
                base.resolve("p.sch"), xslt).run(document);
    }

    private StylesheetPruner.Selection check(String xslt, Path base) throws SaxonApiException {
        XdmNode document = document();
        StylesheetPruner pruner = StylesheetPruner.analyse(xslt);
        StylesheetPruner.Selection selection = pruner.select(StylesheetPruner.DocumentFacts.of(document));
        List<Finding> whole = run(new StreamSource(new StringReader(xslt), base.resolve("p.sch").toUri().toString()),
                base, document);
        List<Finding> variant = run(pruner.source(selection, base.resolve("p.sch").toUri().toString()), base,
                document);
        assertThat(whole).isNotEmpty();
        assertThat(variant).isEqualTo(whole);
        return selection;
    }

    @Test
    void aGuardedPatternWhoseRootsTheDocumentLacksIsLeftOutAndTheOthersKept(@TempDir Path tmp)
            throws SaxonApiException {
        String xslt = HEAD + ROOTS + """
                <xsl:template match="/"><svrl:schematron-output>
                <xsl:if test="$segur-template-roots = ('1.1')"><xsl:apply-templates select="/" mode="M1"/></xsl:if>
                <xsl:if test="$segur-template-roots = ('9.9', '8.8')"><xsl:apply-templates select="/" mode="M2"/></xsl:if>
                </svrl:schematron-output></xsl:template>
                """ + pattern("M1", "hl7:ClinicalDocument") + pattern("M2", "*[hl7:templateId/@root = '9.9']")
                + "</xsl:stylesheet>";
        StylesheetPruner.Selection selection = check(xslt, tmp);
        assertThat(selection.falseGuards()).containsExactly("$segur-template-roots = ('9.9', '8.8')");
        assertThat(selection.droppedElements()).isEqualTo(3); // M2's text(), walk and rule
    }

    @Test
    void aRuleWhosePathTheDocumentDoesNotHaveIsLeftOut(@TempDir Path tmp) throws SaxonApiException {
        String xslt = HEAD + """
                <xsl:template match="/"><svrl:schematron-output><xsl:apply-templates select="/" mode="M1"/>
                </svrl:schematron-output></xsl:template>
                """ + pattern("M1", "//hl7:ClinicalDocument/hl7:recordTarget[hl7:patientRole]",
                "//hl7:ClinicalDocument/hl7:author/hl7:assignedAuthor", "//hl7:ClinicalDocument/*/hl7:patientRole")
                + "</xsl:stylesheet>";
        StylesheetPruner.Selection selection = check(xslt, tmp);
        assertThat(selection.droppedElements()).isEqualTo(1);
        assertThat(selection.dropped().get(4)).isTrue(); // the author rule
    }

    @Test
    void aModeThatMayProcessAnotherDocumentKeepsEveryRule(@TempDir Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("other.xml"),
                "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><author><assignedAuthor/></author></ClinicalDocument>");
        String xslt = HEAD + """
                <xsl:template match="/"><svrl:schematron-output><xsl:apply-templates select="/" mode="M1"/>
                <xsl:call-template name="other"/></svrl:schematron-output></xsl:template>
                <xsl:template name="other"><xsl:for-each select="doc('other.xml')">
                <xsl:apply-templates select="*" mode="M1"/></xsl:for-each></xsl:template>
                """ + pattern("M1", "//hl7:ClinicalDocument/hl7:author/hl7:assignedAuthor")
                + "</xsl:stylesheet>";
        assertThat(check(xslt, tmp).droppedElements()).isZero();
    }

    @Test
    void aDeclaredDefaultModeStopsThePruning(@TempDir Path tmp) throws SaxonApiException {
        String xslt = HEAD.replace("version=\"2.0\"", "version=\"3.0\" default-mode=\"M2\"") + ROOTS + """
                <xsl:template match="/" mode="#unnamed"><svrl:schematron-output>
                <xsl:if test="$segur-template-roots = ('1.1')"><xsl:apply-templates select="/" mode="M1"/></xsl:if>
                <xsl:if test="$segur-template-roots = ('9.9')"><xsl:apply-templates select="/" mode="M2"/></xsl:if>
                <xsl:apply-templates select="/"/>
                </svrl:schematron-output></xsl:template>
                """ + pattern("M1", "hl7:ClinicalDocument") + pattern("M2", "hl7:ClinicalDocument")
                + "</xsl:stylesheet>";
        assertThat(check(xslt, tmp).droppedElements()).isZero();
    }

    @Test
    void theFactsReadFromTheBytesAreThoseOfTheParsedDocument() throws SaxonApiException {
        String nested = """
                <ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="1.1"/><author><assignedAuthor/></author>
                <component><nonXMLBody><text><ClinicalDocument><templateId root="2.2"/><recordTarget><patientRole/>
                </recordTarget></ClinicalDocument></text></nonXMLBody></component></ClinicalDocument>
                """;
        String xslt = HEAD + ROOTS + """
                <xsl:template match="/"><svrl:schematron-output><xsl:apply-templates select="/" mode="M1"/>
                <xsl:if test="$segur-template-roots = ('2.2')"><xsl:apply-templates select="/" mode="M2"/></xsl:if>
                <xsl:if test="$segur-template-roots = ('3.3')"><xsl:apply-templates select="/" mode="M3"/></xsl:if>
                </svrl:schematron-output></xsl:template>
                """ + pattern("M1", "//hl7:ClinicalDocument/hl7:recordTarget/hl7:patientRole",
                "//hl7:ClinicalDocument/hl7:author/hl7:assignedAuthor", "//hl7:ClinicalDocument/hl7:legalAuthenticator",
                "//hl7:ClinicalDocument/hl7:component/*/hl7:text/hl7:ClinicalDocument/hl7:templateId")
                + pattern("M2", "hl7:ClinicalDocument") + pattern("M3", "hl7:ClinicalDocument") + "</xsl:stylesheet>";
        StylesheetPruner pruner = StylesheetPruner.analyse(xslt);
        XdmNode parsed = processor.newDocumentBuilder().build(new StreamSource(new StringReader(nested)));
        StylesheetPruner.Selection fromTree = pruner.select(StylesheetPruner.DocumentFacts.of(parsed));
        StylesheetPruner.Selection fromBytes = pruner.select(StylesheetPruner.DocumentFacts.read(
                new java.io.ByteArrayInputStream(nested.getBytes(java.nio.charset.StandardCharsets.UTF_8))).orElseThrow());
        assertThat(fromBytes).isEqualTo(fromTree);
        assertThat(fromTree.falseGuards()).containsExactly("$segur-template-roots = ('3.3')");
        assertThat(fromTree.droppedElements()).isEqualTo(4); // legalAuthenticator, M3's text(), walk and rule
        assertThat(StylesheetPruner.DocumentFacts.read(new java.io.ByteArrayInputStream(
                "<x:doc xmlns:x='urn:other'/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).isEmpty();
    }

    /** The stylesheet as the cache holds it: through the optimiser (each mode entered by its selection). */
    private String optimised(String xslt) throws SaxonApiException {
        XdmNode tree = processor.newDocumentBuilder().build(
                new StreamSource(new StringReader(xslt), "file:///segur/p.sch"));
        return SchematronEngine.serialize(processor, new SvrlOptimizer(processor).optimise(tree));
    }

    private static final String SELECTED = HEAD + """
            <xsl:template match="/"><svrl:schematron-output><xsl:apply-templates select="/" mode="M1"/>
            <xsl:apply-templates select="/" mode="M2"/></svrl:schematron-output></xsl:template>
            """ + pattern("M1", "//hl7:ClinicalDocument/hl7:recordTarget[hl7:patientRole]",
            "//hl7:ClinicalDocument/hl7:author/hl7:assignedAuthor",
            "//hl7:ClinicalDocument/hl7:recordTarget[xs:integer(local-name()) = 1]/hl7:author")
            + pattern("M2", "//hl7:ClinicalDocument/hl7:legalAuthenticator", "//hl7:ClinicalDocument/*/hl7:author")
            + "</xsl:stylesheet>";

    @Test
    void aSelectedPatternWhosePathsTheDocumentLacksIsLeftOutAndItsSelectionWrittenForTheRulesKept(
            @TempDir Path tmp) throws SaxonApiException {
        String xslt = optimised(SELECTED.replace("xmlns:hl7=", "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:hl7="));
        assertThat(xslt).contains("select=\"$segur-select-M1\"").contains("select=\"$segur-select-M2\"");
        StylesheetPruner.Selection selection = check(xslt, tmp);
        // M1: the author rule and the one whose predicate fails on recordTarget; M2: both rules (its selection,
        // read by the / template, is written as the empty sequence)
        assertThat(selection.droppedElements()).isEqualTo(4);
        assertThat(selection.selects()).hasSize(2).containsValue("()");
        String m1 = selection.selects().values().stream().filter(v -> !"()".equals(v)).findFirst().orElseThrow();
        assertThat(m1).contains("hl7:recordTarget[hl7:patientRole]").doesNotContain("author");
        // the whole selection of M1 fails on recordTarget (xs:integer('recordTarget')), so the whole stylesheet walks
        // M1; the variant's selection does not fail: both give the same findings (check)
        assertThat(xslt).contains("xs:integer(local-name())");
    }

    @Test
    void aSelectionReadOtherwiseThanByTheOptimiserKeepsItsRules(@TempDir Path tmp) throws SaxonApiException {
        String xslt = optimised(SELECTED.replace("xs:integer(local-name()) = 1", "@x")).replace(
                "<svrl:schematron-output>", "<svrl:schematron-output><xsl:if test=\"count($segur-select-M1) = 1\">"
                        + assertion("counted") + "</xsl:if>");
        StylesheetPruner pruner = StylesheetPruner.analyse(xslt);
        StylesheetPruner.Selection selection = check(xslt, tmp);
        // M1's selection is read by count(): never written again; M2's is, as the empty sequence
        assertThat(selection.selects()).hasSize(1).containsValue("()");
        assertThat(pruner.toString()).contains("1 selected modes"); // M2 only
        // M1's rules: none dropped (its nodes may come from anywhere as far as the pruning knows); M2's two rules
        assertThat(selection.droppedElements()).isEqualTo(2);
    }

    @Test
    void theStoredAnalysisGivesTheSameSelectionsAndOnlyForItsOwnText() throws SaxonApiException {
        String xslt = optimised(SELECTED.replace("xs:integer(local-name()) = 1", "@x"));
        StylesheetPruner analysed = StylesheetPruner.analyse(xslt);
        byte[] stored = analysed.stored().orElseThrow();
        StylesheetPruner restored = StylesheetPruner.restore(xslt, stored).orElseThrow();
        StylesheetPruner.DocumentFacts facts = StylesheetPruner.DocumentFacts.of(document());
        assertThat(restored.select(facts)).isEqualTo(analysed.select(facts));
        assertThat(restored.select(facts).selects()).isEqualTo(analysed.select(facts).selects()).isNotEmpty();
        assertThat(restored.toString()).isEqualTo(analysed.toString());
        assertThat(StylesheetPruner.restore(xslt + " ", stored)).isEmpty();
        assertThat(StylesheetPruner.restore(xslt, java.util.Arrays.copyOf(stored, stored.length - 1))).isEmpty();
        assertThat(StylesheetPruner.restore(xslt, new byte[0])).isEmpty();
    }

    @Test
    void aStylesheetIncludingAnotherModuleKeepsEveryRule(@TempDir Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("other.xml"),
                "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><author><assignedAuthor/></author></ClinicalDocument>");
        java.nio.file.Files.writeString(tmp.resolve("module.xsl"), HEAD + """
                <xsl:template name="other"><xsl:apply-templates select="doc('other.xml')" mode="M1"/></xsl:template>
                </xsl:stylesheet>""");
        String xslt = optimised(HEAD + """
                <xsl:include href="module.xsl"/>
                <xsl:template match="/"><svrl:schematron-output><xsl:apply-templates select="/" mode="M1"/>
                <xsl:call-template name="other"/></svrl:schematron-output></xsl:template>
                """ + pattern("M1", "//hl7:ClinicalDocument/hl7:recordTarget[hl7:patientRole]",
                "//hl7:ClinicalDocument/hl7:author/hl7:assignedAuthor") + "</xsl:stylesheet>");
        assertThat(check(xslt, tmp).droppedElements()).isZero();
    }
}
