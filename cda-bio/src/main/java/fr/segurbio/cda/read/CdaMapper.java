package fr.segurbio.cda.read;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Battery;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.CommentSection;
import fr.segurbio.cda.Confidentiality;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.Gender;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.ResultStatus;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.cda.Telecom;
import fr.segurbio.core.Problem;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;
import net.sf.saxon.s9api.Axis;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XdmSequenceIterator;

/** Maps one CR-BIO N3 ClinicalDocument onto the cda-bio model. One instance per document; not thread-safe. */
final class CdaMapper {

    static final Set<String> INS_ROOTS = Set.of("1.2.250.1.213.1.4.8", "1.2.250.1.213.1.4.9",
            "1.2.250.1.213.1.4.10", "1.2.250.1.213.1.4.11");

    static final String T_CHAPTER = "1.3.6.1.4.1.19376.1.3.3.2.1";
    static final String T_SUBCHAPTER = "1.3.6.1.4.1.19376.1.3.3.2.2";
    static final String T_COMMENT_SECTION = "1.2.250.1.213.1.1.2.73";
    static final String T_SECOND_LINE = "1.2.250.1.213.1.1.2.60";
    static final String T_PDF_COPY = "1.2.250.1.213.1.1.2.243";

    private final Node root;
    private final Map<String, String> narrative = new HashMap<>();
    private byte[] pdfCopy;
    private final List<Problem> warnings = new ArrayList<>();
    /** The title of the (sub-)chapter being read: the label of a battery that has no code nor text. */
    private String sectionTitle;

    CdaMapper(Node root) {
        this.root = root;
        XdmSequenceIterator<XdmNode> all = root.x.axisIterator(Axis.DESCENDANT_OR_SELF);
        while (all.hasNext()) {
            XdmNode n = all.next();
            if (n.getNodeKind() == XdmNodeKind.ELEMENT) {
                String id = n.attribute("ID");
                if (id != null) {
                    narrative.put(id, n.getStringValue().replaceAll("\\s+", " ").trim());
                }
            }
        }
    }

    byte[] pdfCopy() {
        return pdfCopy;
    }

    CrBioReport report() {
        CrBioReport.Builder b = CrBioReport.builder();
        b.id(part("id", () -> id(root.child("id"))));
        b.setId(part("setId", () -> id(root.child("setId"))));
        Node version = root.child("versionNumber");
        b.version(version == null || version.attr("value") == null ? 1 : Integer.parseInt(version.attr("value")));
        b.effectiveTime(part("effectiveTime", () -> time(root.child("effectiveTime"))));
        Node conf = root.child("confidentialityCode");
        if (conf != null && conf.attr("code") != null) {
            b.confidentiality(part("confidentialityCode", () -> Confidentiality.valueOf(conf.attr("code"))));
        }
        Node lang = root.child("languageCode");
        if (lang != null && lang.attr("code") != null) {
            b.language(lang.attr("code"));
        }
        for (Node rel : root.children("relatedDocument")) {
            if ("RPLC".equals(rel.attr("typeCode")) && rel.path("parentDocument", "id") != null) {
                b.replaces(part("relatedDocument", () -> id(rel.path("parentDocument", "id"))));
            }
        }
        b.patient(part("recordTarget", () -> patient(root.path("recordTarget", "patientRole"))));
        for (Node a : root.children("author")) {
            b.author(part("author", () -> new Participation(
                    professional(a.child("assignedAuthor"), "assignedPerson", "representedOrganization"),
                    time(a.child("time")))));
        }
        b.custodian(part("custodian", () -> organization(
                root.path("custodian", "assignedCustodian", "representedCustodianOrganization"))));
        java.util.Set<InstanceId> recipientIds = new java.util.HashSet<>();
        for (Node ir : root.children("informationRecipient")) {
            Node recipient = ir.child("intendedRecipient");
            Node rid = recipient == null ? null : recipient.child("id");
            // The model's recipients are named health professionals identified by an idNat_PS, each once; other
            // recipients (an organization only, a local identifier, a repeat) are left out.
            if (rid != null && InstanceId.ID_NAT_PS.equals(rid.attr("root")) && rid.attr("extension") != null
                    && recipient.path("informationRecipient", "name") != null
                    && recipientIds.add(InstanceId.of(rid.attr("root"), rid.attr("extension")))) {
                b.recipient(part("informationRecipient",
                        () -> professional(recipient, "informationRecipient", "receivedOrganization")));
            }
        }
        Node la = root.child("legalAuthenticator");
        if (la != null) {
            b.legalAuthenticator(part("legalAuthenticator", () -> new Participation(
                    professional(la.child("assignedEntity"), "assignedPerson", "representedOrganization"),
                    time(la.child("time")))));
        }
        for (Node a : root.children("authenticator")) {
            b.authenticator(part("authenticator", () -> new Participation(
                    professional(a.child("assignedEntity"), "assignedPerson", "representedOrganization"),
                    time(a.child("time")))));
        }
        for (Node p : root.children("participant")) {
            String type = p.attr("typeCode");
            Node fn = p.child("functionCode");
            if ("REF".equals(type)) {
                b.prescriber(part("participant REF", () -> new Participation(
                        professional(p.child("associatedEntity"), "associatedPerson", "scopingOrganization"),
                        time(p.child("time")))));
            } else if ("PRF".equals(type) && fn != null && "PRELV".equals(fn.attr("code"))) {
                b.sampler(part("participant PRF", () -> new Participation(
                        professional(p.child("associatedEntity"), "associatedPerson", "scopingOrganization"),
                        time(p.child("time")))));
            }
        }
        Node order = root.path("inFulfillmentOf", "order", "id");
        if (order != null && id(order) != null) {
            b.orderId(id(order));
        }
        List<Node> docOf = root.children("documentationOf");
        if (!docOf.isEmpty()) {
            Node se = docOf.get(0).child("serviceEvent");
            if (se != null) {
                InstanceId requestId = id(se.child("id"));
                if (requestId != null) {
                    b.requestId(requestId);
                }
                Node status = se.child(Node.LAB, "statusCode");
                if (status != null && status.attr("code") != null) {
                    b.reportStatus(part("serviceEvent/lab:statusCode", () -> ResultStatus.fromCode(status.attr("code"))));
                }
                Node et = se.child("effectiveTime");
                if (et != null) {
                    OffsetDateTime low = time(et.child("low"));
                    OffsetDateTime high = time(et.child("high"));
                    if (low != null) {
                        b.requestReceived(low);
                    }
                    if (high != null) {
                        b.reportReleased(high);
                    }
                }
                Node performer = se.child("performer");
                if (performer != null) {
                    b.performingLab(part("serviceEvent/performer", () -> new Participation(
                            professional(performer.child("assignedEntity"), "assignedPerson",
                                    "representedOrganization"),
                            time(performer.child("time")))));
                }
            }
        }
        Node enc = root.path("componentOf", "encompassingEncounter");
        if (enc != null) {
            b.encounter(part("encompassingEncounter", () -> encounter(enc)));
        }
        Node body = root.path("component", "structuredBody");
        for (Node comp : body.children("component")) {
            Node section = comp.child("section");
            if (section == null) {
                continue;
            }
            if (section.hasTemplate(T_CHAPTER)) {
                b.chapter(part("section " + title(section), () -> chapter(section)));
            } else if (section.hasTemplate(T_COMMENT_SECTION)) {
                b.commentSection(part("section " + title(section), () -> new CommentSection(
                        title(section) == null ? "Commentaire" : title(section), sectionText(section))));
            } else if (section.hasTemplate(T_SECOND_LINE)) {
                byte[] pdf = attachedPdf(section);
                if (pdf != null) {
                    String caption = title(section) == null ? "Résultats de seconde intention" : title(section);
                    b.secondLineResult(part("section " + caption,
                            () -> new Attachment("application/pdf", pdf, caption)));
                }
            } else if (section.hasTemplate(T_PDF_COPY)) {
                pdfCopy = attachedPdf(section);
            }
        }
        return b.build();
    }

    // ---- header parts

    Patient patientOf(Node role) {
        return part("recordTarget", () -> patient(role));
    }

    private Patient patient(Node role) {
        Patient.Builder p = Patient.builder();
        InstanceId local = null;
        for (Node idNode : role.children("id")) {
            String r = idNode.attr("root");
            String ext = idNode.attr("extension");
            if (r == null || idNode.nullFlavored()) {
                continue;
            }
            if (INS_ROOTS.contains(r) && ext != null) {
                p.ins(Ins.of(ext, r), true);
            } else if (local == null) {
                local = InstanceId.of(r, ext);
            }
        }
        if (local != null) {
            p.localId(local);
        }
        Address address = address(role.child("addr"));
        if (address != null) {
            p.address(address);
        }
        telecoms(role).forEach(p::telecom);
        Node patient = role.child("patient");
        Node name = patient.child("name");
        if (name != null) {
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
        Node gender = patient.child("administrativeGenderCode");
        if (gender != null && gender.attr("code") != null) {
            p.gender(Gender.fromCode(gender.attr("code")));
        }
        Node birth = patient.child("birthTime");
        if (birth != null && birth.attr("value") != null) {
            p.birthDate(Hl7Time.date(birth.attr("value")));
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

    private Encounter encounter(Node enc) {
        Node et = enc.child("effectiveTime");
        OffsetDateTime start = et == null ? null
                : et.child("low") != null ? time(et.child("low")) : time(et);
        HealthProfessional responsible = professional(enc.path("responsibleParty", "assignedEntity"),
                "assignedPerson", "representedOrganization");
        Node facility = enc.path("location", "healthCareFacility", "code");
        return new Encounter(id(enc.child("id")), code(enc.child("code")), start, responsible, code(facility));
    }

    private HealthProfessional professional(Node assigned, String personElement, String orgElement) {
        if (assigned == null) {
            return null;
        }
        HealthProfessional.Builder hp = HealthProfessional.builder();
        InstanceId id = id(assigned.child("id"));
        if (id != null) {
            hp.id(id);
        }
        Code profession = code(assigned.child("code"));
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

    private Organization organization(Node org) {
        if (org == null || org.nullFlavored()) {
            return null;
        }
        InstanceId id = id(org.child("id"));
        if (id == null) {
            return null;
        }
        Node name = org.child("name");
        return new Organization(id, name == null ? null : name.text(), address(org.child("addr")), telecoms(org),
                code(org.child("standardIndustryClassCode")));
    }

    private static PersonName name(Node name) {
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

    private static Address address(Node addr) {
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

    private static List<Telecom> telecoms(Node parent) {
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

    // ---- body

    private Chapter chapter(Node section) {
        Code code = code(section.child("code"));
        String title = title(section);
        sectionTitle = title;
        Node entry = section.child("entry");
        if (entry != null && entry.child("act") != null) {
            return Chapter.withEntry(code, title, entry(entry.child("act")));
        }
        List<SubChapter> subs = new ArrayList<>();
        for (Node comp : section.children("component")) {
            Node sub = comp.child("section");
            if (sub == null) {
                continue;
            }
            Node subEntry = sub.child("entry");
            if (subEntry == null || subEntry.child("act") == null) {
                continue;
            }
            Code subCode = code(sub.child("code"));
            String subTitle = title(sub);
            if (subTitle == null) {
                subTitle = subCode != null && subCode.displayName() != null ? subCode.displayName() : title;
            }
            sectionTitle = subTitle;
            subs.add(new SubChapter(subCode, subTitle, entry(subEntry.child("act"))));
        }
        return Chapter.of(code, title, subs);
    }

    private ResultEntry entry(Node act) {
        ResultEntry.Builder e = ResultEntry.builder();
        Code code = code(act.child("code"));
        if (code != null) {
            e.code(code);
        }
        e.status(status(act));
        Node performer = act.child("performer");
        if (performer != null) {
            e.performer(performer(performer));
        }
        for (Node p : act.children("participant")) {
            if ("AUTHEN".equals(p.attr("typeCode"))) {
                e.validator(new Participation(professional(p.child("participantRole"), "playingEntity", null),
                        time(p.child("time"))));
            }
        }
        int image = 0;
        for (Node rel : act.children("entryRelationship")) {
            String type = rel.attr("typeCode");
            Node procedure = rel.child("procedure");
            Node organizer = rel.child("organizer");
            Node observation = rel.child("observation");
            Node media = rel.child("observationMedia");
            Node sub = rel.child("act");
            if (procedure != null) {
                e.specimen(specimen(procedure));
            } else if (organizer != null || observation != null) {
                e.result(item(organizer != null ? organizer : observation));
            } else if (media != null) {
                Attachment a = image(media, ++image);
                if (a != null) {
                    e.image(a);
                }
            } else if (sub != null && ("SUBJ".equals(type) || isComment(sub))) {
                Comment c = comment(sub);
                if (c != null) {
                    e.comment(c);
                }
            }
        }
        return e.build();
    }

    private ResultItem item(Node n) {
        if ("observation".equals(n.name())) {
            return observation(n);
        }
        if ("CLUSTER".equals(n.attr("classCode")) || n.path("specimen", "specimenRole") != null) {
            return isolate(n);
        }
        return battery(n);
    }

    private Battery battery(Node org) {
        Battery.Builder b = Battery.builder();
        Node codeNode = org.child("code");
        Coding coding = coding(codeNode);
        if (coding.loinc != null) {
            b.loinc(coding.loinc);
        }
        if (coding.local != null) {
            b.localCode(coding.local);
        }
        String label = coding.label != null ? coding.label : sectionTitle;
        if (label != null) {
            b.label(label);
        }
        b.status(status(org));
        for (Node comp : org.children("component")) {
            Node o = comp.child("observation");
            Node inner = comp.child("organizer");
            Node act = comp.child("act");
            if (o != null) {
                b.item(observation(o));
            } else if (inner != null) {
                b.item(item(inner));
            } else if (act != null) {
                Comment c = comment(act);
                if (c != null) {
                    b.comment(c);
                }
            }
        }
        return b.build();
    }

    private Isolate isolate(Node org) {
        Isolate.Builder i = Isolate.builder();
        Node role = org.path("specimen", "specimenRole");
        if (role != null) {
            InstanceId id = id(role.child("id"));
            if (id != null) {
                i.id(id);
            }
            Node entity = role.path("specimenPlayingEntity", "code");
            if (entity != null) {
                Code organism = code(entity);
                if (organism != null) {
                    i.organism(organism);
                }
                Node translation = entity.child("translation");
                if (translation != null && code(translation) != null) {
                    i.taxonomy(code(translation));
                }
                String label = reference(entity.child("originalText"));
                if (label == null && organism != null) {
                    label = organism.displayName();
                }
                if (label == null && organism == null && translation != null && code(translation) != null) {
                    i.organism(code(translation));
                    label = code(translation).displayName();
                }
                if (label != null) {
                    i.label(label);
                }
            }
        }
        OffsetDateTime t = time(org.child("effectiveTime"));
        if (t != null) {
            i.time(t);
        }
        for (Node comp : org.children("component")) {
            Node o = comp.child("observation");
            Node battery = comp.child("organizer");
            if (o != null) {
                i.observation(observation(o));
            } else if (battery != null) {
                i.antibiogram(battery(battery));
            }
        }
        return i.build();
    }

    private Observation observation(Node obs) {
        Observation.Builder o = Observation.builder();
        Coding coding = coding(obs.child("code"));
        if (coding.loinc != null) {
            o.loinc(coding.loinc);
        }
        if (coding.local != null) {
            o.localCode(coding.local);
        }
        if (coding.label != null) {
            o.label(coding.label);
        }
        o.status(status(obs));
        OffsetDateTime t = time(obs.child("effectiveTime"));
        if (t != null) {
            o.time(t);
        }
        ResultValue v = value(obs.child("value"));
        if (v != null) {
            o.value(v);
        }
        Interpretation interpretation = interpretation(obs);
        if (interpretation != null) {
            o.interpretation(interpretation);
        }
        Node method = obs.child("methodCode");
        if (method != null) {
            Code m = code(method);
            if (m != null) {
                o.method(m);
            } else {
                String text = reference(method.child("originalText"));
                if (text != null) {
                    o.methodText(text);
                }
            }
        }
        Node performer = obs.child("performer");
        if (performer != null) {
            o.performer(performer(performer));
        }
        for (Node rel : obs.children("entryRelationship")) {
            String type = rel.attr("typeCode");
            Node act = rel.child("act");
            Node previous = rel.child("observation");
            if ("REFR".equals(type) && previous != null) {
                ResultValue pv = value(previous.child("value"));
                o.previousResult(new PreviousResult(time(previous.child("effectiveTime")), pv,
                        interpretation(previous)));
            } else if (act != null) {
                Comment c = comment(act);
                if (c != null) {
                    o.comment(c);
                }
            }
        }
        Node range = obs.path("referenceRange", "observationRange");
        if (range != null) {
            ReferenceRange r = referenceRange(range);
            if (r != null) {
                o.referenceRange(r);
            }
        }
        return o.build();
    }

    private ReferenceRange referenceRange(Node range) {
        Node value = range.child("value");
        ResultValue.Quantity low = value == null ? null : quantity(value.child("low"));
        ResultValue.Quantity high = value == null ? null : quantity(value.child("high"));
        String text = reference(range.child("text"));
        if (low == null && high == null) {
            return null;
        }
        return new ReferenceRange(low, high, text);
    }

    private Specimen specimen(Node procedure) {
        Specimen.Builder s = Specimen.builder();
        Code act = code(procedure.child("code"));
        if (act != null) {
            s.act(act);
        }
        OffsetDateTime collected = time(procedure.child("effectiveTime"));
        if (collected != null) {
            s.collected(collected);
        }
        Code site = code(procedure.child("targetSiteCode"));
        if (site != null) {
            s.site(site);
        }
        for (Node p : procedure.children("participant")) {
            Node role = p.child("participantRole");
            if (role == null) {
                continue;
            }
            InstanceId id = id(role.child("id"));
            if (id != null) {
                s.id(id);
            }
            Code type = code(role.path("playingEntity", "code"));
            if (type != null) {
                s.type(type);
            }
        }
        for (Node rel : procedure.children("entryRelationship")) {
            Node act2 = rel.child("act");
            if (act2 != null && act2.child("code") != null && "SPRECEIVE".equals(act2.child("code").attr("code"))) {
                OffsetDateTime received = time(act2.child("effectiveTime"));
                if (received != null) {
                    s.received(received);
                }
            }
        }
        return s.build();
    }

    private Participation performer(Node performer) {
        return new Participation(professional(performer.child("assignedEntity"), "assignedPerson",
                "representedOrganization"), time(performer.child("time")));
    }

    private static boolean isComment(Node act) {
        Node code = act.child("code");
        return code != null && "48767-8".equals(code.attr("code"));
    }

    private Comment comment(Node act) {
        String text = reference(act.child("text"));
        return text == null ? null : Comment.of(text);
    }

    private Attachment image(Node media, int n) {
        Node value = media.child("value");
        if (value == null || value.attr("mediaType") == null) {
            return null;
        }
        byte[] data = base64(value);
        if (data == null) {
            return null;
        }
        String id = media.attr("ID");
        String caption = id != null && narrativeCaption(id) != null ? narrativeCaption(id) : "Image " + n;
        return new Attachment(value.attr("mediaType"), data, caption);
    }

    private String narrativeCaption(String id) {
        String s = narrative.get(id);
        return s == null || s.isBlank() ? null : s;
    }

    private byte[] attachedPdf(Node section) {
        XdmSequenceIterator<XdmNode> all = section.x.axisIterator(Axis.DESCENDANT);
        while (all.hasNext()) {
            XdmNode n = all.next();
            if (n.getNodeKind() == XdmNodeKind.ELEMENT && "observationMedia".equals(n.getNodeName().getLocalName())) {
                Node value = new Node(n).child("value");
                if (value != null && "application/pdf".equals(value.attr("mediaType"))) {
                    return base64(value);
                }
            }
        }
        return null;
    }

    private static byte[] base64(Node value) {
        String s = value.x.getStringValue().replaceAll("\\s+", "");
        if (s.isEmpty()) {
            return null;
        }
        return Base64.getDecoder().decode(s);
    }

    // ---- values

    private ResultValue value(Node v) {
        if (v == null || v.nullFlavored() && v.attr("value") == null && v.elements().isEmpty()) {
            return null;
        }
        String type = v.xsiType();
        if (type == null) {
            type = "ANY";
        }
        switch (type) {
            case "PQ":
                return quantity(v);
            case "IVL_PQ": {
                ResultValue.Quantity low = quantity(v.child("low"));
                ResultValue.Quantity high = quantity(v.child("high"));
                return new ResultValue.QuantityRange(low, high, inclusive(v.child("low")), inclusive(v.child("high")));
            }
            case "CD", "CE", "CV", "CO": {
                Code c = code(v);
                String text = reference(v.child("originalText"));
                if (c == null && text == null) {
                    text = v.attr("displayName");
                }
                return new ResultValue.Coded(c, c == null ? text : text, "CO".equals(type));
            }
            case "ST", "ED":
                return v.text() == null ? null : new ResultValue.Text(v.text());
            case "RTO", "RTO_PQ_PQ", "RTO_INT_INT": {
                BigDecimal num = number(v.child("numerator"));
                BigDecimal den = number(v.child("denominator"));
                return num == null || den == null ? null : new ResultValue.Ratio(num, den);
            }
            case "BL":
                return v.attr("value") == null ? null : new ResultValue.Bool(Boolean.parseBoolean(v.attr("value")));
            case "INT":
                return v.attr("value") == null ? null : new ResultValue.Int(Long.parseLong(v.attr("value")));
            case "REAL":
                return v.attr("value") == null ? null : new ResultValue.Real(new BigDecimal(v.attr("value")));
            default:
                throw new IllegalArgumentException("value of type " + type + " is not supported");
        }
    }

    private static boolean inclusive(Node bound) {
        return bound == null || !"false".equals(bound.attr("inclusive"));
    }

    private static BigDecimal number(Node n) {
        return n == null || n.attr("value") == null ? null : new BigDecimal(n.attr("value"));
    }

    private static ResultValue.Quantity quantity(Node pq) {
        if (pq == null || pq.attr("value") == null) {
            return null;
        }
        return new ResultValue.Quantity(new BigDecimal(pq.attr("value")), pq.attr("unit"));
    }

    private static Interpretation interpretation(Node obs) {
        Node i = obs.child("interpretationCode");
        return i == null || i.attr("code") == null ? null : Interpretation.fromCode(i.attr("code"));
    }

    private static ResultStatus status(Node n) {
        Node s = n.child("statusCode");
        return s == null || s.attr("code") == null ? null : ResultStatus.fromCode(s.attr("code"));
    }

    /** A code element read as LOINC code, local code (translation or non-LOINC code) and label. */
    private Coding coding(Node code) {
        Coding c = new Coding();
        if (code == null) {
            return c;
        }
        Code main = code(code);
        if (main != null && CodeSystems.LOINC.equals(main.codeSystem())) {
            c.loinc = main;
        } else if (main != null) {
            c.local = main;
        }
        Node translation = code.child("translation");
        if (translation != null && code(translation) != null) {
            Code t = code(translation);
            if (c.loinc == null && CodeSystems.LOINC.equals(t.codeSystem())) {
                c.loinc = t;
            } else if (c.local == null) {
                c.local = t;
            }
        }
        c.label = reference(code.child("originalText"));
        if (c.label == null && main != null) {
            c.label = main.displayName();
        }
        if (c.label == null && c.local != null) {
            c.label = c.local.displayName();
        }
        if (c.label == null && c.loinc != null) {
            c.label = c.loinc.displayName() != null ? c.loinc.displayName() : c.loinc.code();
        }
        if (c.label == null && c.local != null) {
            c.label = c.local.code();
        }
        return c;
    }

    private static final class Coding {
        Code loinc;
        Code local;
        String label;
    }

    // ---- small parts

    /** The text an element carries: its {@code reference} resolved in the narrative, else its own text. */
    private String reference(Node n) {
        if (n == null) {
            return null;
        }
        Node ref = n.child("reference");
        if (ref != null && ref.attr("value") != null) {
            String target = ref.attr("value");
            String s = narrative.get(target.startsWith("#") ? target.substring(1) : target);
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        StringBuilder own = new StringBuilder();
        for (XdmNode c : n.x.children()) {
            if (c.getNodeKind() == XdmNodeKind.TEXT) {
                own.append(c.getStringValue());
            }
        }
        String s = own.toString().replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? null : s;
    }

    private static String title(Node section) {
        Node t = section.child("title");
        return t == null ? null : t.text();
    }

    private static String sectionText(Node section) {
        Node text = section.child("text");
        if (text == null) {
            return null;
        }
        List<String> paragraphs = new ArrayList<>();
        for (Node p : text.elements()) {
            if (p.text() != null) {
                paragraphs.add(p.text());
            }
        }
        return paragraphs.isEmpty() ? text.text() : String.join("\n\n", paragraphs);
    }

    static InstanceId id(Node n) {
        if (n == null || n.nullFlavored() || n.attr("root") == null) {
            return null;
        }
        return InstanceId.of(n.attr("root"), n.attr("extension"));
    }

    static Code code(Node n) {
        if (n == null || n.attr("code") == null || n.attr("codeSystem") == null) {
            return null;
        }
        return Code.of(n.attr("code"), n.attr("codeSystem"), n.attr("displayName"));
    }

    private OffsetDateTime time(Node n) {
        if (n == null) {
            return null;
        }
        if (n.attr("value") != null) {
            return hl7Time(n.attr("value"));
        }
        Node high = n.child("high");
        if (high != null && high.attr("value") != null) {
            return hl7Time(high.attr("value"));
        }
        Node low = n.child("low");
        if (low != null && low.attr("value") != null) {
            return hl7Time(low.attr("value"));
        }
        return null;
    }

    /** A time; an impossible date that is valid with day and month swapped is read so, with a warning. */
    private OffsetDateTime hl7Time(String value) {
        try {
            return Hl7Time.parse(value);
        } catch (java.time.DateTimeException e) {
            OffsetDateTime swapped = Hl7Time.swappedDayMonth(value);
            if (swapped == null) {
                throw e;
            }
            warnings.add(Problem.of(CdaReadError.IMPOSSIBLE_DATE, "", value, swapped.toString()));
            return swapped;
        }
    }

    List<Problem> warnings() {
        return warnings;
    }

    /** Runs one part's mapping, turning a model refusal into a located {@code CDA-602}. */
    private static <T> T part(String where, java.util.function.Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (CdaException e) {
            List<Problem> located = e.problems().stream().map(p -> p.under(where)).toList();
            throw new CdaException(Problem.of(CdaReadError.BAD_PART, where, where,
                    located.stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse(e.getMessage())), e);
        } catch (RuntimeException e) {
            throw new CdaException(Problem.of(CdaReadError.BAD_PART, where, where, String.valueOf(e.getMessage())), e);
        }
    }
}
