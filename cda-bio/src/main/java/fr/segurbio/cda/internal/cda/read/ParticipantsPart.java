package fr.segurbio.cda.internal.cda.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CdaExtension;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.RelatedPerson;
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
        for (Node inf : root.children("informant")) {
            Node related = inf.child("relatedEntity");
            if (related == null) {
                Extensions.keep(in, inf, CdaExtension.Place.HEADER, b, "informant/assignedEntity");
                continue;
            }
            RelatedPerson p = in.repeated(related, () -> relatedPerson(related, "relatedPerson"));
            if (p != null) {
                b.informant(p);
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
            } else {
                Extensions.keep(in, ir, CdaExtension.Place.HEADER, b, "informationRecipient (" + (rid == null
                        ? "sans id / no id" : "id " + rid.attr("root") + " " + rid.attr("extension")) + ")");
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
            } else if ("INF".equals(type) && fn != null && "PCP".equals(fn.attr("code"))
                    && p.child("associatedEntity") != null) {
                b.attendingPhysician(in.part(p, () -> professional(p.child("associatedEntity"), "associatedPerson",
                        "scopingOrganization")));
            } else {
                Extensions.keep(in, p, CdaExtension.Place.HEADER, b, "participant typeCode=" + type
                        + (fn == null ? "" : " functionCode=" + fn.attr("code")));
            }
        }
        for (Node child : root.elements()) {
            if (!Node.HL7.equals(child.namespace()) || !HEADER_READ.contains(child.name())) {
                Extensions.keep(in, child, CdaExtension.Place.HEADER, b, child.name());
            }
        }
    }

    /** The children of {@code ClinicalDocument} the reader reads (or that the writer writes from fixed values). */
    private static final Set<String> HEADER_READ = Set.of("realmCode", "typeId", "templateId", "id", "code", "title",
            "effectiveTime", "confidentialityCode", "languageCode", "setId", "versionNumber", "recordTarget", "author",
            "informant", "custodian", "informationRecipient", "legalAuthenticator", "authenticator", "participant",
            "inFulfillmentOf", "documentationOf", "relatedDocument", "componentOf", "component");
    // inFulfillmentOf, documentationOf and relatedDocument beyond what the model holds are kept by HeaderPart

    /**
     * A guardian ({@code guardian}, person in {@code guardianPerson}) or an informant's {@code relatedEntity}
     * (person in {@code relatedPerson}, with its classCode).
     */
    static RelatedPerson relatedPerson(Node entity, String personElement) {
        RelatedPerson.Builder p = RelatedPerson.builder();
        if ("relatedEntity".equals(entity.name())) {
            p.classCode(entity.attr("classCode"));
        }
        Code code = CdaIn.code(entity.child("code"));
        if (code != null) {
            p.relationship(code);
        }
        Address a = address(entity.child("addr"));
        if (a != null) {
            p.address(a);
        }
        telecoms(entity).forEach(p::telecom);
        Node person = entity.child(personElement);
        PersonName name = person == null ? null : name(person.child("name"));
        if (name != null) {
            p.name(name);
        }
        return p.build();
    }

    /** A participation: the professional of {@code entity} and the participation's {@code time}. */
    static Participation participation(CdaIn in, Node participation, String entity, String personElement,
            String orgElement) {
        Node assigned = participation.child(entity);
        if (assigned == null) {
            throw in.fail(participation, null, "élément " + entity + " absent (règle : schéma CDA R2, " + entity
                    + " 1..1)", "no " + entity + " element (rule: CDA R2 schema, " + entity + " 1..1)");
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

    /**
     * An address part by part as written; {@code <addr nullFlavor="…"/>} as {@link Address#unknown(String)}, except
     * {@code UNK}, which is what the writer writes for an address not given, read as absent (written back the
     * same); {@code null} when absent or without any part.
     */
    static Address address(Node addr) {
        if (addr == null) {
            return null;
        }
        String nf = addr.attr("nullFlavor");
        if (nf != null) {
            return Address.NULL_FLAVORS.contains(nf) && !"UNK".equals(nf) ? Address.unknown(nf) : null;
        }
        Address.Builder a = Address.builder().use(addr.attr("use"));
        for (Node part : addr.elements()) {
            String t = part.text();
            if (t == null) {
                continue;
            }
            switch (part.name()) {
                case "streetAddressLine" -> a.streetLine(t);
                case "houseNumber" -> a.houseNumber(t);
                case "streetName" -> a.streetName(t);
                case "additionalLocator" -> a.additionalLocator(t);
                case "postBox" -> a.postBox(t);
                case "postalCode" -> a.postalCode(t);
                case "city" -> a.city(t);
                case "county" -> a.county(t);
                case "country" -> a.country(t);
                default -> {
                    if (Address.OTHER_PART_NAMES.contains(part.name())) {
                        a.part(part.name(), t); // useablePeriod, the only other AD child, is not text
                    }
                }
            }
        }
        return a.hasNoPart() ? null : a.build();
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
