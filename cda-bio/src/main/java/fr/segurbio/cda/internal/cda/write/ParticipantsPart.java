package fr.segurbio.cda.internal.cda.write;

import javax.xml.stream.XMLStreamException;

import fr.segurbio.cda.CdaExtension.Place;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.RelatedPerson;
import fr.segurbio.cda.internal.CrBioVocabulary;

/**
 * The header's participants: authors, custodian, intended recipients, legal authenticator,
 * authenticators, prescriber and sampler, and the assigned entity and organization they are written with.
 */
final class ParticipantsPart {

    private ParticipantsPart() {
    }

    /**
     * The header's participants, in the CDA schema's order: authors, custodian, intended recipients, legal
     * authenticator, authenticators, then the prescriber and the sampler ({@code participant}).
     *
     * @param out the document's writing
     * @param r the report
     */
    static void header(CdaOut out, CrBioReport r) throws XMLStreamException {
        authors(out, r);
        out.extensions(r, Place.HEADER, "dataEnterer");
        for (RelatedPerson p : r.informants()) {
            out.start("informant");
            out.start("relatedEntity");
            out.attr("classCode", p.classCode());
            relatedPerson(out, p, "relatedPerson", false);
            out.end();
            out.end();
        }
        out.extensions(r, Place.HEADER, "informant");
        custodian(out, r);
        for (HealthProfessional recipient : r.recipients()) {
            informationRecipient(out, recipient);
        }
        out.extensions(r, Place.HEADER, "informationRecipient");
        legalAuthenticator(out, r);
        authenticators(out, r);
        prescriber(out, r);
        sampler(out, r);
        if (r.attendingPhysician().isPresent()) {
            out.start("participant");
            out.attr("typeCode", "INF");
            out.empty("functionCode");
            out.attr("code", "PCP");
            out.attr("displayName", "Médecin traitant");
            out.attr("codeSystem", "2.16.840.1.113883.5.88");
            out.empty("time");
            out.attr("nullFlavor", "NA");
            out.start("associatedEntity");
            out.attr("classCode", "PROV");
            assigned(out, r.attendingPhysician().get(), "associatedPerson", "scopingOrganization", true, true);
            out.end();
            out.end();
        }
        out.extensions(r, Place.HEADER, "participant");
    }

    /**
     * The content of a guardian or an informant's relatedEntity: code, addr, telecom, the person's name (a
     * guardian's person is required: an unknown name is written {@code nullFlavor="UNK"}).
     */
    static void relatedPerson(CdaOut out, RelatedPerson p, String personElement, boolean personRequired)
            throws XMLStreamException {
        if (p.relationship() != null) {
            out.code("code", p.relationship());
        }
        if (p.address() != null) {
            out.addr(p.address(), "UNK");
        }
        if (!p.telecoms().isEmpty()) {
            out.telecoms(p.telecoms(), "UNK");
        }
        if (p.name() != null) {
            out.start(personElement);
            out.name(p.name());
            out.end();
        } else if (personRequired) {
            out.start(personElement);
            out.empty("name");
            out.attr("nullFlavor", "UNK");
            out.end();
        }
    }

    /** The authors (the biologists who wrote the report). */
    static void authors(CdaOut out, CrBioReport r) throws XMLStreamException {
        for (Participation a : r.authors()) {
            out.start("author");
            out.ts("time", a.time());
            out.start("assignedAuthor");
            assigned(out, a.professional(), "assignedPerson", "representedOrganization", true, false);
            out.end();
            out.end();
        }
    }

    /** The custodian: the organization that keeps the document. */
    static void custodian(CdaOut out, CrBioReport r) throws XMLStreamException {
        out.start("custodian");
        out.start("assignedCustodian");
        organization(out, "representedCustodianOrganization", r.custodian(), false);
        out.end();
        out.end();
    }

    /** The legal authenticator, with the practice setting of its organization. */
    static void legalAuthenticator(CdaOut out, CrBioReport r) throws XMLStreamException {
        Participation la = r.legalAuthenticator();
        out.start("legalAuthenticator");
        out.ts("time", la.time());
        out.empty("signatureCode");
        out.attr("code", "S");
        out.start("assignedEntity");
        assigned(out, la.professional(), "assignedPerson", "representedOrganization", true, true);
        out.end();
        out.end();
    }

    /** The authenticators (IHE XD-LAB), with the practice setting of their organization as read. */
    static void authenticators(CdaOut out, CrBioReport r) throws XMLStreamException {
        for (Participation a : r.authenticators()) {
            out.start("authenticator");
            out.templateId(CrBioVocabulary.T_AUTHENTICATOR);
            out.ts("time", a.time());
            out.empty("signatureCode");
            out.attr("code", "S");
            out.start("assignedEntity");
            assigned(out, a.professional(), "assignedPerson", "representedOrganization", true, true);
            out.end();
            out.end();
        }
    }

    /** The prescriber ({@code participant typeCode="REF"}, IHE ordering provider). */
    static void prescriber(CdaOut out, CrBioReport r) throws XMLStreamException {
        if (r.prescriber().isPresent()) {
            Participation p = r.prescriber().get();
            out.start("participant");
            out.attr("typeCode", "REF");
            out.templateId(CrBioVocabulary.T_ORDERING_PROVIDER);
            out.start("time");
            out.xsiType("IVL_TS");
            out.ts("high", p.time());
            out.end();
            out.start("associatedEntity");
            out.attr("classCode", "PROV");
            assigned(out, p.professional(), "associatedPerson", "scopingOrganization", true, true);
            out.end();
            out.end();
        }
    }

    /** The sampler ({@code participant typeCode="PRF"}, function {@code PRELV}). */
    static void sampler(CdaOut out, CrBioReport r) throws XMLStreamException {
        if (r.sampler().isPresent()) {
            Participation p = r.sampler().get();
            out.start("participant");
            out.attr("typeCode", "PRF");
            out.empty("functionCode");
            out.attr("code", CrBioVocabulary.SAMPLER_FUNCTION);
            out.attr("displayName", CrBioVocabulary.SAMPLER_FUNCTION_DISPLAY);
            out.attr("codeSystem", CodeSystems.PARTICIPATION_FUNCTION);
            out.start("time");
            out.xsiType("IVL_TS");
            out.ts("high", p.time());
            out.end();
            out.start("associatedEntity");
            out.attr("classCode", "PROV");
            assigned(out, p.professional(), "associatedPerson", "scopingOrganization", true, true);
            out.end();
            out.end();
        }
    }

    /** id, name, telecom, addr, [standardIndustryClassCode]. */
    static void organization(CdaOut out, String element, Organization o, boolean withPracticeSetting)
            throws XMLStreamException {
        out.start(element);
        out.id("id", o.id());
        out.element("name", o.name());
        out.telecoms(o.telecoms(), "UNK");
        out.addr(o.address(), "UNK");
        if (withPracticeSetting && o.practiceSetting() != null) {
            out.code("standardIndustryClassCode", o.practiceSetting());
        }
        out.end();
    }

    /** Content of assignedAuthor / assignedEntity: id, code, addr, telecom, person, organization. */
    static void assigned(CdaOut out, HealthProfessional hp, String personElement, String orgElement, boolean withCode,
            boolean withPracticeSetting) throws XMLStreamException {
        out.id("id", hp.id());
        if (withCode && hp.profession().isPresent()) {
            out.code("code", hp.profession().get());
        }
        out.addr(hp.address().orElse(null), "UNK");
        out.telecoms(hp.telecoms(), "UNK");
        out.start(personElement);
        out.name(hp.name());
        out.end();
        if (orgElement != null && hp.organization().isPresent()) {
            organization(out, orgElement, hp.organization().get(), withPracticeSetting);
        }
    }

    /**
     * informationRecipient/intendedRecipient: templateId (IHE XD-LAB intended recipient), id (idNat_PS), addr,
     * telecom, the person's name and the receiving organization, in the CDA schema order.
     */
    static void informationRecipient(CdaOut out, HealthProfessional hp) throws XMLStreamException {
        out.start("informationRecipient");
        out.start("intendedRecipient");
        out.templateId(CrBioVocabulary.T_INTENDED_RECIPIENT);
        out.id("id", hp.id());
        out.addr(hp.address().orElse(null), "UNK");
        out.telecoms(hp.telecoms(), "UNK");
        out.start("informationRecipient");
        out.name(hp.name());
        out.end();
        if (hp.organization().isPresent()) {
            Organization o = hp.organization().get();
            out.start("receivedOrganization");
            out.id("id", o.id());
            out.element("name", o.name());
            out.telecoms(o.telecoms(), "UNK");
            out.addr(o.address(), "UNK");
            out.end();
        }
        out.end();
        out.end();
    }
}
