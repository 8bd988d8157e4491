package fr.segurbio.cda.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.RelatedPerson;
import fr.segurbio.cda.SecondLineResult;
import fr.segurbio.cda.VoletVersion;
import fr.segurbio.cda.CommentSection;
import fr.segurbio.cda.CdaExtension;
import fr.segurbio.cda.Confidentiality;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.Gender;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.JsonReport;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.ResultStatus;
import fr.segurbio.cda.Telecom;
import fr.segurbio.cda.internal.Bilingual;
import fr.segurbio.cda.internal.ReadContext;
import fr.segurbio.core.Problem;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;

/**
 * Reads the JSON report format into the model: the header parts here (document, patient, participants,
 * organizations, encounter, attachments), the chapters and results in {@link JsonResultsReader}. Every object's
 * fields are checked against {@link JsonObject}; every problem is collected on a {@link ReadContext}, located by
 * its JSON Pointer, before the reading fails with all of them. One instance per document.
 *
 * <pre>{@code
 * JsonReport r = JsonReportReader.read(in, baseDirectory, ReadContext.Mode.STRICT);
 * }</pre>
 */
public final class JsonReportReader extends JsonIn {

    private static final long MAX_FILE_BYTES = JsonReportWriter.MAX_JSON_BYTES;
    private static final Map<String, Confidentiality> CONFIDENTIALITY = new LinkedHashMap<>();

    static {
        for (Confidentiality c : Confidentiality.values()) {
            CONFIDENTIALITY.put(c.name(), c);
        }
    }

    /** The places of {@code extensions[].place}. */
    static final Map<String, CdaExtension.Place> EXTENSION_PLACES = Map.of("header", CdaExtension.Place.HEADER,
            "patientRole", CdaExtension.Place.PATIENT_ROLE, "patient", CdaExtension.Place.PATIENT);

    private final Path base;
    private final JsonResultsReader results;

    private JsonReportReader(ReadContext ctx, Path base) {
        super(ctx);
        this.base = base;
        this.results = new JsonResultsReader(this);
    }

    /**
     * Reads a report.
     *
     * @param in the JSON
     * @param base the folder relative file names are resolved against, or {@code null}
     * @param mode strict (unknown fields are errors) or lenient (unknown fields are warnings)
     * @return the report
     * @throws CdaException with every problem found, each located by its JSON Pointer
     */
    public static JsonReport read(InputStream in, Path base, ReadContext.Mode mode) {
        return readWithProblems(in, base, mode).report();
    }

    /**
     * Reads a report and gives the warnings found on the way (unknown fields of a lenient reading).
     *
     * @param in the JSON
     * @param base the folder relative file names are resolved against, or {@code null}
     * @param mode strict or lenient
     * @return the report and the warnings
     * @throws CdaException with every error found
     */
    public static Result readWithProblems(InputStream in, Path base, ReadContext.Mode mode) {
        JsonNode root;
        try {
            root = JsonReportWriter.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "ligne " + e.getLocation().getLineNr() + ", colonne " + e.getLocation().getColumnNr();
            String whereEn = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new CdaException(bilingual("JSON mal formé" + (where.isEmpty() ? "" : " (" + where + ")"),
                    "malformed JSON" + (whereEn.isEmpty() ? "" : " (" + whereEn + ")")), e);
        } catch (java.io.CharConversionException e) {
            // bytes that are no UTF-8/16/32 text (the encoding is detected from the first bytes): malformed too
            throw new CdaException(bilingual("JSON mal formé (encodage illisible : " + e.getMessage() + ")",
                    "malformed JSON (unreadable encoding: " + e.getMessage() + ")"), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new CdaException(bilingual("le document n'est pas un objet JSON", "the document is not a JSON object"),
                    null);
        }
        ReadContext ctx = ReadContext.json(mode, CdaError.BAD_JSON);
        JsonReport report = new JsonReportReader(ctx, base).report((ObjectNode) root);
        if (ctx.hasErrors() || report == null) {
            throw new CdaException(ctx.result());
        }
        return new Result(report, ctx.problems());
    }

    /**
     * A report read and the warnings of its reading.
     *
     * @param report the report
     * @param warnings the warnings (unknown fields of a lenient reading)
     */
    public record Result(JsonReport report, List<Problem> warnings) {
        /**
         * Copies the warnings.
         *
         * @param report the report
         * @param warnings the warnings
         */
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private static Problem bilingual(String fr, String en) {
        return Problem.of(CdaError.BAD_JSON, "", Bilingual.of(fr, en));
    }

    private JsonReport report(ObjectNode root) {
        known(root, JsonObject.REPORT);
        String name = required(root, "name");
        byte[] pdf = binary(root, "pdf");
        String stylesheet = string(root, "stylesheet");
        CrBioReport.Builder b = CrBioReport.builder();
        ObjectNode doc = requiredObject(root, "document", JsonObject.DOCUMENT);
        if (doc != null) {
            ctx.in("document", () -> document(doc, b));
        }
        ObjectNode p = requiredObject(root, "patient", JsonObject.PATIENT);
        if (p != null) {
            b.patient(ctx.in("patient", () -> patient(p)));
        }
        each(root, "authors", JsonObject.PARTICIPATION, this::participation).forEach(b::author);
        ObjectNode custodian = object(root, "custodian", JsonObject.ORGANIZATION);
        if (custodian != null) {
            b.custodian(ctx.in("custodian", () -> organization(custodian)));
        }
        each(root, "recipients", JsonObject.PROFESSIONAL, this::professional).forEach(b::recipient);
        ObjectNode attending = object(root, "attendingPhysician", JsonObject.PROFESSIONAL);
        if (attending != null) {
            b.attendingPhysician(ctx.in("attendingPhysician", () -> professional(attending)));
        }
        each(root, "informants", JsonObject.RELATED_PERSON, o -> ctx.attempt(() -> {
            RelatedPerson informant = relatedPerson(o);
            if (informant != null) {
                b.informant(informant);
            }
            return informant;
        }));
        b.legalAuthenticator(participation(root, "legalAuthenticator"));
        each(root, "authenticators", JsonObject.PARTICIPATION, this::participation).forEach(b::authenticator);
        b.prescriber(participation(root, "prescriber"));
        b.sampler(participation(root, "sampler"));
        b.orderId(id(root, "orderId"));
        b.requestId(id(root, "requestId"));
        ResultStatus status = parsed(root, "reportStatus", ResultStatus::fromCode);
        if (status != null) {
            b.reportStatus(status);
        }
        b.requestReceived(dateTime(root, "requestReceived"));
        b.reportReleased(dateTime(root, "reportReleased"));
        b.performingLab(participation(root, "performingLab"));
        ObjectNode enc = object(root, "encounter", JsonObject.ENCOUNTER);
        if (enc != null) {
            b.encounter(ctx.in("encounter", () -> encounter(enc)));
        }
        each(root, "commentSections", JsonObject.COMMENT_SECTION,
                s -> new CommentSection(string(s, "title"), string(s, "text"))).forEach(b::commentSection);
        results.chapters(root).forEach(b::chapter);
        List<JsonNode> second = array(root, "secondLineResults");
        for (int i = 0; i < second.size(); i++) {
            ObjectNode a = item(second.get(i), "secondLineResults", i, JsonObject.SECOND_LINE_RESULT);
            if (a != null) {
                ctx.in("secondLineResults", i, () -> {
                    Code sectionCode = code(a, "code");
                    Attachment pdfResult = attachment(a, "application/pdf");
                    return pdfResult == null ? null : b.secondLineResult(new SecondLineResult(sectionCode, pdfResult));
                });
            }
        }
        each(root, "extensions", JsonObject.EXTENSION, o -> {
            CdaExtension.Place place = choice(o, "place", EXTENSION_PLACES);
            String xml = required(o, "xml");
            return place == null || xml == null ? null : ctx.attempt(() -> CdaExtension.of(place, xml));
        }).forEach(e -> {
            if (e != null) {
                b.extension(e);
            }
        });
        if (ctx.hasErrors()) {
            return null;
        }
        CrBioReport report = ctx.attempt(b::build);
        if (report == null || name == null) {
            return null;
        }
        return ctx.attempt(() -> new JsonReport(name, report, Optional.ofNullable(pdf), Optional.ofNullable(stylesheet)));
    }

    private CrBioReport.Builder document(ObjectNode doc, CrBioReport.Builder b) {
        b.id(requiredId(doc, "id"));
        b.setId(requiredId(doc, "setId"));
        Integer version = integer(doc, "version");
        if (version != null) {
            b.version(version);
        }
        b.effectiveTime(dateTime(doc, "effectiveTime"));
        Confidentiality conf = choice(doc, "confidentiality", CONFIDENTIALITY);
        if (conf != null) {
            b.confidentiality(conf);
        }
        String lang = string(doc, "language");
        if (lang != null) {
            b.language(lang);
        }
        String volet = string(doc, "volet");
        if (volet != null) {
            Optional<VoletVersion> v = VoletVersion.of(volet);
            if (v.isPresent()) {
                b.volet(v.get());
            } else {
                ctx.addAt("volet", CdaError.BAD_VALUE, volet, Bilingual.of("2021.01, 2023.01 ou 2024.01",
                        "2021.01, 2023.01 or 2024.01"));
            }
        }
        InstanceId replaces = id(doc, "replaces");
        if (replaces != null) {
            b.replaces(replaces);
        }
        return b;
    }

    /** Reads each object of an array field, in its item's context; items that fail are left out. */
    <T> List<T> each(ObjectNode n, String field, JsonObject kind, Function<ObjectNode, T> reader) {
        List<T> list = new ArrayList<>();
        List<JsonNode> items = array(n, field);
        for (int i = 0; i < items.size(); i++) {
            ObjectNode o = item(items.get(i), field, i, kind);
            if (o != null) {
                T t = ctx.in(field, i, () -> reader.apply(o));
                if (t != null) {
                    list.add(t);
                }
            }
        }
        return list;
    }

    // ------------------------------------------------------------------ small parts

    /** An optional identifier field. */
    InstanceId id(ObjectNode n, String field) {
        ObjectNode o = object(n, field, JsonObject.ID);
        return o == null ? null : ctx.in(field, () -> new InstanceId(required(o, "root"), string(o, "extension")));
    }

    /** A required identifier field. */
    InstanceId requiredId(ObjectNode n, String field) {
        if (n.get(field) == null) {
            ctx.addAt(field, CdaError.MISSING, field);
            return null;
        }
        return id(n, field);
    }

    /** An optional code field ({@code code}, {@code system}, {@code display}). */
    Code code(ObjectNode n, String field) {
        ObjectNode o = object(n, field, JsonObject.CODE);
        return o == null ? null : ctx.in(field, () -> {
            String code = required(o, "code");
            String system = required(o, "system");
            String display = string(o, "display");
            return code == null || system == null ? null : new Code(code, system, display);
        });
    }

    /** A chapter's code: LOINC as {@code code, display}, or another system with its {@code system}. */
    Code chapterCode(ObjectNode n, String field) {
        ObjectNode o = object(n, field, JsonObject.CHAPTER_CODE);
        return o == null ? null : ctx.in(field, () -> {
            String code = required(o, "code");
            String system = string(o, "system");
            String display = string(o, "display");
            if (code == null) {
                return null;
            }
            return system == null || CodeSystems.LOINC.equals(system) ? Code.loinc(code, display)
                    : new Code(code, system, display);
        });
    }

    /** An optional LOINC code field ({@code code}, {@code display}). */
    Code loinc(ObjectNode n, String field) {
        ObjectNode o = object(n, field, JsonObject.LOINC);
        return o == null ? null : ctx.in(field, () -> {
            String code = required(o, "code");
            String display = string(o, "display");
            return code == null ? null : Code.loinc(code, display);
        });
    }

    private Address address(ObjectNode n) {
        ObjectNode o = object(n, "address", JsonObject.ADDRESS);
        return o == null ? null : ctx.in("address", () -> {
            List<Address.Part> parts = each(o, "otherParts", JsonObject.ADDRESS_PART,
                    p -> ctx.attempt(() -> new Address.Part(required(p, "name"), required(p, "value"))));
            return ctx.attempt(() -> new Address(strings(o, "lines"), string(o, "houseNumber"),
                    string(o, "streetName"), string(o, "additionalLocator"), string(o, "postBox"),
                    string(o, "postalCode"), string(o, "city"), string(o, "county"), string(o, "country"),
                    string(o, "use"), parts, string(o, "nullFlavor")));
        });
    }

    private List<Telecom> telecoms(ObjectNode n) {
        return each(n, "telecoms", JsonObject.TELECOM, t -> new Telecom(required(t, "value"), string(t, "use")));
    }

    private Organization organization(ObjectNode n) {
        InstanceId id = requiredId(n, "id");
        String name = required(n, "name");
        Address a = address(n);
        List<Telecom> t = telecoms(n);
        Code setting = code(n, "practiceSetting");
        if (id == null || name == null) {
            return null;
        }
        return new Organization(id, name, a, t, setting);
    }

    HealthProfessional professional(ObjectNode n) {
        HealthProfessional.Builder b = HealthProfessional.builder();
        b.id(requiredId(n, "id"));
        b.profession(code(n, "profession"));
        ObjectNode name = requiredObject(n, "name", JsonObject.PERSON_NAME);
        if (name != null) {
            b.name(ctx.in("name", () -> new PersonName(string(name, "prefix"), string(name, "given"),
                    required(name, "family"), string(name, "suffix"))));
        }
        b.address(address(n));
        telecoms(n).forEach(b::telecom);
        ObjectNode org = object(n, "organization", JsonObject.ORGANIZATION);
        if (org != null) {
            b.organization(ctx.in("organization", () -> organization(org)));
        }
        return b.build();
    }

    /** An optional participation field. */
    Participation participation(ObjectNode n, String field) {
        ObjectNode o = object(n, field, JsonObject.PARTICIPATION);
        return o == null ? null : ctx.in(field, () -> participation(o));
    }

    Participation participation(ObjectNode n) {
        ObjectNode p = requiredObject(n, "professional", JsonObject.PROFESSIONAL);
        HealthProfessional hp = p == null ? null : ctx.in("professional", () -> professional(p));
        OffsetDateTime t = dateTime(n, "time");
        if (n.get("time") == null) {
            ctx.addAt("time", CdaError.MISSING, "time");
        }
        return hp == null || t == null ? null : new Participation(hp, t);
    }

    private Patient patient(ObjectNode n) {
        Patient.Builder b = Patient.builder();
        ObjectNode ins = object(n, "ins", JsonObject.INS);
        Boolean qualified = bool(n, "insQualified", Boolean.FALSE);
        if (ins != null) {
            Ins value = ctx.in("ins", () -> {
                String matricule = required(ins, "matricule");
                String oid = required(ins, "oid");
                return matricule == null || oid == null ? null : Ins.of(matricule, oid);
            });
            if (value != null) {
                b.ins(value, Boolean.TRUE.equals(qualified));
            }
        }
        b.localId(requiredId(n, "localId"));
        b.birthFamilyName(string(n, "birthFamilyName"));
        b.birthGivenNames(string(n, "birthGivenNames"));
        b.firstBirthGivenName(string(n, "firstBirthGivenName"));
        b.usedFamilyName(string(n, "usedFamilyName"));
        b.usedGivenName(string(n, "usedGivenName"));
        Gender g = parsed(n, "gender", Gender::fromCode);
        if (g != null) {
            b.gender(g);
        }
        b.birthDate(date(n, "birthDate"));
        b.birthPlace(parsed(n, "birthPlace", BirthPlace::of));
        b.birthCity(string(n, "birthCity"));
        b.address(address(n));
        telecoms(n).forEach(b::telecom);
        each(n, "guardians", JsonObject.RELATED_PERSON, this::relatedPerson).forEach(b::guardian);
        return b.build();
    }

    /** A guardian or an informant. */
    private RelatedPerson relatedPerson(ObjectNode n) {
        RelatedPerson.Builder b = RelatedPerson.builder().classCode(string(n, "classCode"))
                .relationship(code(n, "relationship")).address(address(n));
        ObjectNode name = object(n, "name", JsonObject.PERSON_NAME);
        if (name != null) {
            b.name(ctx.in("name", () -> new PersonName(string(name, "prefix"), string(name, "given"),
                    required(name, "family"), string(name, "suffix"))));
        }
        telecoms(n).forEach(b::telecom);
        return ctx.attempt(b::build);
    }

    private Encounter encounter(ObjectNode n) {
        InstanceId id = requiredId(n, "id");
        Code code = code(n, "code");
        OffsetDateTime start = dateTime(n, "start");
        ObjectNode r = requiredObject(n, "responsible", JsonObject.PROFESSIONAL);
        HealthProfessional resp = r == null ? null : ctx.in("responsible", () -> professional(r));
        Code facility = code(n, "facilityType");
        return resp == null ? null : new Encounter(id, code, start, resp, facility);
    }

    // ------------------------------------------------------------------ attachments

    /** An attachment object: {@code mediaType}, {@code caption}, {@code file} or {@code data}. */
    Attachment attachment(ObjectNode n, String defaultType) {
        byte[] data = bytes(n);
        String type = string(n, "mediaType");
        String caption = string(n, "caption");
        return data == null ? null : new Attachment(type == null ? defaultType : type, data, caption);
    }

    /** A binary field: a file name, or an object with {@code file} or {@code data}; {@code null} when absent. */
    private byte[] binary(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return ctx.in(field, () -> file(v.asText()));
        }
        ObjectNode o = object(n, field, JsonObject.BINARY);
        return o == null ? null : ctx.in(field, () -> bytes(o));
    }

    private byte[] bytes(ObjectNode n) {
        String data = string(n, "data");
        if (data != null) {
            try {
                return Base64.getMimeDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                ctx.detailAt("data", CdaError.BAD_VALUE, "ce n'est pas du base64", "not base64",
                        data.length() > 20 ? data.substring(0, 20) + "…" : data);
                return null;
            }
        }
        String file = string(n, "file");
        if (file == null) {
            ctx.add(CdaError.MISSING, "file | data");
            return null;
        }
        return ctx.in("file", () -> file(file));
    }

    private byte[] file(String file) {
        Path p = base == null ? Path.of(file) : base.resolve(file);
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                ctx.detail(CdaError.BAD_VALUE, "fichier de plus de 64 Mo", "file larger than 64 MB", file);
                return null;
            }
            return Files.readAllBytes(p);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            ctx.detail(CdaError.BAD_JSON, "fichier « " + file + " » illisible", "cannot read the file \"" + file + "\"");
            return null;
        }
    }
}
