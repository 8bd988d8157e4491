package fr.segurbio.cda.internal.cda.write;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import javax.xml.stream.XMLStreamException;

import javax.xml.namespace.QName;

import fr.segurbio.cda.CdaExtension;
import fr.segurbio.cda.CdaExtension.Place;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.RelatedPerson;
import fr.segurbio.cda.internal.CrBioVocabulary;
import fr.segurbio.ins.Ins;

/**
 * The patient ({@code recordTarget}): the INS when it may be shared, the local identifier, the birth and
 * used names with their qualifiers, gender, birth date and place.
 */
final class PatientPart {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    private PatientPart() {
    }

    /** The patient role: INS (when it may be shared) and local id, address, telecoms, names, gender, birth. */
    static void recordTarget(CdaOut out, Patient p) throws XMLStreamException {
        recordTarget(out, p, null);
    }

    /**
     * The patient role, with the report's extensions of the patient and of the patient role at their places.
     *
     * @param out the document's writing
     * @param p the patient
     * @param r the report whose extensions are written, or {@code null} for none
     */
    static void recordTarget(CdaOut out, Patient p, CrBioReport r) throws XMLStreamException {
        out.start("recordTarget");
        out.start("patientRole");
        Optional<Ins> ins = p.shareableIns();
        if (ins.isPresent()) {
            out.empty("id");
            out.attr("root", ins.get().oid());
            out.attr("extension", ins.get().matricule().value());
        }
        out.id("id", p.localId());
        out.addr(p.address().orElse(null), "UNK");
        out.telecoms(p.telecoms(), "UNK");
        out.start("patient");
        out.attr("classCode", "PSN");
        out.start("name");
        out.start("family");
        out.attr("qualifier", "BR");
        out.text(p.birthFamilyName());
        out.end();
        if (p.birthGivenNames().isPresent()) {
            out.element("given", p.birthGivenNames().get());
        }
        if (p.firstBirthGivenName().isPresent()) {
            out.start("given");
            out.attr("qualifier", "BR");
            out.text(p.firstBirthGivenName().get());
            out.end();
        }
        // the used names only when given: a birth name is never written as a used name (qualifier CL optional)
        if (p.usedFamilyName().isPresent()) {
            out.start("family");
            out.attr("qualifier", "CL");
            out.text(p.usedFamilyName().get());
            out.end();
        }
        if (p.usedGivenName().isPresent()) {
            out.start("given");
            out.attr("qualifier", "CL");
            out.text(p.usedGivenName().get());
            out.end();
        }
        out.end();
        if (r != null) {
            out.extensions(r, Place.PATIENT, new QName(CdaExtension.NS_SDTC, "desc"));
        }
        out.empty("administrativeGenderCode");
        out.attr("code", p.gender().name());
        out.attr("displayName", p.gender().displayName());
        out.attr("codeSystem", CodeSystems.ADMINISTRATIVE_GENDER);
        out.empty("birthTime");
        if (p.birthDate().isPresent()) {
            out.attr("value", DATE.format(p.birthDate().get()));
        } else {
            out.attr("nullFlavor", "UNK");
        }
        if (r != null) {
            out.extensions(r, Place.PATIENT, new QName(CdaExtension.NS_SDTC, "deceasedInd"),
                    new QName(CdaExtension.NS_SDTC, "deceasedTime"), new QName(CdaExtension.NS_SDTC, "multipleBirthInd"),
                    new QName(CdaExtension.NS_SDTC, "multipleBirthOrderNumber"), hl7("maritalStatusCode"),
                    hl7("religiousAffiliationCode"), hl7("raceCode"), new QName(CdaExtension.NS_SDTC, "raceCode"),
                    hl7("ethnicGroupCode"), new QName(CdaExtension.NS_SDTC, "ethnicGroupCode"));
        }
        for (RelatedPerson g : p.guardians()) {
            out.start("guardian");
            ParticipantsPart.relatedPerson(out, g, "guardianPerson", true);
            out.end();
        }
        if (r != null) {
            out.extensions(r, Place.PATIENT, "guardian");
        }
        if (p.birthPlace().isPresent()) {
            out.start("birthplace");
            out.start("place");
            out.start("addr");
            out.element("county", p.birthPlace().get().code());
            if (p.birthCity().isPresent()) {
                out.element("city", p.birthCity().get());
            }
            out.end();
            out.end();
            out.end();
        }
        if (r != null) {
            out.extensions(r, Place.PATIENT, "languageCommunication");
        }
        out.end();
        if (r != null) {
            out.extensions(r, Place.PATIENT_ROLE, "providerOrganization");
        }
        out.end();
        out.end();
    }

    private static QName hl7(String name) {
        return new QName(CrBioVocabulary.NS_HL7, name);
    }
}
