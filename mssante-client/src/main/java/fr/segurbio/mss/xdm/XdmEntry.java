package fr.segurbio.mss.xdm;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A document read from an XDM archive, with the metadata its {@code METADATA.XML} gives it; its size and SHA-1
 * have been checked against the bytes.
 *
 * <pre>{@code
 * XdmEntry n3 = XdmReader.create().read(zip).n3().orElseThrow();
 * CrBioReader.create().read(n3.content());
 * }</pre>
 *
 * @param path the path in the archive ({@code IHE_XDM/SUBSET01/DOC00001.XML})
 * @param entryId the document entry's id in METADATA.XML
 * @param uniqueId the document's uniqueId
 * @param mimeType the MIME type
 * @param formatCode the XDS formatCode
 * @param typeCode the XDS typeCode
 * @param title the title
 * @param patientId the patient id (CX)
 * @param slots every slot with all its values (creationTime, hash, size, URI, sourcePatientInfo lines, …)
 * @param codes the classification codes by metadata name ({@code classCode}, {@code typeCode},
 *        {@code formatCode}, {@code confidentialityCode}, {@code healthcareFacilityTypeCode},
 *        {@code practiceSettingCode}; {@code eventCodeList} values joined by commas)
 * @param authors the {@code authorPerson} values (XCN)
 * @param content the bytes
 */
public record XdmEntry(String path, String entryId, String uniqueId, String mimeType, String formatCode,
        String typeCode, String title, String patientId, Map<String, List<String>> slots, Map<String, String> codes,
        List<String> authors, byte[] content) {

    /** The formatCode of a structured CR-BIO. */
    public static final String FORMAT_N3 = "urn:ihe:lab:xd-lab:2008";

    /**
     * Copies the slots.
     *
     * @param path the path
     * @param entryId the entry id
     * @param uniqueId the unique id
     * @param mimeType the MIME type
     * @param formatCode the format code
     * @param typeCode the type code
     * @param title the title
     * @param patientId the patient id
     * @param slots the slots
     * @param codes the codes
     * @param authors the authors
     * @param content the bytes
     */
    public XdmEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        slots.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        slots = java.util.Collections.unmodifiableMap(copy);
        codes = Map.copyOf(codes);
        authors = List.copyOf(authors);
    }

    /**
     * Whether this is a CDA level 1 (a document of the XDS-SD family: PDF or text in a CDA).
     *
     * @return true for an N1
     */
    public boolean isN1() {
        return formatCode != null && formatCode.startsWith("urn:ihe:iti:xds-sd:");
    }

    /**
     * Whether this is a structured CDA (any other format than XDS-SD).
     *
     * @return true for an N3
     */
    public boolean isN3() {
        return !isN1();
    }

    /**
     * A slot's first value.
     *
     * @param name the slot name
     * @return the value
     */
    public Optional<String> slot(String name) {
        List<String> v = slots.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * The bytes (the array itself).
     *
     * @return the bytes
     */
    @Override
    public byte[] content() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XdmEntry e && path.equals(e.path) && Arrays.equals(content, e.content)
                && Objects.equals(uniqueId, e.uniqueId);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "XdmEntry[" + path + ", " + formatCode + ", " + content.length + " bytes]";
    }
}
