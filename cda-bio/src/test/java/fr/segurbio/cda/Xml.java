package fr.segurbio.cda;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import fr.segurbio.testkit.ConformanceMaterial;

/** Test helpers: parse, XPath with the hl7 and lab prefixes, XSD validation against CDA_extended.xsd. */
final class Xml {

    private static Schema schema;

    private Xml() {
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static XPath xpath() {
        XPath x = XPathFactory.newInstance().newXPath();
        x.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                switch (prefix) {
                    case "h":
                        return "urn:hl7-org:v3";
                    case "lab":
                        return "urn:oid:1.3.6.1.4.1.19376.1.3.2";
                    case "xsi":
                        return "http://www.w3.org/2001/XMLSchema-instance";
                    default:
                        return XMLConstants.NULL_NS_URI;
                }
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return x;
    }

    static String string(Document d, String expr) throws Exception {
        return (String) xpath().evaluate(expr, d, XPathConstants.STRING);
    }

    static double number(Document d, String expr) throws Exception {
        return (Double) xpath().evaluate(expr, d, XPathConstants.NUMBER);
    }

    static List<String> strings(Document d, String expr) throws Exception {
        NodeList nodes = (NodeList) xpath().evaluate(expr, d, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    static Optional<Path> xsd() {
        return ConformanceMaterial.find("conformance/cda/infrastructure/cda/CDA_extended.xsd");
    }

    /** Every XSD error of a document. */
    static synchronized List<String> xsdErrors(byte[] xml) throws Exception {
        if (schema == null) {
            schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd().orElseThrow().toFile());
        }
        Validator v = schema.newValidator();
        List<String> errors = new ArrayList<>();
        v.setErrorHandler(new DefaultHandler() {
            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }
        });
        v.validate(new StreamSource(new ByteArrayInputStream(xml)));
        return errors;
    }
}
