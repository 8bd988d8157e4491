package fr.segurbio.cda.internal.cda.write;

import javax.xml.stream.XMLStreamException;

import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.Organization;

/**
 * The encounter ({@code componentOf/encompassingEncounter}) with its responsible party and location.
 */
final class EncounterPart {

    private EncounterPart() {
    }

    /** The encounter: id, code, start, responsible party and the location of its organization. */
    static void componentOf(CdaOut out, Encounter e) throws XMLStreamException {
        out.start("componentOf");
        out.start("encompassingEncounter");
        out.id("id", e.id());
        out.code("code", e.code());
        out.start("effectiveTime");
        out.ts("low", e.start());
        out.end();
        out.start("responsibleParty");
        out.start("assignedEntity");
        ParticipantsPart.assigned(out, e.responsible(), "assignedPerson", "representedOrganization", true, true);
        out.end();
        out.end();
        Organization location = e.responsible().organization().orElseThrow();
        out.start("location");
        out.start("healthCareFacility");
        out.code("code", e.facilityType());
        out.start("location");
        out.element("name", location.name());
        out.addr(location.address(), "UNK");
        out.end();
        out.end();
        out.end();
        out.end();
        out.end();
    }
}
