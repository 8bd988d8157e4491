package fr.segurbio.cda.internal.json;

import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Battery;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.CdaExtension;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.CommentSection;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.RelatedPerson;
import fr.segurbio.cda.SecondLineResult;
import fr.segurbio.cda.VoletVersion;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.cda.Telecom;
import fr.segurbio.cda.Address;

/**
 * Writes a report in the JSON report format (the shape {@link JsonReportReader} reads and
 * {@code crbio-report.schema.json} describes), attachments inline as base64; a field without value is left out,
 * never written as {@code null}.
 *
 * <pre>{@code
 * String json = JsonReportWriter.write(report, "report", null, null);
 * }</pre>
 */
public final class JsonReportWriter {

    /** The largest JSON document, and the largest file it names, read. */
    static final long MAX_JSON_BYTES = 64L * 1024 * 1024;
    /** The mapper of the format, shared by the reader. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) MAX_JSON_BYTES).maxNestingDepth(200).build());
    }

    private JsonReportWriter() {
    }

    // =================================================================== writing

    /**
     * Writes a report as JSON.
     *
     * @param r the report
     * @param name the output base name
     * @param pdf the PDF copy, or {@code null}
     * @param stylesheet the stylesheet, or {@code null}
     * @return the JSON text
     */
    public static String write(CrBioReport r, String name, byte[] pdf, String stylesheet) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", name);
        if (pdf != null) {
            root.putObject("pdf").put("mediaType", "application/pdf").put("data", Base64.getEncoder().encodeToString(pdf));
        }
        if (stylesheet != null) {
            root.put("stylesheet", stylesheet);
        }
        ObjectNode doc = root.putObject("document");
        doc.set("id", id(r.id()));
        doc.set("setId", id(r.setId()));
        doc.put("version", r.version());
        doc.put("effectiveTime", ts(r.effectiveTime()));
        doc.put("confidentiality", r.confidentiality().name());
        doc.put("language", r.language());
        if (r.volet() != VoletVersion.V2024_01) {
            doc.put("volet", r.volet().label());
        }
        r.replacedDocument().ifPresent(p -> doc.set("replaces", id(p)));
        root.set("patient", patient(r.patient()));
        ArrayNode authors = root.putArray("authors");
        r.authors().forEach(a -> authors.add(participation(a)));
        root.set("custodian", organization(r.custodian()));
        if (!r.recipients().isEmpty()) {
            ArrayNode recipients = root.putArray("recipients");
            r.recipients().forEach(hp -> recipients.add(professional(hp)));
        }
        r.attendingPhysician().ifPresent(p -> root.set("attendingPhysician", professional(p)));
        if (!r.informants().isEmpty()) {
            ArrayNode informants = root.putArray("informants");
            r.informants().forEach(x -> informants.add(relatedPerson(x)));
        }
        root.set("legalAuthenticator", participation(r.legalAuthenticator()));
        if (!r.authenticators().isEmpty()) {
            ArrayNode auth = root.putArray("authenticators");
            r.authenticators().forEach(a -> auth.add(participation(a)));
        }
        r.prescriber().ifPresent(p -> root.set("prescriber", participation(p)));
        r.sampler().ifPresent(p -> root.set("sampler", participation(p)));
        r.orderId().ifPresent(p -> root.set("orderId", id(p)));
        r.requestId().ifPresent(p -> root.set("requestId", id(p)));
        root.put("reportStatus", r.reportStatus().code());
        root.put("requestReceived", ts(r.requestReceived()));
        root.put("reportReleased", ts(r.reportReleased()));
        root.set("performingLab", participation(r.performingLab()));
        if (!r.extensions().isEmpty()) {
            ArrayNode ext = root.putArray("extensions");
            for (CdaExtension e : r.extensions()) {
                ObjectNode o = ext.addObject();
                o.put("place", switch (e.place()) {
                    case HEADER -> "header";
                    case PATIENT_ROLE -> "patientRole";
                    case PATIENT -> "patient";
                });
                o.put("xml", e.xml());
            }
        }
        ObjectNode enc = root.putObject("encounter");
        Encounter e = r.encounter();
        enc.set("id", id(e.id()));
        enc.set("code", code(e.code()));
        enc.put("start", ts(e.start()));
        enc.set("responsible", professional(e.responsible()));
        enc.set("facilityType", code(e.facilityType()));
        if (!r.commentSections().isEmpty()) {
            ArrayNode cs = root.putArray("commentSections");
            for (CommentSection c : r.commentSections()) {
                cs.addObject().put("title", c.title()).put("text", c.text());
            }
        }
        ArrayNode chapters = root.putArray("chapters");
        for (Chapter c : r.chapters()) {
            ObjectNode cn = chapters.addObject();
            cn.set("code", c.code().isLoinc() ? loinc(c.code()) : code(c.code()));
            cn.put("title", c.title());
            if (c.entry() != null) {
                cn.set("entry", entry(c.entry()));
            } else {
                ArrayNode subs = cn.putArray("subChapters");
                for (SubChapter s : c.subChapters()) {
                    ObjectNode sn = subs.addObject();
                    if (s.code() != null) {
                        sn.set("code", code(s.code()));
                    }
                    sn.put("title", s.title());
                    sn.set("entry", entry(s.entry()));
                }
            }
        }
        if (!r.secondLineResults().isEmpty()) {
            ArrayNode sl = root.putArray("secondLineResults");
            for (SecondLineResult s : r.secondLineSections()) {
                ObjectNode a = attachment(s.document());
                if (!s.code().equals(SecondLineResult.DEFAULT_CODE)) {
                    a.set("code", code(s.code()));
                }
                sl.add(a);
            }
        }
        pruneNulls(root);
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise a JSON tree", ex);
        }
    }

    private static String ts(OffsetDateTime t) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    private static ObjectNode id(InstanceId id) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("root", id.root());
        if (id.extension() != null) {
            n.put("extension", id.extension());
        }
        return n;
    }

    private static ObjectNode code(Code c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", c.code());
        n.put("system", c.codeSystem());
        if (c.displayName() != null) {
            n.put("display", c.displayName());
        }
        return n;
    }

    private static ObjectNode loinc(Code c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", c.code());
        if (c.displayName() != null) {
            n.put("display", c.displayName());
        }
        return n;
    }

    private static ObjectNode address(Address a) {
        ObjectNode n = MAPPER.createObjectNode();
        if (a.isUnknown()) {
            n.put("nullFlavor", a.nullFlavor());
            return n;
        }
        if (a.use() != null) {
            n.put("use", a.use());
        }
        if (!a.streetLines().isEmpty()) {
            ArrayNode lines = n.putArray("lines");
            a.streetLines().forEach(lines::add);
        }
        n.put("houseNumber", a.houseNumber());
        n.put("streetName", a.streetName());
        n.put("additionalLocator", a.additionalLocator());
        n.put("postBox", a.postBox());
        n.put("postalCode", a.postalCode());
        n.put("city", a.city());
        n.put("county", a.county());
        n.put("country", a.country());
        if (!a.otherParts().isEmpty()) {
            ArrayNode parts = n.putArray("otherParts");
            a.otherParts().forEach(p -> parts.addObject().put("name", p.name()).put("value", p.value()));
        }
        return n;
    }

    private static void telecoms(ObjectNode n, List<Telecom> telecoms) {
        if (telecoms.isEmpty()) {
            return;
        }
        ArrayNode a = n.putArray("telecoms");
        for (Telecom t : telecoms) {
            ObjectNode tn = a.addObject().put("value", t.value());
            if (t.use() != null) {
                tn.put("use", t.use());
            }
        }
    }

    private static ObjectNode organization(Organization o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("id", id(o.id()));
        n.put("name", o.name());
        if (o.address() != null) {
            n.set("address", address(o.address()));
        }
        telecoms(n, o.telecoms());
        if (o.practiceSetting() != null) {
            n.set("practiceSetting", code(o.practiceSetting()));
        }
        return n;
    }

    private static ObjectNode professional(HealthProfessional hp) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("id", id(hp.id()));
        hp.profession().ifPresent(c -> n.set("profession", code(c)));
        ObjectNode name = n.putObject("name");
        PersonName pn = hp.name();
        putIf(name, "prefix", pn.prefix());
        putIf(name, "given", pn.given());
        name.put("family", pn.family());
        putIf(name, "suffix", pn.suffix());
        hp.address().ifPresent(a -> n.set("address", address(a)));
        telecoms(n, hp.telecoms());
        hp.organization().ifPresent(o -> n.set("organization", organization(o)));
        return n;
    }

    private static ObjectNode participation(Participation p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("professional", professional(p.professional()));
        n.put("time", ts(p.time()));
        return n;
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static ObjectNode patient(Patient p) {
        ObjectNode n = MAPPER.createObjectNode();
        p.ins().ifPresent(ins -> n.putObject("ins").put("matricule", ins.matricule().value()).put("oid", ins.oid()));
        n.put("insQualified", p.isInsQualified());
        n.set("localId", id(p.localId()));
        n.put("birthFamilyName", p.birthFamilyName());
        p.birthGivenNames().ifPresent(v -> n.put("birthGivenNames", v));
        p.firstBirthGivenName().ifPresent(v -> n.put("firstBirthGivenName", v));
        p.usedFamilyName().ifPresent(v -> n.put("usedFamilyName", v));
        p.usedGivenName().ifPresent(v -> n.put("usedGivenName", v));
        n.put("gender", p.gender().name());
        p.birthDate().ifPresent(v -> n.put("birthDate", v.toString()));
        p.birthPlace().ifPresent(v -> n.put("birthPlace", v.code()));
        p.birthCity().ifPresent(v -> n.put("birthCity", v));
        p.address().ifPresent(a -> n.set("address", address(a)));
        telecoms(n, p.telecoms());
        if (!p.guardians().isEmpty()) {
            ArrayNode g = n.putArray("guardians");
            p.guardians().forEach(x -> g.add(relatedPerson(x)));
        }
        return n;
    }

    private static ObjectNode relatedPerson(RelatedPerson p) {
        ObjectNode n = MAPPER.createObjectNode();
        putIf(n, "classCode", p.classCode());
        if (p.relationship() != null) {
            n.set("relationship", code(p.relationship()));
        }
        if (p.name() != null) {
            ObjectNode name = n.putObject("name");
            putIf(name, "prefix", p.name().prefix());
            putIf(name, "given", p.name().given());
            name.put("family", p.name().family());
            putIf(name, "suffix", p.name().suffix());
        }
        if (p.address() != null) {
            n.set("address", address(p.address()));
        }
        telecoms(n, p.telecoms());
        return n;
    }

    private static ObjectNode entry(ResultEntry e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("code", code(e.code()));
        n.put("status", e.status().code());
        e.performer().ifPresent(p -> n.set("performer", participation(p)));
        e.validator().ifPresent(p -> n.set("validator", participation(p)));
        if (!e.specimens().isEmpty()) {
            ArrayNode sp = n.putArray("specimens");
            for (Specimen s : e.specimens()) {
                ObjectNode sn = sp.addObject();
                sn.set("type", code(s.type()));
                s.act().ifPresent(c -> sn.set("act", code(c)));
                s.site().ifPresent(c -> sn.set("site", code(c)));
                s.id().ifPresent(i -> sn.set("id", id(i)));
                sn.put("collected", ts(s.collected()));
                s.received().ifPresent(t -> sn.put("received", ts(t)));
            }
        }
        ArrayNode results = n.putArray("results");
        e.results().forEach(i -> results.add(item(i)));
        comments(n, e.comments());
        if (!e.images().isEmpty()) {
            ArrayNode im = n.putArray("images");
            e.images().forEach(a -> im.add(attachment(a)));
        }
        return n;
    }

    private static void comments(ObjectNode n, List<Comment> comments) {
        if (!comments.isEmpty()) {
            ArrayNode a = n.putArray("comments");
            comments.forEach(c -> a.add(c.text()));
        }
    }

    private static ObjectNode attachment(Attachment a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("mediaType", a.mediaType());
        n.put("caption", a.caption());
        n.put("data", Base64.getEncoder().encodeToString(a.data()));
        return n;
    }

    private static ObjectNode item(ResultItem item) {
        if (item instanceof Observation o) {
            return observation(o);
        }
        if (item instanceof Battery b) {
            return battery(b);
        }
        return isolate((Isolate) item);
    }

    private static ObjectNode observation(Observation o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", "observation");
        o.loinc().ifPresent(c -> n.set("loinc", loinc(c)));
        o.localCode().ifPresent(c -> n.set("localCode", code(c)));
        n.put("label", o.label());
        n.put("status", o.status().code());
        o.time().ifPresent(t -> n.put("time", ts(t)));
        o.value().ifPresent(v -> n.set("value", value(v)));
        o.interpretation().ifPresent(i -> n.put("interpretation", i.code()));
        o.method().ifPresent(c -> n.set("method", code(c)));
        o.methodText().ifPresent(t -> n.put("methodText", t));
        o.referenceRange().ifPresent(r -> {
            ObjectNode rn = n.putObject("referenceRange");
            if (r.low() != null) {
                rn.set("low", quantity(r.low()));
            }
            if (r.high() != null) {
                rn.set("high", quantity(r.high()));
            }
            putIf(rn, "text", r.text());
        });
        if (!o.previousResults().isEmpty()) {
            ArrayNode a = n.putArray("previousResults");
            for (PreviousResult p : o.previousResults()) {
                ObjectNode pn = a.addObject();
                if (p.time() != null) {
                    pn.put("time", ts(p.time()));
                } else {
                    pn.put("timeAsWritten", p.timeAsWritten());
                }
                pn.set("value", value(p.value()));
                p.optionalInterpretation().ifPresent(i -> pn.put("interpretation", i.code()));
            }
        }
        comments(n, o.comments());
        o.performer().ifPresent(p -> n.set("performer", participation(p)));
        return n;
    }

    private static ObjectNode battery(Battery b) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", "battery");
        b.loinc().ifPresent(c -> n.set("loinc", loinc(c)));
        b.localCode().ifPresent(c -> n.set("localCode", code(c)));
        n.put("label", b.label());
        n.put("status", b.status().code());
        ArrayNode items = n.putArray("items");
        b.items().forEach(i -> items.add(item(i)));
        comments(n, b.comments());
        return n;
    }

    private static ObjectNode isolate(Isolate i) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", "isolate");
        n.set("organism", code(i.organism()));
        i.taxonomy().ifPresent(c -> n.set("taxonomy", code(c)));
        n.put("label", i.label());
        i.id().ifPresent(v -> n.set("id", id(v)));
        i.time().ifPresent(t -> n.put("time", ts(t)));
        if (!i.observations().isEmpty()) {
            ArrayNode a = n.putArray("observations");
            i.observations().forEach(o -> a.add(observation(o)));
        }
        i.antibiogram().ifPresent(b -> n.set("antibiogram", battery(b)));
        return n;
    }

    private static ObjectNode quantity(ResultValue.Quantity q) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("value", q.value().toPlainString());
        n.put("unit", q.unit());
        return n;
    }

    private static ObjectNode value(ResultValue v) {
        ObjectNode n = MAPPER.createObjectNode();
        if (v instanceof ResultValue.Quantity q) {
            n.put("type", "PQ");
            n.put("value", q.value().toPlainString());
            n.put("unit", q.unit());
        } else if (v instanceof ResultValue.QuantityRange r) {
            n.put("type", "IVL_PQ");
            if (r.low() != null) {
                n.set("low", quantity(r.low()).put("inclusive", r.lowInclusive()));
            }
            if (r.high() != null) {
                n.set("high", quantity(r.high()).put("inclusive", r.highInclusive()));
            }
        } else if (v instanceof ResultValue.Coded c) {
            n.put("type", c.ordinal() ? "CO" : "CD");
            if (c.code() != null) {
                n.set("code", code(c.code()));
            }
            putIf(n, "text", c.text());
        } else if (v instanceof ResultValue.Text t) {
            n.put("type", "ST");
            n.put("text", t.text());
        } else if (v instanceof ResultValue.Ratio r) {
            n.put("type", "RTO");
            n.put("numerator", r.numerator().toPlainString());
            n.put("denominator", r.denominator().toPlainString());
        } else if (v instanceof ResultValue.Bool b) {
            n.put("type", "BL");
            n.put("value", b.value());
        } else if (v instanceof ResultValue.Int i) {
            n.put("type", "INT");
            n.put("value", i.value());
        } else if (v instanceof ResultValue.Real r) {
            n.put("type", "REAL");
            n.put("value", r.value().toPlainString());
        }
        return n;
    }

    /** Leaves out the fields a model left empty: the schema allows no {@code null}. */
    private static void pruneNulls(JsonNode n) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    it.remove();
                } else {
                    pruneNulls(e.getValue());
                }
            }
        } else if (n.isArray()) {
            n.forEach(JsonReportWriter::pruneNulls);
        }
    }
}
