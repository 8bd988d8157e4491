package fr.segurbio.cda.internal.cda.write;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.internal.CrBioVocabulary;

/** What one part writes, inside a {@code fragment} root that declares the three namespaces, read back as DOM. */
final class Fragment {

    /** A part's writing. */
    interface Part {
        void write(CdaOut out) throws XMLStreamException;
    }

    final String xml;
    private final Document doc;
    private final XPath xpath;

    private Fragment(String xml, Document doc) {
        this.xml = xml;
        this.doc = doc;
        this.xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return switch (prefix) {
                    case "h" -> CrBioVocabulary.NS_HL7;
                    case "lab" -> CrBioVocabulary.NS_LAB;
                    case "xsi" -> CrBioVocabulary.NS_XSI;
                    default -> XMLConstants.NULL_NS_URI;
                };
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
    }

    static Fragment of(Part part) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer chars = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
        XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(chars);
        w.writeStartDocument("UTF-8", "1.0");
        w.setDefaultNamespace(CrBioVocabulary.NS_HL7);
        w.setPrefix("lab", CrBioVocabulary.NS_LAB);
        w.setPrefix("xsi", CrBioVocabulary.NS_XSI);
        w.writeStartElement(CrBioVocabulary.NS_HL7, "fragment");
        w.writeDefaultNamespace(CrBioVocabulary.NS_HL7);
        w.writeNamespace("lab", CrBioVocabulary.NS_LAB);
        w.writeNamespace("xsi", CrBioVocabulary.NS_XSI);
        part.write(new CdaOut(w, chars, bytes, InstanceId.of("1.2.250.1.213.1.1.9.7", "DOC-1")));
        w.writeEndDocument();
        w.flush();
        chars.flush();
        return parse(bytes.toByteArray());
    }

    /** A part that opens the document itself ({@link HeaderPart}); what it leaves open is closed. */
    static Fragment document(Part part) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer chars = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
        XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(chars);
        CdaOut out = new CdaOut(w, chars, bytes, InstanceId.of("1.2.250.1.213.1.1.9.7", "DOC-1"));
        part.write(out);
        out.finish();
        chars.flush();
        return parse(bytes.toByteArray());
    }

    static Fragment parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new Fragment(new String(xml, StandardCharsets.UTF_8),
                f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)));
    }

    String string(String expr) throws Exception {
        return xpath.evaluate(expr, doc);
    }

    int count(String expr) throws Exception {
        return ((Double) xpath.evaluate("count(" + expr + ")", doc, XPathConstants.NUMBER)).intValue();
    }

    List<String> strings(String expr) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(expr, doc, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    /** The local names of the element children of the first node the expression selects. */
    List<String> children(String expr) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(expr + "/*", doc, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getLocalName());
        }
        return out;
    }
}
