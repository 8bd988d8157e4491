package fr.segurbio.cda;

import java.util.List;
import java.util.Optional;

/**
 * An organization: a lab, a care facility, a nurses' practice. A lab report requires its address and telecom
 * (custodian, performing lab).
 *
 * <pre>{@code
 * Organization lab = new Organization(InstanceId.idNatStruct("1120459876"), "Laboratoire des charmes",
 *         Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
 *         List.of(Telecom.phone("0174589607", "WP")), Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
 * }</pre>
 *
 * @param id the identifier (idNat_Struct)
 * @param name the name
 * @param address the address, or {@code null} when masked
 * @param telecoms the telecoms (empty when masked)
 * @param practiceSetting the practice setting ({@code standardIndustryClassCode}, JDV_J04), or {@code null}
 */
public record Organization(InstanceId id, String name, Address address, List<Telecom> telecoms, Code practiceSetting) {

    /**
     * Checks the fields.
     *
     * @param id the identifier
     * @param name the name
     * @param address the address, or {@code null}
     * @param telecoms the telecoms
     * @param practiceSetting the practice setting, or {@code null}
     */
    public Organization {
        if (id == null) {
            throw new CdaException(CdaError.MISSING, "organization/id");
        }
        name = InstanceId.requireText(name, "organization/name");
        telecoms = telecoms == null ? List.of() : List.copyOf(telecoms);
    }

    /**
     * The address, if known.
     *
     * @return the address
     */
    public Optional<Address> optionalAddress() {
        return Optional.ofNullable(address);
    }

    /**
     * The practice setting (JDV_J04), if given.
     *
     * @return the code
     */
    public Optional<Code> optionalPracticeSetting() {
        return Optional.ofNullable(practiceSetting);
    }
}
