package fr.segurbio.cda.validation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.validation.SchematronEngine.CompiledSchematron;
import fr.segurbio.cda.validation.internal.HardenedXml;
import fr.segurbio.cda.validation.internal.TeeContentHandler;
import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import net.sf.saxon.s9api.BuildingContentHandler;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.streams.Steps;

/**
 * Validates CR-BIO documents as the ANS does: {@code CDA_extended.xsd}, then the generic profiles (structuration
 * minimale, IHE, CI-SIS modèles de contenus, modèles ANS, terminologies when the package has their code systems),
 * then, for N3 only, the volet schematron chosen from the {@code 1.2.250.1.213.1.1.1.55} templateId's extension
 * ({@code 2021.01}, {@code 2023.01}, {@code 2024.01}; no extension means {@code 2021.01}).
 *
 * <p>Build one validator per conformance package and share it: it is thread-safe, and each schematron is compiled
 * once (the first time it is needed, generic profiles in parallel while the first document is parsed; or all at
 * once with {@link #prepare()}) and kept for the validator's life. A validator made with
 * {@link #cached(ConformancePackage, Path, long)} keeps the XSLT generated from the schematrons on disk, keyed by
 * the package's content, so that the next JVM skips the ISO skeleton; such a validator compiles, for its first
 * documents, variants of the cached profiles without the patterns and rules the document cannot fire (its
 * templateIds and element paths tell), a fraction of the whole, and the whole profiles once a few different
 * variants were needed (the findings are the same either way). Input is parsed hardened: a document with a DTD or an external entity is refused
 * with a {@code CDA-502} finding. Problems never throw: they are findings of the report.
 *
 * <pre>{@code
 * CrBioValidator validator = CrBioValidator.using(ConformancePackage.at(Path.of("conformance/cda"))).prepare();
 * ValidationReport report = validator.validate(Path.of("cr-bio-N3.xml"));
 * report.findings().forEach(System.out::println);
 * }</pre>
 */
public final class CrBioValidator {

    /** The CR-BIO volet templateId. */
    public static final String CR_BIO_TEMPLATE_ID = fr.segurbio.cda.internal.CrBioVocabulary.T_CR_BIO;
    /** The version applied when the CR-BIO templateId has no extension. */
    public static final String DEFAULT_VOLET_VERSION = "2021.01";
    /** The default maximum document size: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    static final String HL7 = "urn:hl7-org:v3";
    private static final String VOLET_PREFIX = "BIO-CR-BIO_";

    private final ConformancePackage pkg;
    private final Processor processor = new Processor(false);
    private final ThreadPoolExecutor compilePool;
    private final Map<String, CompletableFuture<CompiledSchematron>> compiled = new ConcurrentHashMap<>();
    private final CompletableFuture<SchematronEngine> engine;
    private final CompletableFuture<Schema> schema;
    private final long maxBytes;
    private final PackageDocuments documents;
    private final Path cacheRoot;
    private volatile SchematronCache cache;
    private boolean cacheUnusable;
    private final List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The cached text of each profile, read once and analysed for per-document variants (cached validators). */
    private final Map<String, TextRead> texts = new ConcurrentHashMap<>();
    private final Map<String, Variants> variants = new ConcurrentHashMap<>();
    private final AtomicInteger variantsCompiled = new AtomicInteger();
    /** Distinct variants of a profile after which the whole profile is compiled for the following documents. */
    private final int upgradeAfter;

    /** Distinct variants of a profile compiled before the whole profile is compiled in the background. */
    static final int UPGRADE_AFTER = 3;
    /** Variants of a profile kept in memory, the least recently used dropped first. */
    static final int MAX_VARIANTS = 8;
    /** A variant that would keep more than this share of a profile's top-level elements is not worth it. */
    static final double MAX_KEPT_SHARE = 0.9;

    private CrBioValidator(ConformancePackage pkg, long maxBytes, Path cacheRoot) {
        this(pkg, maxBytes, cacheRoot, UPGRADE_AFTER);
    }

    /**
     * A validator; {@code upgradeAfter} is how many distinct per-document variants of a profile are compiled
     * before the whole profile is (0: never a variant; {@link Integer#MAX_VALUE}: always variants, for tests).
     */
    CrBioValidator(ConformancePackage pkg, long maxBytes, Path cacheRoot, int upgradeAfter) {
        this.pkg = pkg;
        this.maxBytes = maxBytes;
        this.cacheRoot = cacheRoot;
        this.upgradeAfter = upgradeAfter;
        this.documents = new PackageDocuments(processor, pkg.root());
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        AtomicInteger n = new AtomicInteger();
        this.compilePool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "segur-schematron-compile-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.compilePool.allowCoreThreadTimeOut(true);
        this.engine = new CompletableFuture<>();
        this.schema = new CompletableFuture<>();
    }

    /**
     * A validator over a conformance package. Nothing is compiled yet; see {@link #prepare()}.
     *
     * @param conformancePackage the package
     * @return the validator
     */
    public static CrBioValidator using(ConformancePackage conformancePackage) {
        return using(conformancePackage, DEFAULT_MAX_BYTES);
    }

    /**
     * A validator over a conformance package with a maximum document size.
     *
     * @param conformancePackage the package
     * @param maxDocumentBytes documents larger than this are refused ({@code CDA-506})
     * @return the validator
     */
    public static CrBioValidator using(ConformancePackage conformancePackage, long maxDocumentBytes) {
        Objects.requireNonNull(conformancePackage, "conformancePackage");
        if (maxDocumentBytes <= 0) {
            throw new IllegalArgumentException("maxDocumentBytes must be positive");
        }
        return new CrBioValidator(conformancePackage, maxDocumentBytes, null);
    }

    /**
     * A validator that keeps the XSLT generated from the package's schematrons in a cache folder, so that the
     * next JVM skips the ISO skeleton (the most expensive part of a cold start). The cache is keyed by a hash of
     * the package's {@code schematrons/} tree: an edited schematron is compiled again. A folder that cannot be
     * written makes the validator compile in memory only, with one {@link #notices() notice}.
     *
     * <pre>{@code
     * CrBioValidator validator = CrBioValidator.cached(pkg, CrBioValidator.defaultCacheFolder(),
     *         CrBioValidator.DEFAULT_MAX_BYTES);
     * }</pre>
     *
     * @param conformancePackage the package
     * @param cacheFolder the cache root (created when missing); entries go to a sub-folder per package content
     * @param maxDocumentBytes documents larger than this are refused ({@code CDA-506})
     * @return the validator
     */
    public static CrBioValidator cached(ConformancePackage conformancePackage, Path cacheFolder,
            long maxDocumentBytes) {
        Objects.requireNonNull(conformancePackage, "conformancePackage");
        Objects.requireNonNull(cacheFolder, "cacheFolder");
        if (maxDocumentBytes <= 0) {
            throw new IllegalArgumentException("maxDocumentBytes must be positive");
        }
        return new CrBioValidator(conformancePackage, maxDocumentBytes, cacheFolder.toAbsolutePath().normalize());
    }

    /**
     * The default cache folder: the {@code segur.cache} system property, else {@code $XDG_CACHE_HOME/segur-bio},
     * else {@code ~/.cache/segur-bio}; schematron entries go to its {@code schematron} sub-folder.
     *
     * @return the folder (not created here)
     */
    public static Path defaultCacheFolder() {
        String prop = System.getProperty("segur.cache");
        Path base;
        if (prop != null && !prop.isBlank()) {
            base = Path.of(prop);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            base = xdg != null && !xdg.isBlank() ? Path.of(xdg, "segur-bio")
                    : Path.of(System.getProperty("user.home"), ".cache", "segur-bio");
        }
        return base.resolve("schematron");
    }

    /**
     * What the validator had to say about itself rather than about a document, each said once: a cache folder
     * that cannot be written, for instance (French / English).
     *
     * @return the notices so far
     */
    public List<String> notices() {
        return List.copyOf(notices);
    }

    /** The maximum document size this validator accepts. */
    long maxDocumentBytes() {
        return maxBytes;
    }

    /** The disk cache, when the validator has one (opened on first use). */
    SchematronCache cache() {
        if (cacheRoot == null) {
            return null;
        }
        SchematronCache c = cache;
        if (c == null) {
            synchronized (this) {
                c = cache;
                if (c == null && !cacheUnusable) {
                    try {
                        c = SchematronCache.open(cacheRoot, pkg, this::notice);
                        cache = c;
                    } catch (java.io.UncheckedIOException e) {
                        cacheUnusable = true;
                        notice(notice(CdaValidationError.CACHE_NOT_WRITABLE, cacheRoot,
                                "the package's schematrons/ cannot be hashed: " + e.getCause().getMessage()));
                    }
                }
            }
        }
        return c;
    }

    private void notice(String text) {
        notices.add(text);
        System.getLogger(CrBioValidator.class.getName()).log(System.Logger.Level.WARNING, text);
    }

    static String notice(CdaValidationError code, Object... args) {
        Problem p = Problem.of(code, "", args);
        return code.id() + " " + p.messageFr() + " / " + p.messageEn();
    }

    /**
     * The package this validator uses.
     *
     * @return the package
     */
    public ConformancePackage conformancePackage() {
        return pkg;
    }

    /**
     * Compiles the XSD, every generic profile and every CR-BIO volet schematron of the package, in parallel, and
     * waits for them: after this, validations pay no compilation. Compilation failures are not thrown here; they
     * become findings of the validations that need the profile.
     *
     * @return this validator
     */
    public CrBioValidator prepare() {
        List<CompletableFuture<?>> all = new ArrayList<>();
        all.add(schemaAsync());
        for (ConformancePackage.Profile p : profilesFor(DocumentKind.N3)) {
            all.add(profile(p.name(), p.schematron()));
        }
        for (String version : List.of("2021.01", "2023.01", "2024.01")) {
            pkg.voletSchematron(version).ifPresent(sch -> all.add(profile(VOLET_PREFIX + version, sch)));
        }
        for (CompletableFuture<?> f : all) {
            try {
                f.join();
            } catch (CompletionException e) {
                // reported as a finding when the profile is used
            }
        }
        return this;
    }

    /**
     * Validates a file.
     *
     * @param file the CDA
     * @return every finding
     */
    public ValidationReport validate(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            if (Files.size(file) > maxBytes) {
                return single(null, CdaValidationError.TOO_LARGE, "", maxBytes);
            }
            StylesheetPruner.DocumentFacts facts = wantsEarlyFacts()
                    ? StylesheetPruner.DocumentFacts.read(Files.newInputStream(file)).orElse(null) : null;
            try (InputStream in = Files.newInputStream(file)) {
                return validate(in, file.toUri().toString(), facts);
            }
        } catch (IOException e) {
            return single(null, CdaValidationError.UNREADABLE, "", file, e.getMessage());
        }
    }

    /**
     * Validates a document held in memory.
     *
     * @param xml the CDA's bytes
     * @return every finding
     */
    public ValidationReport validate(byte[] xml) {
        Objects.requireNonNull(xml, "xml");
        if (xml.length > maxBytes) {
            return single(null, CdaValidationError.TOO_LARGE, "", maxBytes);
        }
        StylesheetPruner.DocumentFacts facts = wantsEarlyFacts()
                ? StylesheetPruner.DocumentFacts.read(new ByteArrayInputStream(xml)).orElse(null) : null;
        return validate(new ByteArrayInputStream(xml), "urn:segur:document", facts);
    }

    /**
     * Validates a document read from a stream (not closed here).
     *
     * @param in the CDA
     * @param systemId the document's URI, for messages and {@code document-uri()}; may be {@code null}
     * @return every finding
     */
    public ValidationReport validate(InputStream in, String systemId) {
        return validate(in, systemId, null);
    }

    /**
     * Validates a document; {@code early} are its facts read beforehand from its bytes (a ClinicalDocument), so
     * that the variants of the generic profiles compile while the XSD loads and the document is parsed.
     */
    private ValidationReport validate(InputStream in, String systemId, StylesheetPruner.DocumentFacts early) {
        Objects.requireNonNull(in, "in");
        for (ConformancePackage.Profile p : profilesFor(null)) {
            // every CDA needs the generic profiles: compile them (their variants when the document was read
            // beforehand, else the cached text is read) while parsing
            if (early != null) {
                forDocument(p.name(), p.schematron(), early);
            } else {
                prefetch(p.name(), p.schematron());
            }
        }
        List<Finding> findings = new ArrayList<>();
        XdmNode document;
        try {
            document = parse(new LimitedInputStream(in, maxBytes), systemId, findings);
        } catch (SaxonApiException e) {
            findings.add(finding(CdaValidationError.UNREADABLE, "xml", "", systemId, e.getMessage()));
            return new ValidationReport(null, null, findings);
        }
        if (document == null) {
            return new ValidationReport(null, null, findings);
        }
        XdmNode root = rootElement(document);
        XdmNode embedded = root == null || HL7.equals(root.getNodeName().getNamespace()) ? null : embeddedCda(root);
        if (embedded != null) {
            ValidationReport inner = validateEmbedded(embedded, systemId);
            List<Finding> all = new ArrayList<>();
            all.add(finding(CdaValidationError.EMBEDDED_CDA, "xml", "/", root.getNodeName().getEQName()));
            all.addAll(inner.findings());
            return new ValidationReport(inner.kind().orElse(null), inner.volet().orElse(null), all);
        }
        if (root == null || !HL7.equals(root.getNodeName().getNamespace())
                || !"ClinicalDocument".equals(root.getNodeName().getLocalName())) {
            findings.removeIf(f -> "xsd".equals(f.source()));
            findings.add(finding(CdaValidationError.NOT_A_CDA, "xml", "/",
                    root == null ? "(none)" : root.getNodeName().getEQName()));
            return new ValidationReport(null, null, findings);
        }
        DocumentKind kind = kindOf(root);
        String volet = null;
        Path voletSch = null;
        if (kind != DocumentKind.N1) {
            String version = voletVersion(root);
            if (version == null) {
                findings.add(finding(CdaValidationError.NOT_CR_BIO, "xml", "/ClinicalDocument",
                        String.join(", ", templateIds(root))));
            } else {
                volet = VOLET_PREFIX + version;
                voletSch = pkg.voletPath(version);
                if (!Files.isRegularFile(voletSch)) {
                    findings.add(finding(CdaValidationError.UNKNOWN_VOLET, volet, "", volet,
                            pkg.root().relativize(voletSch)));
                    voletSch = null;
                }
            }
        }
        List<String> names = new ArrayList<>();
        List<CompletableFuture<CompiledSchematron>> futures = new ArrayList<>();
        StylesheetPruner.DocumentFacts facts = !variantsUsable() ? null
                : early != null ? early : StylesheetPruner.DocumentFacts.of(document);
        for (ConformancePackage.Profile p : profilesFor(kind)) {
            names.add(p.name());
            futures.add(forDocument(p.name(), p.schematron(), facts));
        }
        if (voletSch != null) {
            names.add(volet);
            futures.add(forDocument(volet, voletSch, facts));
        }
        if (!pkg.terminologyUsable()) {
            findings.add(finding(CdaValidationError.PROFILE_SKIPPED, ConformancePackage.PROFILE_TERMINOLOGY, "",
                    ConformancePackage.PROFILE_TERMINOLOGY,
                    "the package has no code-system files (schematrons/profils/terminologies/terminologie/)"));
        }
        // A profile still compiling (cold start) runs on the compile pool as soon as it is ready, overlapping the
        // other compilations; a compiled one runs on the caller's thread. Findings keep the profiles' order.
        List<CompletableFuture<List<Finding>>> runs = new ArrayList<>();
        for (CompletableFuture<CompiledSchematron> f : futures) {
            runs.add(f.isDone() ? null : f.thenApplyAsync(s -> s.run(document), compilePool));
        }
        for (int i = 0; i < futures.size(); i++) {
            try {
                findings.addAll(runs.get(i) != null ? runs.get(i).get() : futures.get(i).get().run(document));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                findings.add(finding(CdaValidationError.PROFILE_FAILED, names.get(i), "", names.get(i),
                        cause.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                findings.add(finding(CdaValidationError.PROFILE_FAILED, names.get(i), "", names.get(i),
                        "interrupted"));
                break;
            }
        }
        return new ValidationReport(kind, kind == DocumentKind.N1 ? null : volet, findings);
    }

    /** A self-presenting document (ANS "auto-présentable"): the ClinicalDocument inside an XSLT. */
    private static XdmNode embeddedCda(XdmNode root) {
        for (XdmNode n : root.select(Steps.descendant(HL7, "ClinicalDocument"))
                .asListOfNodes()) {
            return n;
        }
        return null;
    }

    private ValidationReport validateEmbedded(XdmNode cda, String systemId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Serializer serializer = processor.newSerializer(bytes);
            serializer.serializeNode(cda);
        } catch (SaxonApiException e) {
            return new ValidationReport(null, null,
                    List.of(finding(CdaValidationError.UNREADABLE, "xml", "", systemId, e.getMessage())));
        }
        return validate(new ByteArrayInputStream(bytes.toByteArray()), systemId);
    }

    /** Parses hardened, building Saxon's tree and running the XSD on the same SAX stream. */
    private XdmNode parse(InputStream in, String systemId, List<Finding> findings) throws SaxonApiException {
        Schema xsd;
        try {
            xsd = schemaAsync().join();
        } catch (CompletionException e) {
            throw new CdaValidationException(Problem.of(CdaValidationError.PACKAGE_INCOMPLETE, "", pkg.root(),
                    pkg.xsd() + " (" + e.getCause().getMessage() + ")"), e.getCause());
        }
        DocumentBuilder db = processor.newDocumentBuilder();
        if (systemId != null) {
            try {
                db.setBaseURI(URI.create(systemId));
            } catch (IllegalArgumentException e) {
                // not a URI: keep no base URI
            }
        }
        BuildingContentHandler builder = db.newBuildingContentHandler();
        ValidatorHandler vh = xsd.newValidatorHandler();
        List<Finding> xsdFindings = new ArrayList<>();
        vh.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                xsdFindings.add(new Finding(Severity.WARNING, "xsd", "", e.getMessage(), HardenedXml.position(e)));
            }

            @Override
            public void error(SAXParseException e) {
                xsdFindings.add(new Finding(Severity.ERROR, "xsd", "", e.getMessage(), HardenedXml.position(e)));
            }

            @Override
            public void fatalError(SAXParseException e) {
                xsdFindings.add(new Finding(Severity.ERROR, "xsd", "", e.getMessage(), HardenedXml.position(e)));
            }
        });
        XMLReader reader = HardenedXml.newReader();
        reader.setContentHandler(new TeeContentHandler(builder, vh));
        InputSource source = new InputSource(in);
        source.setSystemId(systemId);
        try {
            reader.parse(source);
        } catch (SAXParseException e) {
            if (HardenedXml.isDoctypeRefusal(e)) {
                findings.add(finding(CdaValidationError.DOCTYPE_REFUSED, "xml", HardenedXml.position(e),
                        e.getMessage()));
            } else {
                findings.add(finding(CdaValidationError.NOT_WELL_FORMED, "xml", HardenedXml.position(e),
                        e.getMessage()));
            }
            return null;
        } catch (SAXException e) {
            CdaValidationError code = HardenedXml.isDoctypeRefusal(e)
                    ? CdaValidationError.DOCTYPE_REFUSED : CdaValidationError.NOT_WELL_FORMED;
            findings.add(finding(code, "xml", "", e.getMessage()));
            return null;
        } catch (LimitedInputStream.TooLarge e) {
            findings.add(finding(CdaValidationError.TOO_LARGE, "xml", "", maxBytes));
            return null;
        } catch (IOException e) {
            findings.add(finding(CdaValidationError.UNREADABLE, "xml", "", systemId, e.getMessage()));
            return null;
        }
        findings.addAll(xsdFindings);
        return builder.getDocumentNode();
    }

    private List<ConformancePackage.Profile> profilesFor(DocumentKind kind) {
        List<ConformancePackage.Profile> list = new ArrayList<>(pkg.genericProfiles());
        if (pkg.terminologyUsable()) {
            list.add(new ConformancePackage.Profile(ConformancePackage.PROFILE_TERMINOLOGY,
                    pkg.terminologySchematron()));
        }
        return list;
    }

    private CompletableFuture<Schema> schemaAsync() {
        if (!schema.isDone()) {
            synchronized (schema) {
                if (!schema.isDone()) {
                    try {
                        SchemaFactory f = SchemaFactory.newDefaultInstance();
                        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
                        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "file");
                        schema.complete(f.newSchema(new StreamSource(pkg.xsd().toUri().toString())));
                    } catch (SAXException | RuntimeException e) {
                        schema.completeExceptionally(e);
                    }
                }
            }
        }
        return schema;
    }

    private CompletableFuture<SchematronEngine> engineAsync() {
        if (!engine.isDone()) {
            synchronized (engine) {
                if (!engine.isDone()) {
                    try {
                        engine.complete(new SchematronEngine(processor, pkg, true, documents));
                    } catch (SaxonApiException | RuntimeException e) {
                        engine.completeExceptionally(e);
                    }
                }
            }
        }
        return engine;
    }

    private CompletableFuture<CompiledSchematron> profile(String name, Path sch) {
        return compiled.computeIfAbsent(name, n -> CompletableFuture.supplyAsync(() -> {
            try {
                return compileProfile(n, sch);
            } catch (SaxonApiException e) {
                throw new CompletionException(e);
            }
        }, compilePool));
    }

    /** Whether documents may get per-document variants of the cached profiles. */
    private boolean variantsUsable() {
        return upgradeAfter > 0 && cacheRoot != null;
    }

    /** Whether reading a document's facts before parsing it can start variants sooner (some whole profile missing). */
    private boolean wantsEarlyFacts() {
        if (!variantsUsable()) {
            return false;
        }
        for (ConformancePackage.Profile p : profilesFor(null)) {
            CompletableFuture<CompiledSchematron> whole = compiled.get(p.name());
            if (whole == null || !whole.isDone()) {
                return true;
            }
        }
        return false;
    }

    /** Starts what a profile needs before the document is known: its cached text, else its compilation. */
    private void prefetch(String name, Path sch) {
        if (variantsUsable() && !compiled.containsKey(name)) {
            text(name);
        } else {
            profile(name, sch);
        }
    }

    /** The cached text of a profile, read once (on the compile pool) and analysed; empty when not cached. */
    private CompletableFuture<Optional<StylesheetPruner>> text(String name) {
        TextRead read = texts.computeIfAbsent(name, TextRead::new);
        if (read.submitted.compareAndSet(false, true)) {
            compilePool.execute(read::run);
        }
        return read.result;
    }

    /**
     * The cached text of a profile, read on this thread unless another thread has started reading it (a compile
     * task on the pool never waits for a read still queued behind it).
     */
    private Optional<StylesheetPruner> textNow(String name) {
        TextRead read = texts.computeIfAbsent(name, TextRead::new);
        read.run();
        return read.result.join();
    }

    /** One read of a profile's cached text, run by whichever thread claims it first. */
    private final class TextRead {
        private final String name;
        private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicBoolean submitted = new java.util.concurrent.atomic.AtomicBoolean();
        private final CompletableFuture<Optional<StylesheetPruner>> result = new CompletableFuture<>();

        TextRead(String name) {
            this.name = name;
        }

        void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                SchematronCache c = cache();
                result.complete(c == null ? Optional.empty() : c.read(name).map(text -> analysed(c, text)));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        /** The analysis stored beside the entry when it is this text's, else analysed now and stored. */
        private StylesheetPruner analysed(SchematronCache c, String text) {
            return c.readAnalysis(name).flatMap(stored -> StylesheetPruner.restore(text, stored)).orElseGet(() -> {
                StylesheetPruner pruner = StylesheetPruner.analyse(text);
                pruner.stored().ifPresent(stored -> c.writeAnalysis(name, stored));
                return pruner;
            });
        }
    }

    /**
     * The compiled profile to run on a document: the whole profile once it is compiled (or when the document
     * cannot do without most of it), else a variant of its cached text without the patterns the document cannot
     * fire ({@link StylesheetPruner}), compiled once per selection. After {@link #upgradeAfter} distinct
     * variants, the whole profile is compiled in the background for the following documents. A variant that does
     * not compile falls back to the whole profile (which then goes through the cache's own recovery).
     */
    private CompletableFuture<CompiledSchematron> forDocument(String name, Path sch,
            StylesheetPruner.DocumentFacts facts) {
        CompletableFuture<CompiledSchematron> whole = compiled.get(name);
        if (facts == null || (whole != null && whole.isDone())) {
            return profile(name, sch);
        }
        return text(name).thenCompose(pruner -> {
            if (pruner.isEmpty()) {
                return profile(name, sch);
            }
            StylesheetPruner.Selection selection = pruner.get().select(facts);
            if (selection.droppedElements() == 0 || pruner.get().kept(selection) > MAX_KEPT_SHARE) {
                return profile(name, sch);
            }
            Variants v = variants.computeIfAbsent(name, k -> new Variants());
            CompletableFuture<CompiledSchematron> existing = v.get(selection);
            if (existing != null) {
                return existing;
            }
            if (compiled.containsKey(name)) {
                return profile(name, sch); // the whole profile is on its way
            }
            CompletableFuture<CompiledSchematron> variant = v.computeIfAbsent(selection,
                    () -> CompletableFuture.supplyAsync(() -> {
                        try {
                            variantsCompiled.incrementAndGet();
                            return SchematronEngine.compileGenerated(processor, documents, name, sch,
                                    pruner.get().source(selection, sch.toUri().toString()));
                        } catch (SaxonApiException e) {
                            throw new CompletionException(e);
                        }
                    }, compilePool));
            if (v.created() >= upgradeAfter) {
                variant.whenComplete((s, e) -> profile(name, sch));
            }
            return variant.handle((s, e) -> s != null ? CompletableFuture.completedFuture(s) : profile(name, sch))
                    .thenCompose(f -> f);
        });
    }

    /** The variants of one profile, by selection, the least recently used dropped beyond {@link #MAX_VARIANTS}. */
    private static final class Variants {
        private final Map<StylesheetPruner.Selection, CompletableFuture<CompiledSchematron>> bySelection =
                new LinkedHashMap<>(16, 0.75f, true) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected boolean removeEldestEntry(
                            Map.Entry<StylesheetPruner.Selection, CompletableFuture<CompiledSchematron>> eldest) {
                        return size() > MAX_VARIANTS;
                    }
                };
        private int created;

        synchronized CompletableFuture<CompiledSchematron> get(StylesheetPruner.Selection selection) {
            return bySelection.get(selection);
        }

        synchronized CompletableFuture<CompiledSchematron> computeIfAbsent(StylesheetPruner.Selection selection,
                java.util.function.Supplier<CompletableFuture<CompiledSchematron>> compile) {
            CompletableFuture<CompiledSchematron> f = bySelection.get(selection);
            if (f == null) {
                f = compile.get();
                bySelection.put(selection, f);
                created++;
            }
            return f;
        }

        synchronized int created() {
            return created;
        }
    }

    /** How many per-document variants of the profiles this validator compiled. */
    int variantsCompiled() {
        return variantsCompiled.get();
    }

    /** From the disk cache when it has the profile's XSLT, else through the skeleton (and into the cache). */
    private CompiledSchematron compileProfile(String name, Path sch) throws SaxonApiException {
        SchematronCache c = cache();
        if (c != null) {
            Optional<String> text = variantsUsable() ? textNow(name).map(StylesheetPruner::text) : c.read(name);
            if (text.isPresent()) {
                try {
                    return SchematronEngine.compileGenerated(processor, documents, name, sch,
                            new StreamSource(new java.io.StringReader(text.get()), sch.toUri().toString()));
                } catch (SaxonApiException e) {
                    c.discard(name);
                }
            }
        }
        XdmNode xslt = engineAsync().join().generate(sch);
        CompiledSchematron compiledProfile = SchematronEngine.compileGenerated(processor, documents, name, sch,
                xslt.asSource());
        if (c != null) {
            c.write(name, SchematronEngine.serialize(processor, xslt));
        }
        return compiledProfile;
    }

    private static XdmNode rootElement(XdmNode document) {
        for (XdmNode c : document.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT) {
                return c;
            }
        }
        return null;
    }

    static XdmNode child(XdmNode parent, String localName) {
        for (XdmNode c : parent.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT && localName.equals(c.getNodeName().getLocalName())
                    && HL7.equals(c.getNodeName().getNamespace())) {
                return c;
            }
        }
        return null;
    }

    private static DocumentKind kindOf(XdmNode root) {
        XdmNode component = child(root, "component");
        if (component == null) {
            return null;
        }
        if (child(component, "structuredBody") != null) {
            return DocumentKind.N3;
        }
        return child(component, "nonXMLBody") != null ? DocumentKind.N1 : null;
    }

    private static List<String> templateIds(XdmNode root) {
        List<String> ids = new ArrayList<>();
        for (XdmNode c : root.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT && "templateId".equals(c.getNodeName().getLocalName())) {
                String r = c.attribute("root");
                String e = c.attribute("extension");
                ids.add(e == null ? String.valueOf(r) : r + "@" + e);
            }
        }
        return ids;
    }

    /** The CR-BIO version announced by the document, {@code null} when it has no CR-BIO templateId. */
    static String voletVersion(XdmNode root) {
        for (XdmNode c : root.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT && "templateId".equals(c.getNodeName().getLocalName())
                    && CR_BIO_TEMPLATE_ID.equals(c.attribute("root"))) {
                String ext = c.attribute("extension");
                return ext == null || ext.isBlank() ? DEFAULT_VOLET_VERSION : ext.trim();
            }
        }
        return null;
    }

    private ValidationReport single(DocumentKind kind, CdaValidationError code, String location, Object... args) {
        return new ValidationReport(kind, null, List.of(finding(code, "xml", location, args)));
    }

    static Finding finding(CdaValidationError code, String source, String location, Object... args) {
        Problem p = Problem.of(code, location, args);
        String message = p.messageFr().equals(p.messageEn()) ? p.messageEn()
                : p.messageFr() + " / " + p.messageEn();
        return new Finding(code.severity(), source, code.id(), message, location);
    }

    @Override
    public String toString() {
        return "CrBioValidator[" + pkg.root() + ", compiled " + compiled.keySet() + "]";
    }

    /** Stops reading past a size limit. */
    private static final class LimitedInputStream extends FilterInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                remaining -= n;
                if (remaining < 0) {
                    throw new TooLarge();
                }
            }
            return n;
        }

        static final class TooLarge extends IOException {
            private static final long serialVersionUID = 1L;

            TooLarge() {
                super("document too large");
            }
        }
    }

}
