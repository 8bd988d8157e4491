package fr.segurbio.cda.internal.cda.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.Telecom;
import fr.segurbio.cda.internal.CrBioVocabulary;

/**
 * Reads the header's participants (authors, custodian, recipients, legal authenticator, authenticators, prescriber,
 * sampler) and the pieces every participant is made of: professional, organization, name, address, telecoms.
 */
public final class ParticipantsPart {

    private ParticipantsPart() {
    }

    /**
     * Reads the header's participants into the builder.
     *
     * @param in the reading
     * @param root the {@code ClinicalDocument}
     * @param b the report being read
     */
    public static void read(CdaIn in, Node root, CrBioReport.Builder b) {
        for (Node a : root.children("author")) {
            Participation p = in.repeated(a, () -> participation(in, a, "assignedAuthor", "assignedPerson",
                    "representedOrganization"));
            if (p != null) {
                b.author(p);
            }
        }
        Node custodian = root.path("custodian", "assignedCustodian", "representedCustodianOrganization");
        if (custodian != null) {
            b.custodian(in.part(custodian, () -> organization(custodian)));
        }
        Set<InstanceId> recipientIds = new HashSet<>();
        for (Node ir : root.children("informationRecipient")) {
            Node recipient = ir.child("intendedRecipient");
            Node rid = recipient == null ? null : recipient.child("id");
            // The model's recipients are named health professionals identified by an idNat_PS, each once; other
            // recipients (an organization only, a local identifier, a repeat) are left out.
            if (rid != null && CodeSystems.ID_NAT_PS.equals(rid.attr("root")) && rid.attr("extension") != null
                    && recipient.path("informationRecipient", "name") != null
                    && recipientIds.add(InstanceId.of(rid.attr("root"), rid.attr("extension")))) {
                HealthProfessional hp = in.repeated(ir,
                        () -> professional(recipient, "informationRecipient", "receivedOrganization"));
                if (hp != null) {
                    b.recipient(hp);
                }
            }
        }
        Node la = root.child("legalAuthenticator");
        if (la != null) {
            b.legalAuthenticator(in.part(la, () -> participation(in, la, "assignedEntity", "assignedPerson",
                    "representedOrganization")));
        }
        for (Node a : root.children("authenticator")) {
            Participation p = in.repeated(a, () -> participation(in, a, "assignedEntity", "assignedPerson",
                    "representedOrganization"));
            if (p != null) {
                b.authenticator(p);
            }
        }
        for (Node p : root.children("participant")) {
            String type = p.attr("typeCode");
            Node fn = p.child("functionCode");
            if ("REF".equals(type)) {
                b.prescriber(in.part(p, () -> participation(in, p, "associatedEntity", "associatedPerson",
                        "scopingOrganization")));
            } else if ("PRF".equals(type) && fn != null && CrBioVocabulary.SAMPLER_FUNCTION.equals(fn.attr("code"))) {
                b.sampler(in.part(p, () -> participation(in, p, "associatedEntity", "associatedPerson",
                        "scopingOrganization")));
            }
        }
    }

    /** A participation: the professional of {@code entity} and the participation's {@code time}. */
    static Participation participation(CdaIn in, Node participation, String entity, String personElement,
            String orgElement) {
        Node assigned = participation.child(entity);
        if (assigned == null) {
            throw in.fail(participation, null, "élément " + entity + " absent", "no " + entity + " element");
        }
        return new Participation(professional(assigned, personElement, orgElement),
                in.time(participation.child("time")));
    }

    /** A subcontracting lab or a result's performer ({@code performer/assignedEntity}). */
    static Participation performer(CdaIn in, Node performer) {
        return participation(in, performer, "assignedEntity", "assignedPerson", "representedOrganization");
    }

    static HealthProfessional professional(Node assigned, String personElement, String orgElement) {
        HealthProfessional.Builder hp = HealthProfessional.builder();
        InstanceId id = CdaIn.id(assigned.child("id"));
        if (id != null) {
            hp.id(id);
        }
        Code profession = CdaIn.code(assigned.child("code"));
        if (profession != null) {
            hp.profession(profession);
        }
        Address a = address(assigned.child("addr"));
        if (a != null) {
            hp.address(a);
        }
        telecoms(assigned).forEach(hp::telecom);
        Node person = assigned.child(personElement);
        if (person == null) {
            person = assigned.child("playingEntity");
        }
        PersonName name = person == null ? null : name(person.child("name"));
        if (name == null && orgElement != null && assigned.child(orgElement) != null) {
            Node orgName = assigned.child(orgElement).child("name");
            if (orgName != null && orgName.text() != null) {
                name = new PersonName(null, null, orgName.text(), null);
            }
        }
        if (name != null) {
            hp.name(name);
        }
        if (orgElement != null) {
            Organization org = organization(assigned.child(orgElement));
            if (org != null) {
                hp.organization(org);
            }
        }
        return hp.build();
    }

    static Organization organization(Node org) {
        if (org == null || org.nullFlavored()) {
            return null;
        }
        InstanceId id = CdaIn.id(org.child("id"));
        if (id == null) {
            return null;
        }
        Node name = org.child("name");
        return new Organization(id, name == null ? null : name.text(), address(org.child("addr")), telecoms(org),
                CdaIn.code(org.child("standardIndustryClassCode")));
    }

    static PersonName name(Node name) {
        if (name == null || name.nullFlavored()) {
            return null;
        }
        String prefix = null;
        String family = null;
        String suffix = null;
        List<String> given = new ArrayList<>();
        for (Node part : name.elements()) {
            String t = part.text();
            if (t == null) {
                continue;
            }
            switch (part.name()) {
                case "prefix" -> prefix = prefix == null ? t : prefix;
                case "family" -> family = family == null ? t : family;
                case "given" -> given.add(t);
                case "suffix" -> suffix = suffix == null ? t : suffix;
                default -> {
                    // other name parts are not kept
                }
            }
        }
        if (family == null) {
            String whole = name.text();
            if (whole == null) {
                return null;
            }
            family = whole;
        }
        return new PersonName(prefix, given.isEmpty() ? null : String.join(" ", given), family, suffix);
    }

    static Address address(Node addr) {
        if (addr == null || addr.nullFlavored()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        String postalCode = null;
        String city = null;
        String country = null;
        StringBuilder street = new StringBuilder();
        StringBuilder complement = new StringBuilder();
        for (Node part : addr.elements()) {
            String t = part.text();
            if (t == null) {
                continue;
            }
            switch (part.name()) {
                case "streetAddressLine" -> lines.add(t);
                case "houseNumber", "houseNumberNumeric", "buildingNumberSuffix", "streetNameType", "streetName",
                        "streetNameBase", "direction" -> append(street, t);
                case "unitID", "unitType", "additionalLocator", "postBox", "careOf", "deliveryAddressLine",
                        "deliveryInstallationType", "deliveryInstallationArea", "deliveryInstallationQualifier",
                        "deliveryMode", "deliveryModeIdentifier", "precinct" -> append(complement, t);
                case "postalCode" -> postalCode = t;
                case "city" -> city = t;
                case "country" -> country = t;
                default -> {
                    // state, county, censusTract: not kept
                }
            }
        }
        if (street.length() > 0) {
            lines.add(street.toString());
        }
        if (complement.length() > 0) {
            lines.add(complement.toString());
        }
        if (lines.size() > 2) {
            lines = List.of(lines.get(0), String.join(", ", lines.subList(1, lines.size())));
        }
        if (city == null) {
            return null;
        }
        return new Address(lines, postalCode, city, country);
    }

    private static void append(StringBuilder sb, String t) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(t);
    }

    static List<Telecom> telecoms(Node parent) {
        List<Telecom> list = new ArrayList<>();
        for (Node t : parent.children("telecom")) {
            String v = t.attr("value");
            if (v == null || t.nullFlavored()) {
                continue;
            }
            try {
                list.add(new Telecom(v, t.attr("use")));
            } catch (CdaException e) {
                // a telecom the model refuses (no tel:/mailto: scheme) is left out
            }
        }
        return list;
    }
}
