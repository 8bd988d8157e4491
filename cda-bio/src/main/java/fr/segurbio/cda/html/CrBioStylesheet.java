package fr.segurbio.cda.html;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.transform.TransformerException;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;

import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import fr.segurbio.cda.CdaException;
import fr.segurbio.core.Problem;
import fr.segurbio.transport.SecureXml;
import net.sf.saxon.lib.Feature;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathExecutable;
import net.sf.saxon.s9api.XPathSelector;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * The self-presenting stylesheet of the CR-BIO: an XSLT 1.0 stylesheet shipped in this jar that turns a CR-BIO
 * (CDA R2 N3, or N1) into a readable HTML page showing what the PDF report shows (lab, patient with the INS and
 * its qualification, prescriber and recipients, specimens, results by chapter with units, reference ranges,
 * flags, previous results, comments, subcontracting, validating biologists).
 *
 * <p>Two uses:
 * <ul>
 *   <li>render server-side with Saxon-HE: {@link #toHtml(byte[])}, {@link #render(InputStream, OutputStream)};
 *   <li>publish the stylesheet with the lab's look baked in ({@link #xsl()}, {@link #publish(Path)}) beside the
 *       documents whose {@code xml-stylesheet} processing instruction names it
 *       ({@code CrBioWriter.builder().stylesheet(CrBioStylesheet.FILE_NAME)}), so that a browser presents them.
 * </ul>
 *
 * <pre>{@code
 * CrBioStylesheet sheet = CrBioStylesheet.create(HtmlStyle.builder().primaryColor("#00594F").build());
 * String html = sheet.toHtml(Files.readAllBytes(Path.of("cr.xml")));
 * sheet.publish(Path.of("/srv/www/cr"));       // writes /srv/www/cr/crbio.xsl
 * }</pre>
 *
 * <p>The stylesheet is compiled once per JVM and shared; instances are immutable and thread-safe. Documents are
 * parsed with the SDK's hardened parser: a DOCTYPE, an external entity or a document over
 * {@link #MAX_DOCUMENT_BYTES} is refused ({@code CDA-801}).
 */
public final class CrBioStylesheet {

    /** The file name under which {@link #publish(Path)} writes the stylesheet; use it as the PI's href. */
    public static final String FILE_NAME = "crbio.xsl";

    /** The largest document accepted, in bytes. */
    public static final long MAX_DOCUMENT_BYTES = SecureXml.DEFAULT_MAX_BYTES;

    static final String RESOURCE = "/fr/segurbio/cda/xsl/crbio.xsl";
    private static final Pattern PARAM = Pattern.compile("<xsl:param name=\"([a-z-]+)\" select=\"[^\"]*\"/>");

    private final HtmlStyle style;
    private final Map<QName, XdmValue> parameters;

    private CrBioStylesheet(HtmlStyle style) {
        this.style = style;
        Map<QName, XdmValue> p = new LinkedHashMap<>();
        style.parameters().forEach((name, value) -> p.put(new QName(name), new XdmAtomicValue(value)));
        this.parameters = Map.copyOf(p);
    }

    /**
     * The stylesheet with the default look.
     *
     * @return the stylesheet
     */
    public static CrBioStylesheet create() {
        return create(HtmlStyle.defaults());
    }

    /**
     * The stylesheet with a lab's look.
     *
     * @param style the lab's look
     * @return the stylesheet
     */
    public static CrBioStylesheet create(HtmlStyle style) {
        Objects.requireNonNull(style, "style");
        Compiled.get();
        return new CrBioStylesheet(style);
    }

    /**
     * The look this stylesheet applies.
     *
     * @return the style
     */
    public HtmlStyle style() {
        return style;
    }

    /**
     * Renders a CDA document to HTML.
     *
     * @param cda the CDA XML
     * @return the HTML page (UTF-8 text)
     * @throws CdaException {@code CDA-801} unreadable or refused XML, {@code CDA-802} not a CDA
     */
    public String toHtml(byte[] cda) {
        Objects.requireNonNull(cda, "cda");
        ByteArrayOutputStream out = new ByteArrayOutputStream(cda.length);
        render(new ByteArrayInputStream(cda), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Renders a CDA file to an HTML file.
     *
     * @param cda the CDA XML file
     * @param html the HTML file to write (replaced)
     * @throws CdaException as {@link #render(InputStream, OutputStream)}
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public void render(Path cda, Path html) {
        try (InputStream in = Files.newInputStream(cda)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            render(in, buffer);
            Files.write(html, buffer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders a CDA document read from a stream to HTML written to a stream (UTF-8). Neither stream is closed.
     *
     * @param cda the CDA XML
     * @param html where the HTML page goes
     * @throws CdaException {@code CDA-801} unreadable or refused XML, {@code CDA-802} not a CDA,
     *         {@code CDA-805} transformation failure
     */
    public void render(InputStream cda, OutputStream html) {
        Objects.requireNonNull(cda, "cda");
        Objects.requireNonNull(html, "html");
        Compiled c = Compiled.get();
        XdmNode document = parse(c, cda);
        try {
            XPathSelector check = c.isCda.load();
            check.setContextItem(document);
            if (!check.effectiveBooleanValue()) {
                throw new CdaException(HtmlRenderError.NOT_A_CDA);
            }
            Xslt30Transformer t = c.executable.load30();
            t.setStylesheetParameters(parameters);
            t.setGlobalContextItem(document);
            t.applyTemplates(document, c.processor.newSerializer(html));
        } catch (SaxonApiException e) {
            throw new CdaException(Problem.of(HtmlRenderError.RENDER_FAILED, "", e.getMessage()), e);
        }
    }

    /**
     * The stylesheet's text with this style's values as the parameters' defaults: the file a lab publishes
     * beside its documents so that a browser shows them with its look.
     *
     * @return the XSLT 1.0 stylesheet, UTF-8
     */
    public byte[] xsl() {
        String text = new String(Compiled.get().source, StandardCharsets.UTF_8);
        Map<String, String> values = style.parameters();
        Matcher m = PARAM.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            String name = m.group(1);
            String replacement = values.containsKey(name)
                    ? "<xsl:param name=\"" + name + "\" select=\"" + xmlAttribute(xpathLiteral(values.get(name)))
                            + "\"/>"
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@link #xsl()} as {@code dir/}{@value #FILE_NAME}.
     *
     * @param dir the folder that holds (or will hold) the documents
     * @return the file written
     * @throws UncheckedIOException when it cannot be written
     */
    public Path publish(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            Files.write(file, xsl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static XdmNode parse(Compiled c, InputStream in) {
        SecureXml.LimitedInputStream limited = new SecureXml.LimitedInputStream(in, MAX_DOCUMENT_BYTES);
        XMLReader reader;
        try {
            reader = SecureXml.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
        } catch (SAXException e) {
            throw new IllegalStateException("hardened SAX reader unavailable", e);
        }
        DocumentBuilder builder = c.processor.newDocumentBuilder();
        builder.setLineNumbering(false);
        try {
            return builder.build(new SAXSource(reader, new InputSource(limited)));
        } catch (SaxonApiException e) {
            String reason = limited.exceeded() ? "larger than " + MAX_DOCUMENT_BYTES + " bytes" : rootMessage(e);
            throw new CdaException(Problem.of(HtmlRenderError.UNREADABLE, "", reason), e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return String.valueOf(r.getMessage());
    }

    /** An XPath 1.0 string literal for any text. */
    static String xpathLiteral(String value) {
        if (value.indexOf('\'') < 0) {
            return "'" + value + "'";
        }
        if (value.indexOf('"') < 0) {
            return "\"" + value + "\"";
        }
        StringBuilder b = new StringBuilder("concat(");
        String[] parts = value.split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append(", \"'\", ");
            }
            b.append('\'').append(parts[i]).append('\'');
        }
        return b.append(')').toString();
    }

    private static String xmlAttribute(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\t", "&#9;");
    }

    /** The processor and the compiled stylesheet, built once per JVM. */
    private static final class Compiled {
        private static volatile Compiled instance;

        final Processor processor;
        final XsltExecutable executable;
        final XPathExecutable isCda;
        final byte[] source;

        private Compiled() {
            URL url = CrBioStylesheet.class.getResource(RESOURCE);
            if (url == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            try (InputStream in = url.openStream()) {
                source = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            processor = new Processor(false);
            processor.setConfigurationProperty(Feature.ALLOW_EXTERNAL_FUNCTIONS, false);
            XsltCompiler compiler = processor.newXsltCompiler();
            compiler.setURIResolver((href, base) -> {
                throw new TransformerException("the CR-BIO stylesheet imports nothing: " + href);
            });
            try {
                executable = compiler.compile(new StreamSource(new ByteArrayInputStream(source), url.toExternalForm()));
                isCda = processor.newXPathCompiler()
                        .compile("exists(//*[local-name() = 'ClinicalDocument' and namespace-uri() = 'urn:hl7-org:v3'])");
            } catch (SaxonApiException e) {
                throw new IllegalStateException("the shipped stylesheet does not compile", e);
            }
        }

        static Compiled get() {
            Compiled c = instance;
            if (c == null) {
                synchronized (Compiled.class) {
                    c = instance;
                    if (c == null) {
                        c = new Compiled();
                        instance = c;
                    }
                }
            }
            return c;
        }
    }
}
