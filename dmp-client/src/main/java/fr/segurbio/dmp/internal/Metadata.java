package fr.segurbio.dmp.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpValueSets;
import fr.segurbio.dmp.Visibility;

/** From cda-bio's XDS metadata to the DocumentEntries of a DMP submission, checked against the DMP value sets. */
public final class Metadata {

    /** The signature document's class code. */
    public static final Code SIGNATURE_CLASS = Code.of("urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1", "URN",
            "Digital Signature");
    /** The signature document's type code. */
    public static final Code SIGNATURE_TYPE = Code.of("E1762", "ASTM", "Full Document");
    /** The signature document's format code. */
    public static final Code SIGNATURE_FORMAT = Code.of("http://www.w3.org/2000/09/xmldsig#", "URN",
            "Default Signature Style");

    private Metadata() {
    }

    /**
     * Checks one document's metadata against the DMP value sets and required items.
     *
     * @param m the metadata
     * @param path where (n3 / n1)
     * @return every problem
     */
    public static ValidationResult check(XdsMetadata m, String path) {
        ValidationResult.Builder r = ValidationResult.builder();
        r.addAll(DmpValueSets.check("classCode", m.classCode(), DmpValueSets.CLASS_CODES, "JDV_J57-ClassCode-DMP")
                .under(path));
        r.addAll(DmpValueSets.check("typeCode", m.typeCode(), DmpValueSets.TYPE_CODES, "JDV_J66-TypeCode-DMP")
                .under(path));
        r.addAll(DmpValueSets.check("formatCode", m.formatCode(), DmpValueSets.FORMAT_CODES,
                "JDV_J60-FormatCode-DMP").under(path));
        r.addAll(DmpValueSets.check("healthcareFacilityTypeCode", m.healthcareFacilityTypeCode(),
                DmpValueSets.FACILITY_CODES, "JDV_J61-HealthcareFacilityTypeCode-DMP").under(path));
        r.addAll(DmpValueSets.check("practiceSettingCode", m.practiceSettingCode(), DmpValueSets.PRACTICE_CODES,
                "JDV_J62-PracticeSettingCode-DMP").under(path));
        r.addAll(DmpValueSets.check("confidentialityCode", m.confidentialityCode(),
                DmpValueSets.CONFIDENTIALITY_CODES, "JDV_J58-ConfidentialityCode-DMP").under(path));
        if (m.authors().isEmpty()) {
            r.add(DmpError.METADATA_MISSING, path + ".author", "author");
        } else if (m.authors().stream().anyMatch(a -> a.institution().isEmpty())) {
            r.add(DmpError.METADATA_MISSING, path + ".author.institution", "authorInstitution");
        }
        if (!"text/xml".equals(m.mimeType())) {
            r.add(DmpError.NOT_IN_VALUE_SET, path + ".mimeType", "mimeType", m.mimeType(), "text/xml");
        }
        if (m.languageCode() == null || !m.languageCode().matches("[a-z]{2}-[A-Z]{2}")) {
            r.add(DmpError.NOT_IN_VALUE_SET, path + ".languageCode", "languageCode", m.languageCode(), "fr-FR");
        }
        if (m.uniqueId() == null || m.uniqueId().isBlank()) {
            r.add(DmpError.METADATA_MISSING, path + ".uniqueId", "uniqueId");
        }
        if (m.hash() == null || !m.hash().matches("[0-9a-f]{40}")) {
            r.add(DmpError.METADATA_MISSING, path + ".hash", "hash (SHA-1)");
        }
        return r.build();
    }

    /**
     * A CDA DocumentEntry.
     *
     * @param m the metadata
     * @param entryId the entry id
     * @param restrictions the visibility restrictions
     * @param size the actual size
     * @param hash the actual SHA-1
     * @return the entry
     */
    public static EntryData entry(XdsMetadata m, String entryId, Set<Visibility> restrictions, long size,
            String hash) {
        List<Code> conf = new ArrayList<>();
        conf.add(m.confidentialityCode());
        for (Visibility v : Visibility.values()) {
            if (restrictions.contains(v)) {
                conf.add(Code.of(v.code(), Visibility.CODE_SYSTEM, v.label()));
            }
        }
        return new EntryData(entryId, m.uniqueId(), m.mimeType(), Optional.ofNullable(m.title()),
                m.creationTime(), Optional.ofNullable(m.serviceStartTime()), Optional.ofNullable(m.serviceStopTime()),
                m.languageCode(), m.patientId().orElseThrow().format(), Optional.of(m.sourcePatientId().format()),
                m.sourcePatientInfo().lines(), hash, size, authors(m), m.classCode(), conf, m.eventCodes(), m.formatCode(),
                m.healthcareFacilityTypeCode(), m.practiceSettingCode(), m.typeCode());
    }

    /**
     * The signature DocumentEntry, described like the N3 it signs.
     *
     * @param n3 the N3's metadata
     * @param entryId its entry id
     * @param uniqueId its uniqueId
     * @param created when it was signed
     * @param size its size
     * @param hash its SHA-1
     * @return the entry
     */
    public static EntryData signatureEntry(XdsMetadata n3, String entryId, String uniqueId, Instant created,
            long size, String hash) {
        return new EntryData(entryId, uniqueId, "text/xml", Optional.of("Signature"), created, Optional.empty(),
                Optional.empty(), n3.languageCode(), n3.patientId().orElseThrow().format(),
                Optional.of(n3.sourcePatientId().format()), List.of(), hash, size, authors(n3), SIGNATURE_CLASS,
                List.of(n3.confidentialityCode()), List.of(), SIGNATURE_FORMAT, n3.healthcareFacilityTypeCode(),
                n3.practiceSettingCode(), SIGNATURE_TYPE);
    }

    /**
     * The authors of a document in EntryData form.
     *
     * @param m the metadata
     * @return the authors
     */
    public static List<EntryData.Author> authors(XdsMetadata m) {
        return m.authors().stream()
                .map(a -> new EntryData.Author(a.person().format(), a.institution().map(x -> x.format()).orElse(null),
                        null, a.specialtyValue().orElse(null))).toList();
    }
}
