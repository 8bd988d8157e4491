package fr.segurbio.cda.internal.cda.read;

import java.time.OffsetDateTime;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.CdaExtension;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Gender;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.RelatedPerson;
import fr.segurbio.cda.internal.CrBioVocabulary;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;

/**
 * Reads the patient ({@code recordTarget/patientRole}): the INS (a root of ins-core's assigning authorities) or
 * the local identifier, the birth and used names by their qualifiers, gender, birth date and place, address and
 * telecoms.
 */
public final class PatientPart {

    private PatientPart() {
    }

    /**
     * Reads the patient.
     *
     * @param in the reading
     * @param role the {@code patientRole}
     * @return the patient
     */
    public static Patient read(CdaIn in, Node role) {
        Patient.Builder p = Patient.builder();
        InstanceId local = null;
        for (Node idNode : role.children("id")) {
            String r = idNode.attr("root");
            String ext = idNode.attr("extension");
            if (r == null || idNode.nullFlavored()) {
                continue;
            }
            if (CrBioVocabulary.INS_ROOTS.contains(r) && ext != null) {
                p.ins(Ins.of(ext, r), true);
            } else if (local == null) {
                local = InstanceId.of(r, ext);
            }
        }
        if (local != null) {
            p.localId(local);
        }
        Address address = ParticipantsPart.address(role.child("addr"));
        if (address != null) {
            p.address(address);
        }
        ParticipantsPart.telecoms(role).forEach(p::telecom);
        Node patient = role.child("patient");
        if (patient == null) {
            throw in.fail(role, null, "élément patient absent (règle : CI-SIS structuration minimale, "
                    + "recordTarget/patientRole/patient 1..1)", "no patient element (rule: CI-SIS minimal structure, "
                    + "recordTarget/patientRole/patient 1..1)");
        }
        names(p, patient.child("name"));
        Node gender = patient.child("administrativeGenderCode");
        if (gender != null && gender.attr("code") != null) {
            p.gender(Gender.fromCode(gender.attr("code")));
        }
        Node birth = patient.child("birthTime");
        if (birth != null && birth.attr("value") != null) {
            OffsetDateTime t = in.exactTime(birth);
            p.birthDate(t.toLocalDate());
        }
        for (Node g : patient.children("guardian")) {
            if (g.child("guardianPerson") == null) {
                continue; // kept as an extension by extensions()
            }
            RelatedPerson guardian = in.repeated(g, () -> ParticipantsPart.relatedPerson(g, "guardianPerson"));
            if (guardian != null) {
                p.guardian(guardian);
            }
        }
        Node place = patient.path("birthplace", "place", "addr");
        if (place != null) {
            Node county = place.child("county");
            if (county != null && county.text() != null) {
                p.birthPlace(BirthPlace.of(county.text()));
            }
            Node city = place.child("city");
            if (city != null && city.text() != null) {
                p.birthCity(city.text());
            }
        }
        return p.build();
    }

    /** The children of {@code patientRole} the model reads. */
    private static final java.util.Set<String> ROLE_READ = java.util.Set.of("id", "addr", "telecom", "patient");
    /** The children of {@code patient} the model reads (a guardian, when it is a person). */
    private static final java.util.Set<String> PATIENT_READ = java.util.Set.of("name", "administrativeGenderCode",
            "birthTime", "birthplace");

    /**
     * Keeps what the model does not hold of the patient as extensions of the report (a guardian organization, a
     * marital status, a language, the patient's provider organization…) or lists it as not kept.
     *
     * @param in the reading
     * @param role the {@code patientRole}
     * @param b the report being read
     */
    public static void extensions(CdaIn in, Node role, CrBioReport.Builder b) {
        for (Node c : role.elements()) {
            if (!Node.HL7.equals(c.namespace()) || !ROLE_READ.contains(c.name())) {
                Extensions.keep(in, c, CdaExtension.Place.PATIENT_ROLE, b, "patientRole/" + c.name());
            }
        }
        Node patient = role.child("patient");
        if (patient == null) {
            return;
        }
        for (Node c : patient.elements()) {
            boolean hl7 = Node.HL7.equals(c.namespace());
            if (hl7 && "guardian".equals(c.name())) {
                if (c.child("guardianPerson") == null) {
                    Extensions.keep(in, c, CdaExtension.Place.PATIENT, b, "guardian/guardianOrganization");
                }
            } else if (!hl7 || !PATIENT_READ.contains(c.name())) {
                Extensions.keep(in, c, CdaExtension.Place.PATIENT, b, "patient/" + c.name());
            }
        }
    }

    private static void names(Patient.Builder p, Node name) {
        if (name == null) {
            return;
        }
        for (Node part : name.elements()) {
            String q = part.attr("qualifier");
            String text = part.text();
            if (text == null) {
                continue;
            }
            if ("family".equals(part.name())) {
                if ("BR".equals(q) || q == null) {
                    p.birthFamilyName(text);
                } else if ("CL".equals(q) || "SP".equals(q)) {
                    p.usedFamilyName(text);
                }
            } else if ("given".equals(part.name())) {
                if (q == null) {
                    p.birthGivenNames(text);
                } else if ("BR".equals(q)) {
                    p.firstBirthGivenName(text);
                } else if ("CL".equals(q)) {
                    p.usedGivenName(text);
                }
            }
        }
    }
}
