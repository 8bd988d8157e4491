package fr.segurbio.cda;

import java.time.OffsetDateTime;
import fr.segurbio.cda.internal.Bilingual;

/**
 * The encounter the report belongs to ({@code componentOf/encompassingEncounter}): its identifier, its code
 * ({@code AMB}, {@code IMP}… of HL7 ActCode), its start, the responsible biologist (whose organization is the
 * location) and the facility type (JDV_J02, e.g. {@code SA25} "Laboratoire de biologie médicale").
 *
 * <pre>{@code
 * Encounter e = new Encounter(InstanceId.of("1.2.250.1.213.1.1.9.1", "V2024-0001"),
 *         Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), sampledAt, biologist,
 *         Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale"));
 * }</pre>
 *
 * @param id the encounter identifier
 * @param code the encounter code
 * @param start the start of the encounter
 * @param responsible the responsible biologist; must have an organization (the location)
 * @param facilityType the healthcare facility type (JDV_J02)
 */
public record Encounter(InstanceId id, Code code, OffsetDateTime start, HealthProfessional responsible,
        Code facilityType) {

    /**
     * Checks the fields.
     *
     * @param id the identifier
     * @param code the code
     * @param start the start
     * @param responsible the responsible biologist
     * @param facilityType the facility type
     */
    public Encounter {
        if (id == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("identifiant de la rencontre (encounter)", "encounter id"));
        }
        if (code == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("code de la rencontre (encounter)", "encounter code"));
        }
        if (start == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("début de la rencontre (encounter)", "encounter start"));
        }
        if (responsible == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("responsable de la rencontre (encounter)", "encounter responsible"));
        }
        if (responsible.organization().isEmpty() || responsible.organization().get().address() == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("organisation et adresse du biologiste responsable de la rencontre (encounter)", "organization and address of the encounter's responsible biologist"));
        }
        if (facilityType == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("type d'établissement de la rencontre (encounter)", "encounter healthcare facility type"));
        }
    }
}
