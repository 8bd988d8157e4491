package fr.segurbio.hl7v2.report;

import fr.segurbio.cda.xds.Hd;
import fr.segurbio.cda.xds.Xcn;
import fr.segurbio.hl7v2.Field;
import java.util.Objects;

/**
 * A person of a PRT segment (HL7 XCN in PRT-5): identifier, names, assigning authority, name type and identifier
 * type (table 0203 France: {@code IDNPS}, {@code RPPS}, {@code INS}…).
 *
 * <pre>{@code
 * Person diaz = Person.idNatPs("801234567866", "DIAZ", "Thierry");
 * diaz.toEr7();
 * // 801234567866^DIAZ^Thierry^^^^^^ASIP-SANTE-PS&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS
 * }</pre>
 *
 * @param id XCN-1
 * @param family XCN-2
 * @param given XCN-3
 * @param namespace XCN-9.1
 * @param oid XCN-9.2
 * @param nameType XCN-10 ({@code D} or {@code L})
 * @param idType XCN-13
 */
public record Person(String id, String family, String given, String namespace, String oid, String nameType,
        String idType) {

    /** The OID of the national health professional identifiers (idNatPs). */
    public static final String ID_NAT_PS_OID = "1.2.250.1.71.4.2.1";

    /**
     * Checks the fields.
     *
     * @param id XCN-1
     * @param family XCN-2
     * @param given XCN-3
     * @param namespace XCN-9.1
     * @param oid XCN-9.2
     * @param nameType XCN-10 ({@code D} or {@code L})
     * @param idType XCN-13
     */
    public Person {
        Objects.requireNonNull(id, "id");
        family = family == null ? "" : family;
        given = given == null ? "" : given;
        namespace = namespace == null ? "" : namespace;
        oid = oid == null ? "" : oid;
        nameType = nameType == null ? "" : nameType;
        idType = idType == null ? "" : idType;
    }

    /**
     * A health professional by national id ({@code 8} + RPPS, or {@code 0}/{@code 3} + ADELI…), type IDNPS.
     *
     * @param idNatPs the national id
     * @param family the family name
     * @param given the given name
     * @return the person
     */
    public static Person idNatPs(String idNatPs, String family, String given) {
        return new Person(idNatPs, family, given, "ASIP-SANTE-PS", ID_NAT_PS_OID, "D", "IDNPS");
    }

    /**
     * Reads an XCN; a bare OID in XCN-9.1 (seen in the ANS patient PRT) is read as the OID.
     *
     * @param xcn the field
     * @return the person
     */
    public static Person of(Field xcn) {
        String ns = xcn.subcomponent(9, 1).trim();
        String oid = xcn.subcomponent(9, 2).trim();
        if (oid.isEmpty() && ns.matches("[0-2](\\.[0-9]+)+")) {
            oid = ns;
            ns = "";
        }
        return new Person(xcn.component(1).trim(), xcn.component(2), xcn.component(3), ns, oid,
                xcn.trimmed(10), xcn.trimmed(13));
    }

    /**
     * The person as cda-bio's XCN composite.
     *
     * @return the XCN
     */
    public Xcn toXcn() {
        Hd authority = namespace.isEmpty() && oid.isEmpty() ? null
                : new Hd(namespace, oid, oid.isEmpty() ? null : Hd.ISO);
        return new Xcn(id, family, given, authority, nameType, idType);
    }

    /**
     * The XCN text with the standard delimiters (written by cda-bio's {@link Xcn#format()}).
     *
     * @return the ER7 text
     */
    public String toEr7() {
        return toXcn().format();
    }
}
