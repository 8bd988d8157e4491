package fr.segurbio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.PatientIdentifier;
import fr.segurbio.hl7v2.Visit;
import fr.segurbio.hl7v2.ack.Acknowledgement;
import fr.segurbio.hl7v2.ack.ErrorDetail;
import fr.segurbio.hl7v2.pam.DmpConsent;
import fr.segurbio.hl7v2.pam.IdentityEvent;
import fr.segurbio.hl7v2.pam.IdentityFeed;
import fr.segurbio.hl7v2.pam.Movement;
import fr.segurbio.hl7v2.pam.PamIdentity;
import fr.segurbio.ins.PatientIdentity;
import java.util.List;

/** The JSON {@code segur hl7} prints: the identity feed, acknowledgements, problems. */
final class Hl7Json {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Hl7Json() {
    }

    static ObjectNode feed(IdentityFeed feed) {
        ObjectNode n = JSON.createObjectNode();
        n.put("controlId", feed.controlId());
        n.put("trigger", feed.trigger());
        n.put("valid", feed.problems().isValid());
        feed.event().ifPresent(e -> n.set("event", event(e)));
        n.set("problems", problems(feed.problems()));
        return n;
    }

    private static ObjectNode event(IdentityEvent e) {
        ObjectNode n = JSON.createObjectNode();
        if (e instanceof IdentityEvent.Update u) {
            n.put("type", "update");
            n.set("patient", patient(u.patient()));
            u.consent().ifPresent(c -> n.set("dmpConsent", consent(c)));
            u.movement().ifPresent(m -> n.set("movement", movement(m)));
            u.visit().ifPresent(v -> n.set("visit", visit(v)));
        } else if (e instanceof IdentityEvent.Merge m) {
            n.put("type", "merge");
            n.set("survivor", patient(m.survivor()));
            n.set("merged", identifiers(m.merged()));
        } else if (e instanceof IdentityEvent.IdentifierChange c) {
            n.put("type", "identifierChange");
            n.set("patient", patient(c.patient()));
            n.set("previous", identifiers(c.previous()));
        } else if (e instanceof IdentityEvent.Link l) {
            n.put("type", l.linked() ? "link" : "unlink");
            n.set("first", patient(l.first()));
            n.set("second", patient(l.second()));
        }
        return n;
    }

    private static ObjectNode patient(PamIdentity p) {
        ObjectNode n = JSON.createObjectNode();
        n.set("identifiers", identifiers(p.identifiers()));
        p.ins().ifPresent(i -> {
            ObjectNode ins = n.putObject("ins");
            ins.put("matricule", i.matricule().value());
            ins.put("oid", i.oid());
        });
        ArrayNode codes = n.putArray("reliabilityCodes");
        p.reliabilityCodes().forEach(codes::add);
        p.declaredStatus().ifPresent(s -> n.put("declaredStatus", s.name()));
        p.provenance().ifPresent(z -> {
            ObjectNode o = n.putObject("provenance");
            o.put("obtainedBy", z.obtainedBy());
            z.insiCall().ifPresent(d -> o.put("insiCall", d.toString()));
            o.put("documentType", z.documentType());
        });
        p.identity().ifPresent(id -> n.set("identity", identity(id)));
        return n;
    }

    private static ObjectNode identity(PatientIdentity id) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", id.status().name());
        n.put("statusCode", id.status().code());
        n.put("insShareable", id.canBeShared());
        var t = id.traits();
        n.put("birthName", t.birthName());
        ArrayNode given = n.putArray("birthFirstNames");
        t.birthFirstNames().forEach(given::add);
        n.put("firstFirstName", t.firstFirstName());
        t.usedName().ifPresent(v -> n.put("usedName", v));
        t.usedFirstName().ifPresent(v -> n.put("usedFirstName", v));
        n.put("sex", t.sex().code());
        n.put("birthDate", t.birthDate().date().toString());
        t.birthPlace().ifPresent(b -> n.put("birthPlace", b.code()));
        ArrayNode attributes = n.putArray("attributes");
        id.attributes().forEach(a -> attributes.add(a.code()));
        return n;
    }

    private static ArrayNode identifiers(List<PatientIdentifier> ids) {
        ArrayNode a = JSON.createArrayNode();
        for (PatientIdentifier i : ids) {
            ObjectNode o = a.addObject();
            o.put("value", i.value());
            o.put("type", i.typeCode());
            o.put("namespace", i.namespace());
            o.put("oid", i.oid());
        }
        return a;
    }

    private static ObjectNode consent(DmpConsent c) {
        ObjectNode n = JSON.createObjectNode();
        c.status().ifPresent(s -> n.put("status", s.name()));
        c.feeding().ifPresent(f -> n.put("feeding", f.code()));
        c.consultation().ifPresent(f -> n.put("consultation", f.code()));
        n.put("mayFeedDmp", c.mayFeedDmp());
        n.put("mayConsultDmp", c.mayConsultDmp());
        return n;
    }

    private static ObjectNode movement(Movement m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", m.id());
        m.start().ifPresent(s -> n.put("start", s.toString()));
        n.put("action", m.action().name());
        n.put("nature", m.nature());
        return n;
    }

    private static ObjectNode visit(Visit v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("patientClass", v.patientClass());
        v.visitNumber().ifPresent(i -> n.put("visitNumber", i.value()));
        return n;
    }

    static ObjectNode ack(Acknowledgement a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", a.code().name());
        n.put("acknowledgedControlId", a.acknowledgedControlId());
        ArrayNode errors = n.putArray("errors");
        for (ErrorDetail e : a.errors()) {
            ObjectNode o = errors.addObject();
            o.put("location", e.location());
            o.put("condition", e.conditionCode());
            o.put("severity", e.severity());
            o.put("applicationCode", e.applicationCode());
            o.put("applicationText", e.applicationText());
        }
        return n;
    }

    static ArrayNode problems(ValidationResult r) {
        return problems(r.problems());
    }

    static ArrayNode problems(List<Problem> list) {
        ArrayNode a = JSON.createArrayNode();
        for (Problem p : list) {
            ObjectNode o = a.addObject();
            o.put("code", p.code().id());
            o.put("severity", p.severity().name());
            o.put("path", p.path());
            o.put("fr", p.messageFr());
            o.put("en", p.messageEn());
        }
        return a;
    }
}
