package fr.segurbio.cda.internal.cda.read;

import java.time.OffsetDateTime;

import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.HealthProfessional;

/**
 * Reads the encounter ({@code componentOf/encompassingEncounter}): its identifier, code, start, responsible
 * biologist and the type of the facility.
 */
public final class EncounterPart {

    private EncounterPart() {
    }

    /**
     * Reads the encounter.
     *
     * @param in the reading
     * @param enc the {@code encompassingEncounter}
     * @return the encounter
     */
    public static Encounter read(CdaIn in, Node enc) {
        Node et = enc.child("effectiveTime");
        OffsetDateTime start = et == null ? null : et.child("low") != null ? in.time(et.child("low")) : in.time(et);
        Node assigned = enc.path("responsibleParty", "assignedEntity");
        if (assigned == null) {
            throw in.fail(enc, null, "élément responsibleParty/assignedEntity absent (règle : en-tête CR-BIO, "
                    + "componentOf/encompassingEncounter/responsibleParty, biologiste responsable)",
                    "no responsibleParty/assignedEntity element (rule: CR-BIO header, "
                    + "componentOf/encompassingEncounter/responsibleParty, responsible biologist)");
        }
        HealthProfessional responsible = ParticipantsPart.professional(assigned, "assignedPerson",
                "representedOrganization");
        Node facility = enc.path("location", "healthCareFacility", "code");
        return new Encounter(CdaIn.id(enc.child("id")), CdaIn.code(enc.child("code")), start, responsible,
                CdaIn.code(facility));
    }
}
