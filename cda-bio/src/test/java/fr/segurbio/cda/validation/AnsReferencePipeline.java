package fr.segurbio.cda.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;

/**
 * The ANS validation route as the ANS tooling runs it, kept apart from the SDK's code: {@code CDA_extended.xsd}
 * with the JDK's validator on its own parse, then each schematron turned into XSLT by the package's untouched ISO
 * skeleton (include, abstract expansion, {@code iso_svrl_for_xslt2.xsl} with its default parameters), the
 * generated XSLT compiled as it is (no rewrite, no pruning), and run by Saxon-HE on a fresh parse of the document
 * per profile, {@code doc()} resolved by Saxon itself. Compiled once; thread-safe.
 */
final class AnsReferencePipeline {

    static final String SVRL = "http://purl.oclc.org/dsdl/svrl";
    private static final String HL7 = "urn:hl7-org:v3";

    /** One finding as the differential test compares them. */
    record Key(String source, String id, String location) {
        @Override
        public String toString() {
            return source + " " + id + " @ " + location;
        }
    }

    private final ConformancePackage pkg;
    private final Processor processor = new Processor(false);
    private final Schema xsd;
    private final Map<String, XsltExecutable> generic = new LinkedHashMap<>();
    private final Map<String, XsltExecutable> volets = new LinkedHashMap<>();

    AnsReferencePipeline(ConformancePackage pkg) throws SaxonApiException, SAXException {
        this.pkg = pkg;
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        this.xsd = f.newSchema(new StreamSource(pkg.xsd().toUri().toString()));
        XsltExecutable include = compile(pkg.skeleton("iso_dsdl_include.xsl"));
        XsltExecutable expand = compile(pkg.skeleton("iso_abstract_expand.xsl"));
        XsltExecutable svrl = compile(pkg.skeleton("iso_svrl_for_xslt2.xsl"));
        List<ConformancePackage.Profile> profiles = new ArrayList<>(pkg.genericProfiles());
        if (pkg.terminologyUsable()) {
            profiles.add(new ConformancePackage.Profile("terminologies", pkg.terminologySchematron()));
        }
        for (ConformancePackage.Profile p : profiles) {
            generic.put(p.name(), skeleton(include, expand, svrl, p.schematron()));
        }
        for (String v : List.of("2021.01", "2023.01", "2024.01")) {
            Path sch = pkg.voletPath(v);
            if (Files.isRegularFile(sch)) {
                volets.put(v, skeleton(include, expand, svrl, sch));
            }
        }
    }

    private XsltExecutable compile(Path xsl) throws SaxonApiException {
        XsltCompiler c = processor.newXsltCompiler();
        return c.compile(new StreamSource(xsl.toUri().toString()));
    }

    private XsltExecutable skeleton(XsltExecutable include, XsltExecutable expand, XsltExecutable svrl, Path sch)
            throws SaxonApiException {
        URI base = sch.toUri();
        XdmNode a = run(include.load(), new StreamSource(base.toString()), base);
        XdmNode b = run(expand.load(), a.asSource(), base);
        XdmNode c = run(svrl.load(), b.asSource(), base);
        XsltCompiler compiler = processor.newXsltCompiler();
        return compiler.compile(c.asSource());
    }

    private static XdmNode run(XsltTransformer t, javax.xml.transform.Source in, URI base) throws SaxonApiException {
        t.setSource(in);
        t.setMessageHandler(m -> { });
        XdmDestination out = new XdmDestination();
        out.setBaseURI(base);
        t.setDestination(out);
        t.transform();
        return out.getXdmNode();
    }

    /** Every (source, id, location) the route reports for a CR-BIO document. */
    Set<Key> validate(byte[] xml) throws IOException, SaxonApiException {
        Set<Key> keys = new LinkedHashSet<>();
        Validator v = xsd.newValidator();
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                keys.add(new Key("xsd", "", position(e)));
            }

            @Override
            public void error(SAXParseException e) {
                keys.add(new Key("xsd", "", position(e)));
            }

            @Override
            public void fatalError(SAXParseException e) {
                keys.add(new Key("xsd", "", position(e)));
            }
        });
        try {
            v.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            // reported through the handler
        }
        XdmNode doc = processor.newDocumentBuilder().build(new StreamSource(new ByteArrayInputStream(xml)));
        XdmNode root = null;
        for (XdmNode c : doc.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT) {
                root = c;
            }
        }
        Map<String, XsltExecutable> profiles = new LinkedHashMap<>(generic);
        if (isStructured(root)) {
            String version = null;
            for (XdmNode c : root.children()) {
                if (c.getNodeKind() == XdmNodeKind.ELEMENT && "templateId".equals(c.getNodeName().getLocalName())
                        && "1.2.250.1.213.1.1.1.55".equals(c.attribute("root"))) {
                    String ext = c.attribute("extension");
                    version = ext == null || ext.isBlank() ? "2021.01" : ext.trim();
                    break;
                }
            }
            if (version != null && volets.containsKey(version)) {
                profiles.put("BIO-CR-BIO_" + version, volets.get(version));
            }
        }
        for (Map.Entry<String, XsltExecutable> p : profiles.entrySet()) {
            XsltTransformer t = p.getValue().load();
            t.setSource(new StreamSource(new ByteArrayInputStream(xml)));
            t.setMessageHandler(m -> { });
            XdmDestination out = new XdmDestination();
            t.setDestination(out);
            try {
                t.transform();
            } catch (SaxonApiException e) {
                // the route stops on a dynamic error of the profile (the SDK reports it as CDA-507)
                keys.add(new Key(p.getKey(), CdaValidationError.PROFILE_FAILED.id(), ""));
                continue;
            }
            collect(p.getKey(), out.getXdmNode(), keys);
        }
        return keys;
    }

    private static boolean isStructured(XdmNode root) {
        for (XdmNode c : root.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT && "component".equals(c.getNodeName().getLocalName())
                    && HL7.equals(c.getNodeName().getNamespace())) {
                for (XdmNode d : c.children()) {
                    if (d.getNodeKind() == XdmNodeKind.ELEMENT
                            && "structuredBody".equals(d.getNodeName().getLocalName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void collect(String source, XdmNode node, Set<Key> keys) {
        for (XdmNode c : node.children()) {
            if (c.getNodeKind() != XdmNodeKind.ELEMENT) {
                continue;
            }
            QName n = c.getNodeName();
            if (SVRL.equals(n.getNamespace())
                    && ("failed-assert".equals(n.getLocalName()) || "successful-report".equals(n.getLocalName()))) {
                String id = c.attribute("id");
                keys.add(new Key(source, id == null ? "" : id, c.attribute("location")));
            } else {
                collect(source, c, keys);
            }
        }
    }

    private static String position(SAXParseException e) {
        return e.getLineNumber() > 0 ? "line " + e.getLineNumber() + ", column " + e.getColumnNumber() : "";
    }

    ConformancePackage conformancePackage() {
        return pkg;
    }
}
