package fr.segurbio.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;

/**
 * The ANS validation route, for comparison in the same benchmark run: {@code CDA_extended.xsd} with the JDK's
 * validator, then the generic profiles and the CR-BIO volet turned into XSLT by the package's untouched ISO
 * skeleton and run by Saxon-HE on a fresh parse per profile, as the ANS tooling does. Compiled once; the volet is
 * chosen like the SDK does (the CR-BIO templateId's extension, N3 only).
 *
 * <pre>{@code
 * AnsValidationRoute ans = new AnsValidationRoute(Path.of("conformance/cda"));
 * int failures = ans.validate(Files.readAllBytes(Path.of("cr-bio.xml")));
 * }</pre>
 */
public final class AnsValidationRoute {

    private static final String[] GENERIC = {
        "profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch",
        "profils/IHE.sch",
        "profils/CI-SIS_ModelesDeContenusCDA.sch",
        "profils/CI-SIS_Modeles_ANS.sch"
    };

    private final Processor processor = new Processor(false);
    private final Schema xsd;
    private final Map<String, XsltExecutable> generic = new LinkedHashMap<>();
    private final Map<String, XsltExecutable> volets = new LinkedHashMap<>();

    /**
     * Compiles the XSD, the generic profiles and every CR-BIO volet of the package.
     *
     * @param packageRoot the conformance package (a testContenuCDA tree)
     */
    public AnsValidationRoute(Path packageRoot) {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            xsd = f.newSchema(new StreamSource(packageRoot.resolve("infrastructure/cda/CDA_extended.xsd").toUri()
                    .toString()));
            Path sch = packageRoot.resolve("schematrons");
            XsltExecutable include = compile(sch.resolve("moteur/iso_dsdl_include.xsl"));
            XsltExecutable expand = compile(sch.resolve("moteur/iso_abstract_expand.xsl"));
            XsltExecutable svrl = compile(sch.resolve("moteur/iso_svrl_for_xslt2.xsl"));
            for (String g : GENERIC) {
                generic.put(g, skeleton(include, expand, svrl, sch.resolve(g)));
            }
            for (String v : new String[] {"2021.01", "2023.01", "2024.01"}) {
                Path volet = sch.resolve("CI-SIS_BIO-CR-BIO_" + v + ".sch");
                if (Files.isRegularFile(volet)) {
                    volets.put(v, skeleton(include, expand, svrl, volet));
                }
            }
        } catch (SAXException | SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private XsltExecutable compile(Path xsl) throws SaxonApiException {
        return processor.newXsltCompiler().compile(new StreamSource(xsl.toUri().toString()));
    }

    private XsltExecutable skeleton(XsltExecutable include, XsltExecutable expand, XsltExecutable svrl, Path sch)
            throws SaxonApiException {
        URI base = sch.toUri();
        XdmNode a = run(include.load(), new StreamSource(base.toString()), base);
        XdmNode b = run(expand.load(), a.asSource(), base);
        XdmNode c = run(svrl.load(), b.asSource(), base);
        return processor.newXsltCompiler().compile(c.asSource());
    }

    private static XdmNode run(XsltTransformer t, Source in, URI base) throws SaxonApiException {
        t.setSource(in);
        t.setMessageHandler(m -> { });
        XdmDestination out = new XdmDestination();
        out.setBaseURI(base);
        t.setDestination(out);
        t.transform();
        return out.getXdmNode();
    }

    /**
     * Validates a document: the XSD, the generic profiles and, for a CR-BIO N3, its volet.
     *
     * @param xml the document
     * @return the number of XSD errors and SVRL failed assertions and successful reports
     */
    public int validate(byte[] xml) {
        int[] count = new int[1];
        try {
            Validator v = xsd.newValidator();
            v.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    count[0]++;
                }

                @Override
                public void error(SAXParseException e) {
                    count[0]++;
                }

                @Override
                public void fatalError(SAXParseException e) {
                    count[0]++;
                }
            });
            try {
                v.validate(new StreamSource(new ByteArrayInputStream(xml)));
            } catch (SAXException e) {
                count[0]++;
            }
            Map<String, XsltExecutable> profiles = new LinkedHashMap<>(generic);
            String text = new String(xml, 0, Math.min(xml.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
            boolean structured = new String(xml, java.nio.charset.StandardCharsets.UTF_8).contains("structuredBody");
            int at = text.indexOf("1.2.250.1.213.1.1.1.55");
            if (structured && at >= 0) {
                int ext = text.indexOf("extension=\"", at);
                int end = text.indexOf('>', at);
                String version = ext > 0 && ext < end ? text.substring(ext + 11, text.indexOf('"', ext + 11))
                        : "2021.01";
                if (volets.containsKey(version)) {
                    profiles.put(version, volets.get(version));
                }
            }
            for (XsltExecutable p : profiles.values()) {
                XsltTransformer t = p.load();
                t.setSource(new StreamSource(new ByteArrayInputStream(xml)));
                t.setMessageHandler(m -> { });
                XdmDestination out = new XdmDestination();
                t.setDestination(out);
                t.transform();
                count[0] += countFailures(out.getXdmNode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
        return count[0];
    }

    private static int countFailures(XdmNode node) {
        int n = 0;
        for (XdmNode c : node.children()) {
            if (c.getNodeName() != null && ("failed-assert".equals(c.getNodeName().getLocalName())
                    || "successful-report".equals(c.getNodeName().getLocalName()))) {
                n++;
            } else {
                n += countFailures(c);
            }
        }
        return n;
    }
}
