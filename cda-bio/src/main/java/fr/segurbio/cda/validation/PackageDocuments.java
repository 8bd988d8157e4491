package fr.segurbio.cda.validation;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;

import net.sf.saxon.lib.ResourceRequest;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.trans.XPathException;

/**
 * The value-set and vocabulary files the schematrons read with {@code doc()}, parsed once and shared by every
 * run: Saxon otherwise re-parses them for each transformation, which is most of a profile's cost. Only files
 * inside the conformance package are cached; anything else resolves as usual. A file that does not exist
 * resolves to nothing, so {@code doc-available()} keeps its meaning.
 */
final class PackageDocuments implements ResourceResolver {

    private final Processor processor;
    private final Path root;
    private final Map<String, Source> cache = new ConcurrentHashMap<>();

    PackageDocuments(Processor processor, Path root) {
        this.processor = processor;
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Source resolve(ResourceRequest request) throws XPathException {
        if (ResourceRequest.TEXT_NATURE.equals(request.nature) || ResourceRequest.BINARY_NATURE.equals(request.nature)) {
            return null;
        }
        String uri = request.uri;
        try {
            if (uri == null && request.relativeUri != null && request.baseUri != null) {
                uri = URI.create(request.baseUri).resolve(request.relativeUri).toString();
            }
            if (uri == null) {
                return null;
            }
            URI u = URI.create(uri).normalize();
            if (!"file".equals(u.getScheme())) {
                return null;
            }
            Path file = Path.of(u).normalize();
            String key = file.toString();
            Source cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return null;
            }
            DocumentBuilder db = processor.newDocumentBuilder();
            Source tree = db.build(new StreamSource(file.toUri().toString())).getUnderlyingNode();
            Source previous = cache.putIfAbsent(key, tree);
            return previous != null ? previous : tree;
        } catch (IllegalArgumentException | SaxonApiException e) {
            return null;
        }
    }

    int size() {
        return cache.size();
    }
}
