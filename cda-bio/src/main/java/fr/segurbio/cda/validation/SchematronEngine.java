package fr.segurbio.cda.validation;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;

import fr.segurbio.core.Severity;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;
import net.sf.saxon.s9api.Xslt30Transformer;

/**
 * Compiles ISO Schematron ({@code queryBinding="xslt2"}) with the package's own ISO skeleton
 * ({@code iso_dsdl_include.xsl} → {@code iso_abstract_expand.xsl} → {@code iso_svrl_for_xslt2.xsl}) on Saxon-HE,
 * entirely in memory: the generated XSLT gets the {@code .sch} file's URI as its base URI so that relative
 * {@code doc()} calls resolve as they do beside the {@code .sch}. Thread-safe once built.
 */
final class SchematronEngine {

    static final String SVRL = "http://purl.oclc.org/dsdl/svrl";

    private final Processor processor;
    private final XsltExecutable include;
    private final XsltExecutable expand;
    private final XsltExecutable svrl;
    private final PackageDocuments documents;
    private final SvrlOptimizer optimizer;

    SchematronEngine(Processor processor, ConformancePackage pkg) throws SaxonApiException {
        this(processor, pkg, true);
    }

    /** An engine; {@code optimise=false} keeps the skeleton's XSLT exactly as generated (tests compare both). */
    SchematronEngine(Processor processor, ConformancePackage pkg, boolean optimise) throws SaxonApiException {
        this(processor, pkg, optimise, new PackageDocuments(processor, pkg.root()));
    }

    /** An engine sharing the validator's package documents. */
    SchematronEngine(Processor processor, ConformancePackage pkg, boolean optimise, PackageDocuments documents)
            throws SaxonApiException {
        this.processor = processor;
        this.documents = documents;
        this.include = compileXslt(pkg.skeleton("iso_dsdl_include.xsl"));
        this.expand = compileXslt(pkg.skeleton("iso_abstract_expand.xsl"));
        this.svrl = compileXslt(pkg.skeleton("iso_svrl_for_xslt2.xsl"));
        this.optimizer = optimise ? new SvrlOptimizer(processor) : null;
    }

    /** The shared cache of package documents read by {@code doc()}. */
    PackageDocuments documents() {
        return documents;
    }

    private XsltExecutable compileXslt(Path xsl) throws SaxonApiException {
        XsltCompiler compiler = processor.newXsltCompiler();
        compiler.setErrorReporter(e -> { });
        return compiler.compile(new StreamSource(xsl.toUri().toString()));
    }

    /**
     * Turns a {@code .sch} into a compiled SVRL-producing stylesheet.
     *
     * @param name the profile name findings will carry
     * @param sch the schematron
     * @return the compiled profile
     * @throws SaxonApiException when the schematron or the generated XSLT does not compile
     */
    CompiledSchematron compile(String name, Path sch) throws SaxonApiException {
        return compileGenerated(processor, documents, name, sch, generate(sch).asSource());
    }

    /**
     * Runs the skeleton on a {@code .sch} (include, abstract expansion, SVRL generation, then the optimiser
     * when enabled): the XSLT that {@link #compileGenerated} compiles, and that the cache keeps as text.
     *
     * @param sch the schematron
     * @return the generated stylesheet, with the {@code .sch} file's URI as base URI
     * @throws SaxonApiException when the skeleton fails on the schematron
     */
    XdmNode generate(Path sch) throws SaxonApiException {
        URI base = sch.toUri();
        XdmNode included = step(include.load(), new StreamSource(base.toString()), null, base);
        XdmNode expanded = step(expand.load(), null, included, base);
        XsltTransformer toSvrl = svrl.load();
        toSvrl.setParameter(new QName("generate-fired-rule"), new XdmAtomicValue("false"));
        XdmNode generated = step(toSvrl, null, expanded, base);
        return optimizer == null ? generated : optimizer.optimise(generated);
    }

    /** The generated stylesheet as text, exactly as generated (no indentation added). */
    static String serialize(Processor processor, XdmNode xslt) throws SaxonApiException {
        java.io.StringWriter out = new java.io.StringWriter();
        net.sf.saxon.s9api.Serializer serializer = processor.newSerializer(out);
        serializer.setOutputProperty(net.sf.saxon.s9api.Serializer.Property.METHOD, "xml");
        serializer.setOutputProperty(net.sf.saxon.s9api.Serializer.Property.INDENT, "no");
        serializer.setOutputProperty(net.sf.saxon.s9api.Serializer.Property.ENCODING, "UTF-8");
        serializer.serializeNode(xslt);
        return out.toString();
    }

    /**
     * Compiles a stylesheet generated by {@link #generate} (from the tree, or from the cache's text with the
     * {@code .sch} URI as system id, so that relative {@code doc()} calls resolve beside the schematron).
     *
     * @param processor the processor
     * @param documents the shared package documents
     * @param name the profile name
     * @param sch the schematron it was generated from
     * @param xslt the stylesheet
     * @return the compiled profile
     * @throws SaxonApiException when it does not compile, with the compiler's messages
     */
    static CompiledSchematron compileGenerated(Processor processor, PackageDocuments documents, String name,
            Path sch, Source xslt) throws SaxonApiException {
        XsltCompiler compiler = processor.newXsltCompiler();
        List<String> errors = new ArrayList<>();
        compiler.setErrorReporter(e -> {
            if (!e.isWarning()) {
                errors.add(e.getMessage());
            }
        });
        if (xslt.getSystemId() == null) {
            xslt.setSystemId(sch.toUri().toString());
        }
        try {
            XsltExecutable exec = compiler.compile(xslt);
            return new CompiledSchematron(name, exec, documents);
        } catch (SaxonApiException e) {
            throw errors.isEmpty() ? e : new SaxonApiException(String.join("; ", errors), e);
        }
    }

    private static XdmNode step(XsltTransformer t, StreamSource source, XdmNode input, URI base)
            throws SaxonApiException {
        if (source != null) {
            t.setSource(source);
        } else {
            t.setInitialContextNode(input);
        }
        t.setMessageHandler(m -> { });
        XdmDestination out = new XdmDestination();
        out.setBaseURI(base);
        t.setDestination(out);
        t.transform();
        return out.getXdmNode();
    }

    /** A compiled profile; thread-safe (a transformer is loaded per run). */
    static final class CompiledSchematron {
        private final String name;
        private final XsltExecutable executable;
        private final PackageDocuments documents;

        CompiledSchematron(String name, XsltExecutable executable, PackageDocuments documents) {
            this.name = name;
            this.executable = executable;
            this.documents = documents;
        }

        String name() {
            return name;
        }

        /**
         * Runs the profile on a document and turns its SVRL into findings. A dynamic error (a {@code doc()}
         * that fails…) becomes one error finding instead of an exception.
         */
        List<Finding> run(XdmNode document) {
            Xslt30Transformer t = executable.load30();
            t.setMessageHandler(m -> { });
            t.setErrorReporter(e -> { });
            t.setResourceResolver(documents);
            XdmDestination out = new XdmDestination();
            try {
                t.setGlobalContextItem(document);
                t.applyTemplates(document, out);
            } catch (SaxonApiException | RuntimeException e) {
                String where = e instanceof SaxonApiException s && s.getLineNumber() > 0
                        ? " (" + s.getSystemId() + " line " + s.getLineNumber() + ")" : "";
                return List.of(new Finding(Severity.ERROR, name, CdaValidationError.PROFILE_FAILED.id(),
                        String.format(Locale.ROOT, CdaValidationError.PROFILE_FAILED.englishTemplate(), name,
                                e.getMessage() + where),
                        ""));
            }
            List<Finding> findings = new ArrayList<>();
            collect(out.getXdmNode(), findings);
            return findings;
        }

        private void collect(XdmNode node, List<Finding> findings) {
            for (XdmNode child : node.children()) {
                if (child.getNodeKind() != XdmNodeKind.ELEMENT && child.getNodeKind() != XdmNodeKind.DOCUMENT) {
                    continue;
                }
                QName n = child.getNodeName();
                if (n != null && SVRL.equals(n.getNamespace())
                        && ("failed-assert".equals(n.getLocalName()) || "successful-report".equals(n.getLocalName()))) {
                    findings.add(toFinding(child));
                } else {
                    collect(child, findings);
                }
            }
        }

        private Finding toFinding(XdmNode e) {
            String role = e.attribute("role");
            String flag = e.attribute("flag");
            Severity severity = severityOf(role != null ? role : flag);
            String id = e.attribute("id");
            String location = e.attribute("location");
            StringBuilder text = new StringBuilder();
            for (XdmNode c : e.children()) {
                QName n = c.getNodeName();
                if (n != null && SVRL.equals(n.getNamespace()) && "text".equals(n.getLocalName())) {
                    text.append(c.getStringValue()).append(' ');
                }
            }
            String message = text.toString().replaceAll("\\s+", " ").trim();
            if (message.isEmpty()) {
                String test = e.attribute("test");
                message = id != null ? id : "assertion failed: " + test;
            }
            return new Finding(severity, name, id, message, location);
        }
    }

    /**
     * The severity of an SVRL role or flag: {@code warning}/{@code warn}/{@code avertissement} → warning,
     * {@code info}/{@code information}/{@code note} → info, anything else (including no role: the ANS volet
     * reports carry none and mean errors) → error.
     */
    static Severity severityOf(String roleOrFlag) {
        if (roleOrFlag == null) {
            return Severity.ERROR;
        }
        switch (roleOrFlag.trim().toLowerCase(Locale.ROOT)) {
            case "warning", "warn", "avertissement", "attention":
                return Severity.WARNING;
            case "info", "information", "informational", "note", "hint":
                return Severity.INFO;
            default:
                return Severity.ERROR;
        }
    }
}
