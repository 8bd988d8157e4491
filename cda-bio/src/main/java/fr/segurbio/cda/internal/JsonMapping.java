package fr.segurbio.cda.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Battery;
import fr.segurbio.cda.CdaError;
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
import fr.segurbio.cda.JsonReport;
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
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;

/**
 * The JSON report format, both ways. Reading collects every problem, each located by its JSON path.
 */
public final class JsonMapping {

    private static final long MAX_JSON_BYTES = 64L * 1024 * 1024;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) MAX_JSON_BYTES).maxNestingDepth(200).build());
    }

    private JsonMapping() {
    }

    // =================================================================== reading

    /**
     * Reads a report.
     *
     * @param in the JSON
     * @param base the folder relative file names are resolved against
     * @return the report
     */
    public static JsonReport read(InputStream in, Path base) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new CdaException(Problem.of(CdaError.BAD_JSON, "", e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new CdaException(CdaError.BAD_JSON, "the document is not a JSON object");
        }
        Reader r = new Reader(base);
        JsonReport result = r.report(root);
        r.problems.build().orThrow(CdaException::new);
        return result;
    }

    /** The reading of one document; collects problems. */
    private static final class Reader {
        private final Path base;
        private final ValidationResult.Builder problems = ValidationResult.builder();

        Reader(Path base) {
            this.base = base;
        }

        /** Runs a step; on failure records its problems under the path and returns {@code null}. */
        <T> T attempt(String path, Supplier<T> step) {
            try {
                return step.get();
            } catch (SegurException e) {
                for (Problem p : e.problems()) {
                    problems.add(p.under(path));
                }
            } catch (DateTimeParseException e) {
                problems.add(Problem.of(CdaError.BAD_VALUE, path, e.getParsedString(),
                        "a date-time such as 2024-01-04T16:05:27+01:00, or a date such as 1979-03-28"));
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add(Problem.of(CdaError.BAD_VALUE, path, String.valueOf(e.getMessage()), "a decimal number"));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(Problem.of(CdaError.BAD_VALUE, path, String.valueOf(e.getMessage()), "invalid value"));
            }
            return null;
        }

        String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            return v.isValueNode() ? v.asText() : v.toString();
        }

        String required(JsonNode n, String field, String path) {
            String v = text(n, field);
            if (v == null || v.isBlank()) {
                problems.add(Problem.of(CdaError.MISSING, path + "." + field, field));
                return null;
            }
            return v;
        }

        JsonNode obj(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() || !v.isObject() ? null : v;
        }

        List<JsonNode> array(JsonNode n, String field) {
            JsonNode v = n.get(field);
            List<JsonNode> list = new ArrayList<>();
            if (v != null && v.isArray()) {
                v.forEach(list::add);
            }
            return list;
        }

        void unknownFields(JsonNode n, String path, Set<String> known) {
            Iterator<String> it = n.fieldNames();
            while (it.hasNext()) {
                String f = it.next();
                if (!known.contains(f)) {
                    problems.add(Problem.of(CdaError.BAD_JSON, path, "unknown field \"" + f + "\" at " + path));
                }
            }
        }

        OffsetDateTime time(JsonNode n, String field, String path) {
            String v = text(n, field);
            return v == null ? null : attempt(path + "." + field, () -> OffsetDateTime.parse(v));
        }

        JsonReport report(JsonNode root) {
            unknownFields(root, "$", Set.of("$schema", "name", "pdf", "stylesheet", "document", "patient", "authors",
                    "custodian", "recipients", "legalAuthenticator", "authenticators", "prescriber", "sampler", "orderId",
                    "requestId", "reportStatus", "requestReceived", "reportReleased", "performingLab", "encounter",
                    "chapters", "commentSections", "secondLineResults"));
            String name = required(root, "name", "$");
            byte[] pdf = root.has("pdf") ? attachmentBytes(root.get("pdf"), "$.pdf") : null;
            String stylesheet = text(root, "stylesheet");
            CrBioReport.Builder b = CrBioReport.builder();
            JsonNode doc = obj(root, "document");
            if (doc == null) {
                problems.add(Problem.of(CdaError.MISSING, "$.document", "document"));
            } else {
                b.id(id(obj(doc, "id"), "$.document.id"));
                b.setId(id(obj(doc, "setId"), "$.document.setId"));
                if (doc.has("version")) {
                    b.version(doc.get("version").asInt(0));
                }
                b.effectiveTime(time(doc, "effectiveTime", "$.document"));
                String conf = text(doc, "confidentiality");
                if (conf != null) {
                    b.confidentiality(attempt("$.document.confidentiality", () -> Confidentiality.valueOf(conf)));
                }
                String lang = text(doc, "language");
                if (lang != null) {
                    b.language(lang);
                }
                if (obj(doc, "replaces") != null) {
                    b.replaces(id(obj(doc, "replaces"), "$.document.replaces"));
                }
            }
            JsonNode p = obj(root, "patient");
            if (p == null) {
                problems.add(Problem.of(CdaError.MISSING, "$.patient", "patient"));
            } else {
                b.patient(patient(p, "$.patient"));
            }
            List<JsonNode> authors = array(root, "authors");
            for (int i = 0; i < authors.size(); i++) {
                Participation a = participation(authors.get(i), "$.authors[" + i + "]");
                if (a != null) {
                    b.author(a);
                }
            }
            if (obj(root, "custodian") != null) {
                b.custodian(organization(obj(root, "custodian"), "$.custodian"));
            }
            List<JsonNode> recipients = array(root, "recipients");
            for (int i = 0; i < recipients.size(); i++) {
                HealthProfessional hp = professional(recipients.get(i), "$.recipients[" + i + "]");
                if (hp != null) {
                    b.recipient(hp);
                }
            }
            if (obj(root, "legalAuthenticator") != null) {
                b.legalAuthenticator(participation(obj(root, "legalAuthenticator"), "$.legalAuthenticator"));
            }
            List<JsonNode> auths = array(root, "authenticators");
            for (int i = 0; i < auths.size(); i++) {
                Participation a = participation(auths.get(i), "$.authenticators[" + i + "]");
                if (a != null) {
                    b.authenticator(a);
                }
            }
            if (obj(root, "prescriber") != null) {
                b.prescriber(participation(obj(root, "prescriber"), "$.prescriber"));
            }
            if (obj(root, "sampler") != null) {
                b.sampler(participation(obj(root, "sampler"), "$.sampler"));
            }
            if (obj(root, "orderId") != null) {
                b.orderId(id(obj(root, "orderId"), "$.orderId"));
            }
            if (obj(root, "requestId") != null) {
                b.requestId(id(obj(root, "requestId"), "$.requestId"));
            }
            String status = text(root, "reportStatus");
            if (status != null) {
                b.reportStatus(attempt("$.reportStatus", () -> ResultStatus.fromCode(status)));
            }
            b.requestReceived(time(root, "requestReceived", "$"));
            if (root.has("reportReleased")) {
                b.reportReleased(time(root, "reportReleased", "$"));
            }
            if (obj(root, "performingLab") != null) {
                b.performingLab(participation(obj(root, "performingLab"), "$.performingLab"));
            }
            if (obj(root, "encounter") != null) {
                b.encounter(encounter(obj(root, "encounter"), "$.encounter"));
            }
            List<JsonNode> sections = array(root, "commentSections");
            for (int i = 0; i < sections.size(); i++) {
                JsonNode s = sections.get(i);
                String path = "$.commentSections[" + i + "]";
                CommentSection c = attempt(path, () -> new CommentSection(text(s, "title"), text(s, "text")));
                if (c != null) {
                    b.commentSection(c);
                }
            }
            List<JsonNode> chapters = array(root, "chapters");
            for (int i = 0; i < chapters.size(); i++) {
                Chapter c = chapter(chapters.get(i), "$.chapters[" + i + "]");
                if (c != null) {
                    b.chapter(c);
                }
            }
            List<JsonNode> second = array(root, "secondLineResults");
            for (int i = 0; i < second.size(); i++) {
                String path = "$.secondLineResults[" + i + "]";
                Attachment a = attachment(second.get(i), path, "application/pdf");
                if (a != null) {
                    attempt(path, () -> b.secondLineResult(a));
                }
            }
            if (problems.hasErrors()) {
                return null;
            }
            CrBioReport report = attempt("$", b::build);
            if (report == null || name == null) {
                return null;
            }
            return attempt("$", () -> new JsonReport(name, report, Optional.ofNullable(pdf), Optional.ofNullable(stylesheet)));
        }

        InstanceId id(JsonNode n, String path) {
            if (n == null) {
                problems.add(Problem.of(CdaError.MISSING, path, path.substring(path.lastIndexOf('.') + 1)));
                return null;
            }
            return attempt(path, () -> new InstanceId(text(n, "root"), text(n, "extension")));
        }

        Code code(JsonNode n, String path) {
            if (n == null) {
                return null;
            }
            return attempt(path, () -> new Code(text(n, "code"), text(n, "system"), text(n, "display")));
        }

        Code loinc(JsonNode n, String path) {
            if (n == null) {
                return null;
            }
            return attempt(path, () -> Code.loinc(text(n, "code"), text(n, "display")));
        }

        Address address(JsonNode n, String path) {
            if (n == null) {
                return null;
            }
            List<String> lines = new ArrayList<>();
            array(n, "lines").forEach(l -> lines.add(l.asText()));
            return attempt(path, () -> new Address(lines, text(n, "postalCode"), text(n, "city"), text(n, "country")));
        }

        List<Telecom> telecoms(JsonNode n, String path) {
            List<Telecom> list = new ArrayList<>();
            List<JsonNode> items = array(n, "telecoms");
            for (int i = 0; i < items.size(); i++) {
                JsonNode t = items.get(i);
                Telecom tel = attempt(path + ".telecoms[" + i + "]", () -> new Telecom(text(t, "value"), text(t, "use")));
                if (tel != null) {
                    list.add(tel);
                }
            }
            return list;
        }

        Organization organization(JsonNode n, String path) {
            InstanceId id = id(obj(n, "id"), path + ".id");
            Address a = address(obj(n, "address"), path + ".address");
            List<Telecom> t = telecoms(n, path);
            Code setting = code(obj(n, "practiceSetting"), path + ".practiceSetting");
            if (id == null) {
                return null;
            }
            return attempt(path, () -> new Organization(id, text(n, "name"), a, t, setting));
        }

        HealthProfessional professional(JsonNode n, String path) {
            if (n == null) {
                problems.add(Problem.of(CdaError.MISSING, path, "professional"));
                return null;
            }
            HealthProfessional.Builder b = HealthProfessional.builder();
            b.id(id(obj(n, "id"), path + ".id"));
            b.profession(code(obj(n, "profession"), path + ".profession"));
            JsonNode name = obj(n, "name");
            if (name != null) {
                b.name(attempt(path + ".name", () -> new PersonName(text(name, "prefix"), text(name, "given"),
                        text(name, "family"), text(name, "suffix"))));
            }
            b.address(address(obj(n, "address"), path + ".address"));
            telecoms(n, path).forEach(b::telecom);
            if (obj(n, "organization") != null) {
                b.organization(organization(obj(n, "organization"), path + ".organization"));
            }
            return attempt(path, b::build);
        }

        Participation participation(JsonNode n, String path) {
            HealthProfessional hp = professional(obj(n, "professional"), path + ".professional");
            OffsetDateTime t = time(n, "time", path);
            if (hp == null) {
                return null;
            }
            return attempt(path, () -> new Participation(hp, t));
        }

        Patient patient(JsonNode n, String path) {
            Patient.Builder b = Patient.builder();
            JsonNode ins = obj(n, "ins");
            if (ins != null) {
                Ins value = attempt(path + ".ins", () -> Ins.of(text(ins, "matricule"), text(ins, "oid")));
                boolean qualified = n.path("insQualified").asBoolean(false);
                b.ins(value, qualified);
            }
            b.localId(id(obj(n, "localId"), path + ".localId"));
            b.birthFamilyName(text(n, "birthFamilyName"));
            b.birthGivenNames(text(n, "birthGivenNames"));
            b.firstBirthGivenName(text(n, "firstBirthGivenName"));
            b.usedFamilyName(text(n, "usedFamilyName"));
            b.usedGivenName(text(n, "usedGivenName"));
            String g = text(n, "gender");
            if (g != null) {
                b.gender(attempt(path + ".gender", () -> Gender.fromCode(g)));
            }
            String birth = text(n, "birthDate");
            if (birth != null) {
                b.birthDate(attempt(path + ".birthDate", () -> LocalDate.parse(birth)));
            }
            String place = text(n, "birthPlace");
            if (place != null) {
                b.birthPlace(attempt(path + ".birthPlace", () -> BirthPlace.of(place)));
            }
            b.birthCity(text(n, "birthCity"));
            b.address(address(obj(n, "address"), path + ".address"));
            telecoms(n, path).forEach(b::telecom);
            return attempt(path, b::build);
        }

        Encounter encounter(JsonNode n, String path) {
            InstanceId id = id(obj(n, "id"), path + ".id");
            Code code = code(obj(n, "code"), path + ".code");
            OffsetDateTime start = time(n, "start", path);
            HealthProfessional resp = professional(obj(n, "responsible"), path + ".responsible");
            Code facility = code(obj(n, "facilityType"), path + ".facilityType");
            if (resp == null) {
                return null;
            }
            return attempt(path, () -> new Encounter(id, code, start, resp, facility));
        }

        Chapter chapter(JsonNode n, String path) {
            Code code = loinc(obj(n, "code"), path + ".code");
            String title = text(n, "title");
            if (obj(n, "entry") != null) {
                ResultEntry e = entry(obj(n, "entry"), path + ".entry");
                return e == null || code == null ? null : attempt(path, () -> Chapter.withEntry(code, title, e));
            }
            List<SubChapter> subs = new ArrayList<>();
            List<JsonNode> items = array(n, "subChapters");
            for (int i = 0; i < items.size(); i++) {
                JsonNode s = items.get(i);
                String sp = path + ".subChapters[" + i + "]";
                Code sc = code(obj(s, "code"), sp + ".code");
                ResultEntry e = obj(s, "entry") == null ? null : entry(obj(s, "entry"), sp + ".entry");
                if (obj(s, "entry") == null) {
                    problems.add(Problem.of(CdaError.NO_RESULT, sp + ".entry"));
                }
                SubChapter sub = e == null ? null : attempt(sp, () -> new SubChapter(sc, text(s, "title"), e));
                if (sub != null) {
                    subs.add(sub);
                }
            }
            if (code == null) {
                return null;
            }
            return attempt(path, () -> Chapter.of(code, title, subs));
        }

        ResultEntry entry(JsonNode n, String path) {
            ResultEntry.Builder b = ResultEntry.builder();
            b.code(code(obj(n, "code"), path + ".code"));
            String status = text(n, "status");
            if (status != null) {
                b.status(attempt(path + ".status", () -> ResultStatus.fromCode(status)));
            }
            if (obj(n, "performer") != null) {
                b.performer(participation(obj(n, "performer"), path + ".performer"));
            }
            if (obj(n, "validator") != null) {
                b.validator(participation(obj(n, "validator"), path + ".validator"));
            }
            List<JsonNode> specimens = array(n, "specimens");
            for (int i = 0; i < specimens.size(); i++) {
                Specimen s = specimen(specimens.get(i), path + ".specimens[" + i + "]");
                if (s != null) {
                    b.specimen(s);
                }
            }
            List<JsonNode> results = array(n, "results");
            for (int i = 0; i < results.size(); i++) {
                ResultItem item = item(results.get(i), path + ".results[" + i + "]");
                if (item != null) {
                    b.result(item);
                }
            }
            comments(n, path).forEach(b::comment);
            List<JsonNode> images = array(n, "images");
            for (int i = 0; i < images.size(); i++) {
                String ip = path + ".images[" + i + "]";
                Attachment a = attachment(images.get(i), ip, "image/png");
                if (a != null) {
                    attempt(ip, () -> b.image(a));
                }
            }
            return attempt(path, b::build);
        }

        List<Comment> comments(JsonNode n, String path) {
            List<Comment> list = new ArrayList<>();
            List<JsonNode> items = array(n, "comments");
            for (int i = 0; i < items.size(); i++) {
                String t = items.get(i).asText();
                Comment c = attempt(path + ".comments[" + i + "]", () -> Comment.of(t));
                if (c != null) {
                    list.add(c);
                }
            }
            return list;
        }

        Specimen specimen(JsonNode n, String path) {
            Specimen.Builder b = Specimen.builder();
            b.type(code(obj(n, "type"), path + ".type"));
            b.act(code(obj(n, "act"), path + ".act"));
            b.site(code(obj(n, "site"), path + ".site"));
            if (obj(n, "id") != null) {
                b.id(id(obj(n, "id"), path + ".id"));
            }
            b.collected(time(n, "collected", path));
            if (n.has("received")) {
                b.received(time(n, "received", path));
            }
            return attempt(path, b::build);
        }

        ResultItem item(JsonNode n, String path) {
            String kind = text(n, "kind");
            if (kind == null) {
                kind = "observation";
            }
            switch (kind) {
                case "observation":
                    return observation(n, path);
                case "battery":
                    return battery(n, path);
                case "isolate":
                    return isolate(n, path);
                default:
                    problems.add(Problem.of(CdaError.BAD_VALUE, path + ".kind", kind, "observation, battery or isolate"));
                    return null;
            }
        }

        Observation observation(JsonNode n, String path) {
            Observation.Builder b = Observation.builder();
            b.loinc(loinc(obj(n, "loinc"), path + ".loinc"));
            b.localCode(code(obj(n, "localCode"), path + ".localCode"));
            b.label(text(n, "label"));
            String status = text(n, "status");
            if (status != null) {
                b.status(attempt(path + ".status", () -> ResultStatus.fromCode(status)));
            }
            if (n.has("time")) {
                b.time(time(n, "time", path));
            }
            if (obj(n, "value") != null) {
                b.value(value(obj(n, "value"), path + ".value"));
            }
            String interp = text(n, "interpretation");
            if (interp != null) {
                b.interpretation(attempt(path + ".interpretation", () -> Interpretation.fromCode(interp)));
            }
            b.method(code(obj(n, "method"), path + ".method"));
            b.methodText(text(n, "methodText"));
            JsonNode range = obj(n, "referenceRange");
            if (range != null) {
                String rp = path + ".referenceRange";
                ResultValue.Quantity low = quantity(obj(range, "low"), rp + ".low");
                ResultValue.Quantity high = quantity(obj(range, "high"), rp + ".high");
                b.referenceRange(attempt(rp, () -> new ReferenceRange(low, high, text(range, "text"))));
            }
            List<JsonNode> prev = array(n, "previousResults");
            for (int i = 0; i < prev.size(); i++) {
                JsonNode pr = prev.get(i);
                String pp = path + ".previousResults[" + i + "]";
                OffsetDateTime t = time(pr, "time", pp);
                ResultValue v = obj(pr, "value") == null ? null : value(obj(pr, "value"), pp + ".value");
                String pi = text(pr, "interpretation");
                Interpretation in = pi == null ? null : attempt(pp + ".interpretation", () -> Interpretation.fromCode(pi));
                PreviousResult p = attempt(pp, () -> new PreviousResult(t, v, in));
                if (p != null) {
                    b.previousResult(p);
                }
            }
            comments(n, path).forEach(b::comment);
            if (obj(n, "performer") != null) {
                b.performer(participation(obj(n, "performer"), path + ".performer"));
            }
            return attempt(path, b::build);
        }

        Battery battery(JsonNode n, String path) {
            Battery.Builder b = Battery.builder();
            b.loinc(loinc(obj(n, "loinc"), path + ".loinc"));
            b.localCode(code(obj(n, "localCode"), path + ".localCode"));
            b.label(text(n, "label"));
            String status = text(n, "status");
            if (status != null) {
                b.status(attempt(path + ".status", () -> ResultStatus.fromCode(status)));
            }
            List<JsonNode> items = array(n, "items");
            for (int i = 0; i < items.size(); i++) {
                String ip = path + ".items[" + i + "]";
                ResultItem item = item(items.get(i), ip);
                if (item != null) {
                    attempt(ip, () -> b.item(item));
                }
            }
            comments(n, path).forEach(b::comment);
            return attempt(path, b::build);
        }

        Isolate isolate(JsonNode n, String path) {
            Isolate.Builder b = Isolate.builder();
            b.organism(code(obj(n, "organism"), path + ".organism"));
            b.taxonomy(code(obj(n, "taxonomy"), path + ".taxonomy"));
            b.label(text(n, "label"));
            if (obj(n, "id") != null) {
                b.id(id(obj(n, "id"), path + ".id"));
            }
            if (n.has("time")) {
                b.time(time(n, "time", path));
            }
            List<JsonNode> obs = array(n, "observations");
            for (int i = 0; i < obs.size(); i++) {
                Observation o = observation(obs.get(i), path + ".observations[" + i + "]");
                if (o != null) {
                    b.observation(o);
                }
            }
            if (obj(n, "antibiogram") != null) {
                b.antibiogram(battery(obj(n, "antibiogram"), path + ".antibiogram"));
            }
            return attempt(path, b::build);
        }

        ResultValue.Quantity quantity(JsonNode n, String path) {
            if (n == null) {
                return null;
            }
            return attempt(path, () -> new ResultValue.Quantity(new BigDecimal(text(n, "value")), text(n, "unit")));
        }

        ResultValue value(JsonNode n, String path) {
            String type = text(n, "type");
            if (type == null) {
                problems.add(Problem.of(CdaError.MISSING, path + ".type", "value type"));
                return null;
            }
            switch (type) {
                case "PQ":
                    return quantity(n, path);
                case "IVL_PQ": {
                    ResultValue.Quantity low = quantity(obj(n, "low"), path + ".low");
                    ResultValue.Quantity high = quantity(obj(n, "high"), path + ".high");
                    boolean li = n.path("low").path("inclusive").asBoolean(true);
                    boolean hi = n.path("high").path("inclusive").asBoolean(true);
                    return attempt(path, () -> new ResultValue.QuantityRange(low, high, li, hi));
                }
                case "CD":
                case "CO": {
                    Code c = code(obj(n, "code"), path + ".code");
                    return attempt(path, () -> new ResultValue.Coded(c, text(n, "text"), "CO".equals(type)));
                }
                case "ST":
                    return attempt(path, () -> new ResultValue.Text(text(n, "text")));
                case "RTO":
                    return attempt(path, () -> new ResultValue.Ratio(new BigDecimal(text(n, "numerator")),
                            new BigDecimal(text(n, "denominator"))));
                case "BL":
                    if (!n.path("value").isBoolean()) {
                        problems.add(Problem.of(CdaError.BAD_VALUE, path + ".value", text(n, "value"), "true or false"));
                        return null;
                    }
                    return new ResultValue.Bool(n.get("value").asBoolean());
                case "INT":
                    return attempt(path, () -> new ResultValue.Int(new BigDecimal(text(n, "value")).longValueExact()));
                case "REAL":
                    return attempt(path, () -> new ResultValue.Real(new BigDecimal(text(n, "value"))));
                default:
                    problems.add(Problem.of(CdaError.BAD_VALUE, path + ".type", type,
                            "PQ, IVL_PQ, CD, CO, ST, RTO, BL, INT or REAL"));
                    return null;
            }
        }

        /** An attachment: {"mediaType", "caption", "file" | "data"}. */
        Attachment attachment(JsonNode n, String path, String defaultType) {
            byte[] data = attachmentBytes(n, path);
            if (data == null) {
                return null;
            }
            String type = n.isObject() && text(n, "mediaType") != null ? text(n, "mediaType") : defaultType;
            String caption = n.isObject() ? text(n, "caption") : null;
            return attempt(path, () -> new Attachment(type, data, caption));
        }

        /** Bytes from a file name (a string, or {"file"}) or from {"data": base64}. */
        byte[] attachmentBytes(JsonNode n, String path) {
            String file = n.isTextual() ? n.asText() : text(n, "file");
            String data = n.isObject() ? text(n, "data") : null;
            if (data != null) {
                return attempt(path + ".data", () -> Base64.getMimeDecoder().decode(data));
            }
            if (file == null) {
                problems.add(Problem.of(CdaError.MISSING, path, "file or data"));
                return null;
            }
            Path p = base == null ? Path.of(file) : base.resolve(file);
            try {
                if (Files.size(p) > MAX_JSON_BYTES) {
                    problems.add(Problem.of(CdaError.BAD_VALUE, path, file, "file larger than 64 MB"));
                    return null;
                }
                return Files.readAllBytes(p);
            } catch (IOException e) {
                problems.add(Problem.of(CdaError.BAD_JSON, path, "cannot read " + file + ": " + e.getMessage()));
                return null;
            }
        }
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
        r.replacedDocument().ifPresent(p -> doc.set("replaces", id(p)));
        root.set("patient", patient(r.patient()));
        ArrayNode authors = root.putArray("authors");
        r.authors().forEach(a -> authors.add(participation(a)));
        root.set("custodian", organization(r.custodian()));
        if (!r.recipients().isEmpty()) {
            ArrayNode recipients = root.putArray("recipients");
            r.recipients().forEach(hp -> recipients.add(professional(hp)));
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
            cn.set("code", loinc(c.code()));
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
            r.secondLineResults().forEach(a -> sl.add(attachment(a)));
        }
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
        if (!a.streetLines().isEmpty()) {
            ArrayNode lines = n.putArray("lines");
            a.streetLines().forEach(lines::add);
        }
        if (a.postalCode() != null) {
            n.put("postalCode", a.postalCode());
        }
        n.put("city", a.city());
        if (a.country() != null) {
            n.put("country", a.country());
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
                pn.put("time", ts(p.time()));
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
}
