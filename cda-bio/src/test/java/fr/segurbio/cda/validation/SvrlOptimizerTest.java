package fr.segurbio.cda.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import javax.xml.transform.stream.StreamSource;

import org.junit.jupiter.api.Test;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;

class SvrlOptimizerTest {

    @Test
    void aRuleKeyedOnATemplateIdNeedsThatRoot() {
        assertThat(SvrlOptimizer.requiredRoot("*[cda:templateId/@root = \"1.3.6.1\"]", null)).isEqualTo("1.3.6.1");
        assertThat(SvrlOptimizer.requiredRoot("*[cda:templateId[@root='1.2']]", null)).isEqualTo("1.2");
        assertThat(SvrlOptimizer.requiredRoot("cda:observation[cda:templateId/@root='1.2.5']/cda:code", null))
                .isEqualTo("1.2.5");
        assertThat(SvrlOptimizer.requiredRoot("cda:entry[cda:act/cda:templateId/@root='7.8']", null)).isEqualTo("7.8");
        assertThat(SvrlOptimizer.requiredRoot(
                "*[cda:templateId/@root=\"1.1\" and not(cda:templateId/@root=\"2.2\")]/cda:routeCode", null))
                .isEqualTo("1.1");
        assertThat(SvrlOptimizer.requiredRoot(
                "*[@typeCode='X' and cda:templateId/@root='3.3']", null)).isEqualTo("3.3");
    }

    @Test
    void aRuleThatMayMatchWithoutTheRootIsNotKeyed() {
        assertThat(SvrlOptimizer.requiredRoot("*[cda:templateId/@root='1' or cda:templateId/@root='2']", null)).isNull();
        assertThat(SvrlOptimizer.requiredRoot("*[count(cda:templateId[@root='1.2']) = 0]", null)).isNull();
        assertThat(SvrlOptimizer.requiredRoot("*[not(cda:templateId/@root='1.2')]", null)).isNull();
        assertThat(SvrlOptimizer.requiredRoot("*[cda:templateId/@root!='1.2']", null)).isNull();
        assertThat(SvrlOptimizer.requiredRoot("cda:section | *[cda:templateId/@root='1.2']", null)).isNull();
        assertThat(SvrlOptimizer.requiredRoot("cda:section", null)).isNull();
        assertThat(SvrlOptimizer.requiredRoot("*[cda:templateId/@root = $oid]", null)).isNull();
    }

    @Test
    void optimisedProfilesGiveTheSameFindingsAsTheSkeletonsOwn() throws SaxonApiException, IOException {
        ConformancePackage pkg = ConformancePackage.at(SharedValidator.material());
        Processor processor = new Processor(false);
        SchematronEngine plain = new SchematronEngine(processor, pkg, false);
        SchematronEngine optimised = new SchematronEngine(processor, pkg, true);
        String tsh = Files.readString(SharedValidator.example("BIO-CR-BIO_2024.01_TSH_1.xml"), StandardCharsets.UTF_8);
        String broken = tsh.replace("<statusCode code=\"completed\"/>", "<statusCode code=\"new\"/>")
                .replace("codeSystem=\"2.16.840.1.113883.6.1\"", "codeSystem=\"9.9.9\"")
                .replaceFirst("<templateId root=\"1.2.250.1.213.1.1.3.48.18\"/>", "");
        List<XdmNode> documents = List.of(
                parse(processor, broken),
                processor.newDocumentBuilder().build(new StreamSource(
                        SharedValidator.example("BIO-CR-BIO_2023.01_Electrophorese.xml").toFile())));
        int compared = 0;
        for (ConformancePackage.Profile p : pkg.genericProfiles().subList(1, 4)) {
            SchematronEngine.CompiledSchematron a = plain.compile(p.name(), p.schematron());
            SchematronEngine.CompiledSchematron b = optimised.compile(p.name(), p.schematron());
            for (XdmNode doc : documents) {
                List<Finding> expected = a.run(doc);
                assertThat(b.run(doc)).as(p.name()).isEqualTo(expected);
                compared += expected.size();
            }
        }
        assertThat(compared).as("the broken document must give findings to compare").isGreaterThan(5);
    }

    private static XdmNode parse(Processor processor, String xml) throws SaxonApiException {
        return processor.newDocumentBuilder().build(new StreamSource(new java.io.StringReader(xml)));
    }
}
