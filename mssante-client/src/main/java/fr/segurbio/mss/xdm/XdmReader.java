package fr.segurbio.mss.xdm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.TransportException;

/**
 * Reads an {@code IHE_XDM.ZIP} received by MSSanté and checks it before anything is integrated: the archive is
 * read as a stream with limits (archive size, number of entries, inflated size and compression ratio against
 * zip bombs), every entry name is checked (no absolute path, no {@code ..}, no backslash or drive: no zip slip),
 * duplicate names are refused, {@code METADATA.XML} is parsed with hardened XML, every document's size and
 * SHA-1 are compared with its metadata, and a structured CDA (N3) without its N1 ({@code XFRM} association to a
 * present XDS-SD document) is refused. Nothing is written to disk. Thread-safe.
 *
 * <pre>{@code
 * XdmPackage xdm = XdmReader.create().read(zipBytes);
 * XdmEntry n3 = xdm.n3().orElseThrow();
 * XdmEntry n1 = xdm.n1().orElseThrow();
 * }</pre>
 */
public final class XdmReader {

    /** Default limit of the archive's own size: 32 MiB. */
    public static final long DEFAULT_MAX_ARCHIVE_BYTES = 32L * 1024 * 1024;
    /** Default limit of all inflated entries together: 64 MiB. */
    public static final long DEFAULT_MAX_INFLATED_BYTES = 64L * 1024 * 1024;
    /** Default limit of the number of entries. */
    public static final int DEFAULT_MAX_ENTRIES = 200;
    /** Default limit of the ratio between inflated and archive sizes (beyond a first megabyte). */
    public static final int DEFAULT_MAX_RATIO = 100;

    private final long maxArchiveBytes;
    private final long maxInflatedBytes;
    private final int maxEntries;
    private final int maxRatio;
    private final boolean requireN1;

    private XdmReader(Builder b) {
        this.maxArchiveBytes = b.maxArchiveBytes;
        this.maxInflatedBytes = b.maxInflatedBytes;
        this.maxEntries = b.maxEntries;
        this.maxRatio = b.maxRatio;
        this.requireN1 = b.requireN1;
    }

    /**
     * A reader with the default limits that refuses an N3 without its N1.
     *
     * @return the reader
     */
    public static XdmReader create() {
        return builder().build();
    }

    /**
     * A builder to change the limits.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads and checks an archive held in memory.
     *
     * @param zip the archive
     * @return the documents and their metadata
     * @throws MssException {@code MSS-001} to {@code MSS-009}
     */
    public XdmPackage read(byte[] zip) {
        if (zip.length > maxArchiveBytes) {
            throw new MssException(MssError.XDM_TOO_LARGE, zip.length + " bytes", maxArchiveBytes + " bytes");
        }
        return read(new ByteArrayInputStream(zip), zip.length);
    }

    /**
     * Reads and checks an archive from a stream (at most the archive limit is read).
     *
     * @param in the archive
     * @return the documents and their metadata
     * @throws MssException {@code MSS-001} to {@code MSS-009}
     */
    public XdmPackage read(InputStream in) {
        SecureXml.LimitedInputStream limited = new SecureXml.LimitedInputStream(in, maxArchiveBytes);
        try {
            byte[] zip = limited.readAllBytes();
            return read(zip);
        } catch (IOException e) {
            if (limited.exceeded()) {
                throw new MssException(MssError.XDM_TOO_LARGE, "> " + maxArchiveBytes + " bytes",
                        maxArchiveBytes + " bytes");
            }
            throw new MssException(e, MssError.XDM_CORRUPT, e.getMessage());
        }
    }

    private XdmPackage read(InputStream raw, long archiveSize) {
        Map<String, byte[]> entries = inflate(raw, archiveSize);
        String metadataPath = null;
        for (String name : entries.keySet()) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.startsWith("IHE_XDM/") && upper.endsWith("/METADATA.XML") && upper.split("/").length == 3) {
                if (metadataPath != null) {
                    throw new MssException(MssError.XDM_BAD_METADATA,
                            "several submission sets (" + metadataPath + ", " + name + "): one is expected");
                }
                metadataPath = name;
            }
        }
        if (metadataPath == null) {
            throw new MssException(MssError.XDM_MISSING_FILE, "IHE_XDM/SUBSET01/METADATA.XML");
        }
        String subset = metadataPath.substring(0, metadataPath.lastIndexOf('/') + 1);
        Document metadata;
        try {
            metadata = SecureXml.parse(entries.get(metadataPath));
        } catch (TransportException e) {
            throw new MssException(e, MssError.XDM_BAD_METADATA, e.getMessage());
        }
        return interpret(metadata, subset, entries);
    }

    /** The next entry; a name that is not UTF-8 (ZipInputStream's IllegalArgumentException) is a corrupt archive. */
    private static ZipEntry nextEntry(ZipInputStream zip) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException ex) {
            throw new MssException(ex, MssError.XDM_CORRUPT, "entry name not in UTF-8");
        }
    }

    private Map<String, byte[]> inflate(InputStream raw, long archiveSize) {
        byte[] magic = new byte[4];
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        long budget = Math.min(maxInflatedBytes, Math.max(1024L * 1024, archiveSize * maxRatio));
        long total = 0;
        try {
            raw.mark(4);
            if (raw.readNBytes(magic, 0, 4) < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3
                    || magic[3] != 4) {
                throw new MssException(MssError.XDM_CORRUPT, "not a zip archive (no local file header)");
            }
            raw.reset();
            ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8);
            ZipEntry e;
            byte[] buf = new byte[8192];
            while ((e = nextEntry(zip)) != null) {
                String name = e.getName();
                checkName(name);
                if (!seen.add(name.toUpperCase(Locale.ROOT))) {
                    throw new MssException(MssError.XDM_DUPLICATE_ENTRY, name);
                }
                if (seen.size() > maxEntries) {
                    throw new MssException(MssError.XDM_TOO_LARGE, seen.size() + " entries", maxEntries + " entries");
                }
                if (e.isDirectory()) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(
                        (int) Math.min(Math.max(e.getSize(), 1024), 1 << 20));
                int r;
                while ((r = zip.read(buf)) > 0) {
                    total += r;
                    if (total > budget) {
                        throw new MssException(MssError.XDM_TOO_LARGE, "> " + total + " bytes inflated from "
                                + archiveSize, budget + " bytes");
                    }
                    out.write(buf, 0, r);
                }
                entries.put(name, out.toByteArray());
            }
        } catch (ZipException ex) {
            throw new MssException(ex, MssError.XDM_CORRUPT, ex.getMessage());
        } catch (IOException ex) {
            throw new MssException(ex, MssError.XDM_CORRUPT, String.valueOf(ex.getMessage()));
        }
        if (entries.isEmpty()) {
            throw new MssException(MssError.XDM_CORRUPT, "empty archive");
        }
        return entries;
    }

    static void checkName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0
                || name.indexOf('\0') >= 0) {
            throw new MssException(MssError.XDM_PATH_TRAVERSAL, name);
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new MssException(MssError.XDM_PATH_TRAVERSAL, name);
            }
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new MssException(MssError.XDM_PATH_TRAVERSAL, name);
            }
        }
    }

    private XdmPackage interpret(Document doc, String subset, Map<String, byte[]> entries) {
        Element root = doc.getDocumentElement();
        if (!XdsUuids.LCM.equals(root.getNamespaceURI()) || !"SubmitObjectsRequest".equals(root.getLocalName())) {
            throw new MssException(MssError.XDM_BAD_METADATA, "root element is not lcm:SubmitObjectsRequest");
        }
        ValidationResult.Builder problems = ValidationResult.builder();
        // Submission set
        Element ss = null;
        for (Element p : children(root, "RegistryPackage")) {
            ss = p;
        }
        if (ss == null) {
            throw new MssException(MssError.XDM_BAD_METADATA, "no rim:RegistryPackage (submission set)");
        }
        Map<String, List<String>> ssSlots = slots(ss);
        Map<String, String> ssIds = externalIds(ss);
        List<XdmEntry> docs = new ArrayList<>();
        Map<String, XdmEntry> byId = new HashMap<>();
        Set<String> referenced = new HashSet<>();
        for (Element eo : children(root, "ExtrinsicObject")) {
            String id = eo.getAttribute("id");
            Map<String, List<String>> s = slots(eo);
            String uri = first(s, "URI");
            if (uri == null) {
                problems.add(Problem.of(MssError.XDM_BAD_METADATA, id, "document entry " + id + " without URI slot"));
                continue;
            }
            checkName(uri);
            String path = subset + uri;
            byte[] content = entries.get(path);
            if (content == null) {
                problems.add(Problem.of(MssError.XDM_MISSING_FILE, id, path));
                continue;
            }
            referenced.add(path);
            String size = first(s, "size");
            String hash = first(s, "hash");
            if (size == null || hash == null) {
                problems.add(Problem.of(MssError.XDM_BAD_METADATA, id, "document entry " + id
                        + " without size or hash slot"));
                continue;
            }
            if (!size.equals(Long.toString(content.length))) {
                problems.add(Problem.of(MssError.XDM_SIZE_MISMATCH, id, path, size, content.length));
            }
            String actual = XdmDocument.sha1(content);
            if (!actual.equalsIgnoreCase(hash)) {
                problems.add(Problem.of(MssError.XDM_HASH_MISMATCH, id, path, hash, actual));
            }
            Map<String, String> classifications = classifications(eo);
            Map<String, String> ids = externalIds(eo);
            Map<String, String> codes = new LinkedHashMap<>();
            CODE_NAMES.forEach((scheme, label) -> {
                if (classifications.containsKey(scheme)) {
                    codes.put(label, classifications.get(scheme));
                }
            });
            XdmEntry entry = new XdmEntry(path, id, ids.get(XdsUuids.DE_UNIQUE_ID), eo.getAttribute("mimeType"),
                    classifications.get(XdsUuids.DE_FORMAT), classifications.get(XdsUuids.DE_TYPE), name(eo),
                    ids.get(XdsUuids.DE_PATIENT_ID), s, codes, authors(eo), content);
            docs.add(entry);
            byId.put(id, entry);
        }
        if (docs.isEmpty() && problems.build().isValid()) {
            problems.add(Problem.of(MssError.XDM_BAD_METADATA, "", "no document entry (rim:ExtrinsicObject)"));
        }
        List<XdmPackage.Association> associations = new ArrayList<>();
        for (Element a : children(root, "Association")) {
            associations.add(new XdmPackage.Association(a.getAttribute("associationType"),
                    a.getAttribute("sourceObject"), a.getAttribute("targetObject")));
        }
        if (requireN1) {
            for (XdmEntry d : docs) {
                if (d.isN3() && !hasN1(d, associations, byId)) {
                    problems.add(Problem.of(MssError.XDM_N3_WITHOUT_N1, d.entryId(), d.path()));
                }
            }
        }
        ValidationResult result = problems.build();
        if (!result.isValid()) {
            throw new MssException(result);
        }
        byte[] readme = entries.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("README.TXT"))
                .map(Map.Entry::getValue).findFirst().orElse(new byte[0]);
        return new XdmPackage(ssIds.get(XdsUuids.SS_UNIQUE_ID), ssIds.get(XdsUuids.SS_SOURCE_ID),
                ssIds.get(XdsUuids.SS_PATIENT_ID), first(ssSlots, "submissionTime"),
                ssSlots.getOrDefault("intendedRecipient", List.of()), docs, associations,
                new String(readme, StandardCharsets.UTF_8));
    }

    private static boolean hasN1(XdmEntry n3, List<XdmPackage.Association> associations, Map<String, XdmEntry> byId) {
        for (XdmPackage.Association a : associations) {
            if (!XdsUuids.XFRM.equals(a.type())) {
                continue;
            }
            String other = a.source().equals(n3.entryId()) ? a.target()
                    : a.target().equals(n3.entryId()) ? a.source() : null;
            XdmEntry o = other == null ? null : byId.get(other);
            if (o != null && o.isN1()) {
                return true;
            }
        }
        return false;
    }

    private static List<Element> children(Element root, String local) {
        List<Element> out = new ArrayList<>();
        NodeList lists = root.getElementsByTagNameNS(XdsUuids.RIM, "RegistryObjectList");
        for (int i = 0; i < lists.getLength(); i++) {
            for (Node n = lists.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && XdsUuids.RIM.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static List<Element> direct(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XdsUuids.RIM.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Map<String, List<String>> slots(Element object) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Element slot : direct(object, "Slot")) {
            List<String> values = new ArrayList<>();
            for (Element vl : direct(slot, "ValueList")) {
                for (Element v : direct(vl, "Value")) {
                    values.add(v.getTextContent().trim());
                }
            }
            out.put(slot.getAttribute("name"), values);
        }
        return out;
    }

    private static String first(Map<String, List<String>> slots, String name) {
        List<String> v = slots.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static final Map<String, String> CODE_NAMES = orderedCodeNames();

    private static Map<String, String> orderedCodeNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(XdsUuids.DE_CLASS, "classCode");
        m.put(XdsUuids.DE_TYPE, "typeCode");
        m.put(XdsUuids.DE_FORMAT, "formatCode");
        m.put(XdsUuids.DE_CONFIDENTIALITY, "confidentialityCode");
        m.put(XdsUuids.DE_FACILITY, "healthcareFacilityTypeCode");
        m.put(XdsUuids.DE_PRACTICE, "practiceSettingCode");
        m.put(XdsUuids.DE_EVENT, "eventCodeList");
        return m;
    }

    private static Map<String, String> classifications(Element object) {
        Map<String, String> out = new HashMap<>();
        for (Element c : direct(object, "Classification")) {
            String scheme = c.getAttribute("classificationScheme");
            String code = c.getAttribute("nodeRepresentation");
            if (scheme.equals(XdsUuids.DE_EVENT) && out.containsKey(scheme)) {
                out.put(scheme, out.get(scheme) + "," + code);
            } else {
                out.putIfAbsent(scheme, code);
            }
        }
        return out;
    }

    private static List<String> authors(Element object) {
        List<String> out = new ArrayList<>();
        for (Element c : direct(object, "Classification")) {
            if (XdsUuids.DE_AUTHOR.equals(c.getAttribute("classificationScheme"))) {
                List<String> person = slots(c).get("authorPerson");
                if (person != null) {
                    out.addAll(person);
                }
            }
        }
        return out;
    }

    private static Map<String, String> externalIds(Element object) {
        Map<String, String> out = new HashMap<>();
        for (Element c : direct(object, "ExternalIdentifier")) {
            out.put(c.getAttribute("identificationScheme"), c.getAttribute("value"));
        }
        return out;
    }

    private static String name(Element object) {
        for (Element n : direct(object, "Name")) {
            for (Element ls : direct(n, "LocalizedString")) {
                return ls.getAttribute("value");
            }
        }
        return "";
    }

    /** Sets the limits of an {@link XdmReader}. */
    public static final class Builder {
        private long maxArchiveBytes = DEFAULT_MAX_ARCHIVE_BYTES;
        private long maxInflatedBytes = DEFAULT_MAX_INFLATED_BYTES;
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private int maxRatio = DEFAULT_MAX_RATIO;
        private boolean requireN1 = true;

        private Builder() {
        }

        /**
         * The largest archive read.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxArchiveBytes(long bytes) {
            this.maxArchiveBytes = positive(bytes);
            return this;
        }

        /**
         * The largest total of inflated entries.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxInflatedBytes(long bytes) {
            this.maxInflatedBytes = positive(bytes);
            return this;
        }

        /**
         * The largest number of entries.
         *
         * @param count the limit
         * @return this builder
         */
        public Builder maxEntries(int count) {
            this.maxEntries = (int) positive(count);
            return this;
        }

        /**
         * The largest ratio of inflated to archive size (the first megabyte is always allowed).
         *
         * @param ratio the limit
         * @return this builder
         */
        public Builder maxRatio(int ratio) {
            this.maxRatio = (int) positive(ratio);
            return this;
        }

        /**
         * Whether an N3 without its N1 is refused ({@code true} by default: the volet forbids integrating it).
         *
         * @param value false to accept an N3 alone (to display it, never to integrate it)
         * @return this builder
         */
        public Builder requireN1(boolean value) {
            this.requireN1 = value;
            return this;
        }

        /**
         * Builds the reader.
         *
         * @return the reader
         */
        public XdmReader build() {
            return new XdmReader(this);
        }

        private static long positive(long v) {
            if (v <= 0) {
                throw new IllegalArgumentException("a limit must be positive: " + v);
            }
            return v;
        }
    }
}
