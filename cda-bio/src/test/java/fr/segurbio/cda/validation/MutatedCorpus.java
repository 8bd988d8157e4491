package fr.segurbio.cda.validation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A seeded generator of CR-BIO documents made by mutating the conformance package's examples: elements removed,
 * codes changed, dates changed (shifted or malformed), elements duplicated, templateIds replaced by wrong ones,
 * codes replaced by codes of another value set (one found elsewhere in the same document). The same seed gives the
 * same corpus.
 */
final class MutatedCorpus {

    /** The examples mutated: every CR-BIO N3 of each volet version and the level-1 documents. */
    static final List<String> BASES = List.of(
            "BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml",
            "BIO-CR-BIO_2021.01_CR-2nde-intention.xml",
            "BIO-CR-BIO_2021.01_Electrophorese.xml",
            "BIO-CR-BIO_2021.01_Microbiologie_V1.xml",
            "BIO-CR-BIO_2021.01_Microbiologie_V2.xml",
            "BIO-CR-BIO_2023.01_Electrophorese.xml",
            "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
            "BIO-CR-BIO_2024.01_Glycemie_deux_unites_principales_mole_masse.xml",
            "BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2.xml",
            "BIO-CR-BIO_2024.01_Glycemie_mmol_par_Litre_1.xml",
            "BIO-CR-BIO_2024.01_Glycemie_mole.xml",
            "BIO-CR-BIO_2024.01_TSH_1.xml",
            "BIO-CR-BIO_2024.01_TSH_2.xml",
            "DOC_NON_STRUCTURE_CDA-R2-N1.xml");

    private static final String[] DATE_ELEMENTS = {"effectiveTime", "time", "low", "high", "birthTime", "center"};

    /** One mutated document: its bytes and what was done to which example. */
    record Mutant(String name, String description, byte[] xml) {
    }

    private final List<Document> bases = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Random random;

    MutatedCorpus(Path examples, long seed) throws IOException, SAXException, ParserConfigurationException {
        this.random = new Random(seed);
        DocumentBuilder db = builder();
        for (String n : BASES) {
            Path p = examples.resolve(n);
            if (Files.isRegularFile(p)) {
                bases.add(db.parse(p.toFile()));
                names.add(n);
            }
        }
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder();
    }

    /** The next {@code count} mutants (1 to 3 mutations each), cycling over the examples. */
    List<Mutant> generate(int count) throws TransformerException {
        List<Mutant> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int b = i % bases.size();
            Document doc = (Document) bases.get(b).cloneNode(true);
            List<String> done = new ArrayList<>();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                done.add(mutate(doc));
            }
            out.add(new Mutant(String.format("mutant-%03d-%s", i, names.get(b)), String.join("; ", done),
                    serialize(doc)));
        }
        return out;
    }

    private String mutate(Document doc) {
        List<Element> all = elements(doc);
        switch (random.nextInt(6)) {
            case 0: {
                Element e = pick(all.subList(1, all.size()));
                e.getParentNode().removeChild(e);
                return "removed " + path(e);
            }
            case 1: {
                Element e = pick(all.subList(1, all.size()));
                e.getParentNode().insertBefore(e.cloneNode(true), e.getNextSibling());
                return "duplicated " + path(e);
            }
            case 2: {
                List<Element> coded = withAttribute(all, "code");
                if (coded.isEmpty()) {
                    return "no code to change";
                }
                Element e = pick(coded);
                String code = e.getAttribute("code");
                e.setAttribute("code", random.nextBoolean() ? code + "X" : "ZZ" + random.nextInt(1000));
                return "code changed at " + path(e);
            }
            case 3: {
                List<Element> dated = new ArrayList<>();
                for (Element e : withAttribute(all, "value")) {
                    for (String n : DATE_ELEMENTS) {
                        if (n.equals(e.getLocalName())) {
                            dated.add(e);
                        }
                    }
                }
                if (dated.isEmpty()) {
                    return "no date to change";
                }
                Element e = pick(dated);
                String v = e.getAttribute("value");
                String[] choices = {"2024-13-45", v.length() > 4 ? v.substring(0, 4) : "1", "20241301",
                    "1899" + (v.length() > 4 ? v.substring(4) : ""), v + "+2500", ""};
                e.setAttribute("value", choices[random.nextInt(choices.length)]);
                return "date changed at " + path(e);
            }
            case 4: {
                List<Element> ids = new ArrayList<>();
                for (Element e : all) {
                    if ("templateId".equals(e.getLocalName())) {
                        ids.add(e);
                    }
                }
                if (ids.isEmpty()) {
                    return "no templateId";
                }
                Element e = pick(ids);
                Element other = pick(ids);
                String root = random.nextBoolean() && other != e ? other.getAttribute("root")
                        : "1.2.250.1.213.1.1.9." + random.nextInt(100);
                e.setAttribute("root", root);
                return "templateId changed at " + path(e);
            }
            default: {
                List<Element> coded = new ArrayList<>();
                for (Element e : withAttribute(all, "code")) {
                    if (e.hasAttribute("codeSystem")) {
                        coded.add(e);
                    }
                }
                if (coded.size() < 2) {
                    return "no value-set code to swap";
                }
                Element e = pick(coded);
                Element donor = pick(coded);
                e.setAttribute("code", donor.getAttribute("code"));
                if (random.nextBoolean()) {
                    e.setAttribute("codeSystem", donor.getAttribute("codeSystem"));
                }
                return "value-set code from " + path(donor) + " put at " + path(e);
            }
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static List<Element> elements(Document doc) {
        List<Element> list = new ArrayList<>();
        NodeList nl = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < nl.getLength(); i++) {
            list.add((Element) nl.item(i));
        }
        return list;
    }

    private static List<Element> withAttribute(List<Element> all, String name) {
        List<Element> list = new ArrayList<>();
        for (Element e : all) {
            Attr a = e.getAttributeNode(name);
            if (a != null) {
                list.add(e);
            }
        }
        return list;
    }

    private static String path(Element e) {
        StringBuilder sb = new StringBuilder();
        for (org.w3c.dom.Node n = e; n instanceof Element; n = n.getParentNode()) {
            sb.insert(0, "/" + n.getLocalName());
        }
        return sb.toString();
    }

    private static byte[] serialize(Document doc) throws TransformerException {
        Transformer t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }
}
