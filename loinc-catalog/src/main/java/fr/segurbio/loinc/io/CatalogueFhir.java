package fr.segurbio.loinc.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.core.Problem;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincError;
import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.Ucum;
import fr.segurbio.loinc.catalog.Catalogue;
import fr.segurbio.loinc.catalog.Exam;
import fr.segurbio.loinc.catalog.ResultType;
import fr.segurbio.loinc.catalog.Transcoding;
import fr.segurbio.loinc.catalog.TranscodingStatus;
import fr.segurbio.loinc.internal.CodeSystems;
import fr.segurbio.loinc.internal.Json;

/**
 * The catalogue in FHIR R4 JSON: the local exams as a {@code CodeSystem} (code, label, and the properties
 * chapter, specimen, method, local unit, result type) and the transcoding as a {@code ConceptMap} from the local
 * code system to {@code http://loinc.org} (equivalence {@code equivalent}, or {@code disjoint} for a rejected
 * transcoding; UCUM unit, conversion factor, status, author and date in extensions; comment in
 * {@code target.comment}). Reading both back gives the same catalogue. Imports report every element they
 * cannot take.
 *
 * <pre>{@code
 * String codeSystem = CatalogueFhir.codeSystem(catalogue);
 * String conceptMap = CatalogueFhir.conceptMap(catalogue);
 * ImportResult back = CatalogueFhir.read(codeSystem, conceptMap, current);
 * }</pre>
 */
public final class CatalogueFhir {

    /** The base of the SDK's extension and property URLs. */
    public static final String BASE = "https://segurbio.fr/fhir/StructureDefinition/";
    /** Extension: transcoding status (valueCode {@code proposed|validated|rejected}). */
    public static final String EXT_STATUS = BASE + "transcoding-status";
    /** Extension: UCUM unit of the LOINC result (valueCoding in {@code http://unitsofmeasure.org}). */
    public static final String EXT_UNIT = BASE + "transcoding-ucum-unit";
    /** Extension: conversion factor local → UCUM (valueDecimal). */
    public static final String EXT_FACTOR = BASE + "transcoding-conversion-factor";
    /** Extension: who decided (valueString). */
    public static final String EXT_AUTHOR = BASE + "transcoding-author";
    /** Extension: when (valueDateTime). */
    public static final String EXT_DATE = BASE + "transcoding-date";

    private static final String[][] PROPERTIES = {
        {"chapter", "string", "Chapitre / chapter"},
        {"specimen", "string", "Prélèvement / specimen"},
        {"method", "string", "Méthode / method"},
        {"localUnit", "string", "Unité locale / local unit"},
        {"resultType", "code", "Type de résultat / result type (numeric, ordinal, nominal, text)"},
    };

    private CatalogueFhir() {
    }

    /**
     * The catalogue as a FHIR R4 CodeSystem (JSON).
     *
     * @param catalogue the catalogue
     * @return the JSON text
     */
    public static String codeSystem(Catalogue catalogue) {
        ObjectNode cs = Json.MAPPER.createObjectNode();
        cs.put("resourceType", "CodeSystem");
        cs.put("id", "local-catalogue");
        cs.put("url", catalogue.systemUri());
        cs.put("name", "LocalCatalogue");
        if (!catalogue.name().isEmpty()) {
            cs.put("title", catalogue.name());
        }
        cs.put("status", "active");
        cs.put("caseSensitive", true);
        cs.put("content", "complete");
        cs.put("count", catalogue.size());
        ArrayNode props = cs.putArray("property");
        for (String[] p : PROPERTIES) {
            ObjectNode n = props.addObject();
            n.put("code", p[0]);
            n.put("uri", BASE + "catalogue-" + p[0]);
            n.put("description", p[2]);
            n.put("type", p[1]);
        }
        ArrayNode concepts = cs.putArray("concept");
        for (Exam e : catalogue.exams()) {
            ObjectNode c = concepts.addObject();
            c.put("code", e.localCode());
            c.put("display", e.label());
            ArrayNode p = Json.MAPPER.createArrayNode();
            prop(p, "chapter", "valueString", e.chapter());
            prop(p, "specimen", "valueString", e.specimen());
            prop(p, "method", "valueString", e.method());
            prop(p, "localUnit", "valueString", e.localUnit());
            prop(p, "resultType", "valueCode", e.resultType().map(ResultType::code).orElse(""));
            if (!p.isEmpty()) {
                c.set("property", p);
            }
        }
        return write(cs);
    }

    private static void prop(ArrayNode props, String code, String type, String value) {
        if (!value.isEmpty()) {
            ObjectNode n = props.addObject();
            n.put("code", code);
            n.put(type, value);
        }
    }

    /**
     * The transcoding as a FHIR R4 ConceptMap (JSON), local code system → LOINC; untranscoded exams are left
     * out. Status {@code active} when every transcoding is validated or rejected, {@code draft} otherwise.
     *
     * @param catalogue the catalogue
     * @return the JSON text
     */
    public static String conceptMap(Catalogue catalogue) {
        ObjectNode cm = Json.MAPPER.createObjectNode();
        cm.put("resourceType", "ConceptMap");
        cm.put("id", "local-catalogue-to-loinc");
        cm.put("name", "LocalCatalogueToLoinc");
        if (!catalogue.name().isEmpty()) {
            cm.put("title", catalogue.name());
        }
        boolean allDecided = catalogue.exams().stream().map(Exam::transcoding).flatMap(java.util.Optional::stream)
                .noneMatch(t -> t.status() == TranscodingStatus.PROPOSED);
        cm.put("status", allDecided ? "active" : "draft");
        cm.put("sourceUri", catalogue.systemUri());
        cm.put("targetUri", LoincCode.SYSTEM_URI);
        ObjectNode group = cm.putArray("group").addObject();
        group.put("source", catalogue.systemUri());
        group.put("target", LoincCode.SYSTEM_URI);
        ArrayNode elements = group.putArray("element");
        for (Exam e : catalogue.exams()) {
            if (e.transcoding().isEmpty()) {
                continue;
            }
            Transcoding t = e.transcoding().get();
            ObjectNode el = elements.addObject();
            el.put("code", e.localCode());
            el.put("display", e.label());
            ObjectNode target = el.putArray("target").addObject();
            ArrayNode ext = target.putArray("extension");
            ObjectNode status = ext.addObject();
            status.put("url", EXT_STATUS);
            status.put("valueCode", t.status().code());
            t.ucumUnit().ifPresent(u -> {
                ObjectNode x = ext.addObject();
                x.put("url", EXT_UNIT);
                ObjectNode coding = x.putObject("valueCoding");
                coding.put("system", Ucum.SYSTEM_URI);
                coding.put("code", u);
            });
            t.conversionFactor().ifPresent(f -> {
                ObjectNode x = ext.addObject();
                x.put("url", EXT_FACTOR);
                x.put("valueDecimal", f);
            });
            if (!t.author().isEmpty()) {
                ObjectNode x = ext.addObject();
                x.put("url", EXT_AUTHOR);
                x.put("valueString", t.author());
            }
            t.date().ifPresent(d -> {
                ObjectNode x = ext.addObject();
                x.put("url", EXT_DATE);
                x.put("valueDateTime", d.toString());
            });
            target.put("code", t.code().value());
            target.put("equivalence", t.status() == TranscodingStatus.REJECTED ? "disjoint" : "equivalent");
            if (!t.comment().isEmpty()) {
                target.put("comment", t.comment());
            }
        }
        return write(cm);
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code CodeSystem-local-catalogue.json} and {@code ConceptMap-local-catalogue-to-loinc.json}.
     *
     * @param catalogue the catalogue
     * @param dir the folder, created when absent
     * @return the two files written
     * @throws LoincException ({@code LOINC-070}) when they cannot be written
     */
    public static List<Path> write(Catalogue catalogue, Path dir) {
        try {
            Files.createDirectories(dir);
            Path cs = dir.resolve("CodeSystem-local-catalogue.json");
            Path cm = dir.resolve("ConceptMap-local-catalogue-to-loinc.json");
            Files.writeString(cs, codeSystem(catalogue));
            Files.writeString(cm, conceptMap(catalogue));
            return List.of(cs, cm);
        } catch (IOException e) {
            throw new LoincException(Problem.of(LoincError.IO_ERROR, "", dir, e.getMessage()), e);
        }
    }

    /**
     * Reads a catalogue from a CodeSystem and, optionally, its ConceptMap.
     *
     * @param codeSystemJson the CodeSystem JSON
     * @param conceptMapJson the ConceptMap JSON, or {@code null}
     * @param current the current catalogue (changes are computed against it), or {@code null}
     * @return the import report
     * @throws LoincException when a document is not JSON ({@code LOINC-061}) or not the expected resource
     *         ({@code LOINC-060})
     */
    public static ImportResult read(String codeSystemJson, String conceptMapJson, Catalogue current) {
        Catalogue base = current != null ? current : Catalogue.builder().build();
        JsonNode cs = resource(codeSystemJson, "CodeSystem", "CodeSystem");
        List<RejectedLine> rejected = new ArrayList<>();
        Map<String, Integer> rejectedCodes = new LinkedHashMap<>();
        String system = Json.text(cs, "url");
        Catalogue.Builder b = Catalogue.builder().systemUri(system == null ? base.systemUri() : system)
                .name(Json.text(cs, "title"));
        int i = 0;
        int records = 0;
        for (JsonNode c : cs.path("concept")) {
            records++;
            String where = "CodeSystem.concept[" + i + "]";
            i++;
            String code = Json.text(c, "code");
            String display = Json.text(c, "display");
            List<Problem> reasons = new ArrayList<>();
            if (code == null || code.isBlank()) {
                reasons.add(Problem.of(LoincError.INVALID_FHIR_ELEMENT, "", where, "concept without code"));
            } else if (b.contains(code.strip())) {
                reasons.add(Problem.of(LoincError.DUPLICATE_LOCAL_CODE, "", code, where));
            }
            if (display == null || display.isBlank()) {
                reasons.add(Problem.of(LoincError.INVALID_FHIR_ELEMENT, "", where, "concept without display (label)"));
            }
            Map<String, String> props = new LinkedHashMap<>();
            for (JsonNode p : c.path("property")) {
                String pc = Json.text(p, "code");
                String v = Json.text(p, "valueString") != null ? Json.text(p, "valueString") : Json.text(p, "valueCode");
                if (pc != null && v != null) {
                    props.put(pc, v);
                }
            }
            ResultType type = null;
            if (props.containsKey("resultType")) {
                type = ResultType.parse(props.get("resultType")).orElse(null);
                if (type == null) {
                    reasons.add(Problem.of(LoincError.INVALID_FHIR_ELEMENT, "", where,
                            "unknown resultType " + props.get("resultType")));
                }
            }
            if (!reasons.isEmpty()) {
                rejected.add(new RejectedLine(i, where, "", reasons));
                if (code != null && !code.isBlank() && !b.contains(code.strip())) {
                    rejectedCodes.putIfAbsent(code.strip(), i);
                }
                continue;
            }
            b.add(Exam.builder(code, display).chapter(props.get("chapter")).specimen(props.get("specimen"))
                    .method(props.get("method")).localUnit(props.get("localUnit")).resultType(type).build());
        }
        if (conceptMapJson != null) {
            records += applyConceptMap(conceptMapJson, b, rejected);
        }
        return CatalogueCsv.finish(b, base, rejected, rejectedCodes, new ArrayList<>(), records, "", "");
    }

    /**
     * Applies a ConceptMap to a catalogue: every element's target becomes the transcoding of the exam with that
     * local code; elements that cannot be used are reported.
     *
     * @param conceptMapJson the ConceptMap JSON
     * @param catalogue the catalogue the local codes belong to
     * @return the import report (the changes are the transcodings added, modified)
     * @throws LoincException when the document is not JSON ({@code LOINC-061}) or not a ConceptMap
     *         ({@code LOINC-060})
     */
    public static ImportResult readConceptMap(String conceptMapJson, Catalogue catalogue) {
        Catalogue.Builder b = catalogue.toBuilder();
        List<RejectedLine> rejected = new ArrayList<>();
        int records = applyConceptMap(conceptMapJson, b, rejected);
        return CatalogueCsv.finish(b, catalogue, rejected, Map.of(), new ArrayList<>(), records, "", "");
    }

    private static int applyConceptMap(String json, Catalogue.Builder b, List<RejectedLine> rejected) {
        JsonNode cm = resource(json, "ConceptMap", "ConceptMap");
        Catalogue snapshot = b.build();
        int records = 0;
        int g = 0;
        for (JsonNode group : cm.path("group")) {
            String target = Json.text(group, "target");
            boolean loincGroup = target == null || CodeSystems.normalize(target).equals(LoincCode.SYSTEM_OID);
            int e = 0;
            for (JsonNode el : group.path("element")) {
                records++;
                String where = "ConceptMap.group[" + g + "].element[" + e + "]";
                e++;
                List<Problem> reasons = new ArrayList<>();
                if (!loincGroup) {
                    reasons.add(Problem.of(LoincError.INVALID_FHIR_ELEMENT, "", where, "group target " + target
                            + " is not LOINC (" + LoincCode.SYSTEM_URI + ")"));
                    rejected.add(new RejectedLine(records, where, "", reasons));
                    continue;
                }
                String code = Json.text(el, "code");
                Exam exam = code == null ? null : snapshot.find(code).orElse(null);
                if (exam == null) {
                    reasons.add(Problem.of(LoincError.UNKNOWN_LOCAL_CODE, "", where, code == null ? "(none)" : code));
                    rejected.add(new RejectedLine(records, where, "", reasons));
                    continue;
                }
                JsonNode targets = el.path("target");
                if (!targets.isArray() || targets.size() != 1) {
                    reasons.add(Problem.of(LoincError.INVALID_FHIR_ELEMENT, "", where,
                            "exactly one target is expected, found " + (targets.isArray() ? targets.size() : 0)));
                    rejected.add(new RejectedLine(records, where, "", reasons));
                    continue;
                }
                Transcoding t = transcoding(targets.get(0), where + ".target[0]", reasons);
                if (t == null) {
                    rejected.add(new RejectedLine(records, where, "", reasons));
                    continue;
                }
                b.put(exam.withTranscoding(t));
            }
            g++;
        }
        return records;
    }

    private static Transcoding transcoding(JsonNode target, String where, List<Problem> reasons) {
        String code = Json.text(target, "code");
        if (code == null) {
            reasons.add(Problem.of(LoincError.INVALID_FHIR_ELEMENT, "", where, "target without code"));
            return null;
        }
        LoincCode.check(code).errors().forEach(p -> reasons.add(p.under(where + ".code")));
        TranscodingStatus status = "disjoint".equals(Json.text(target, "equivalence")) ? TranscodingStatus.REJECTED
                : TranscodingStatus.PROPOSED;
        String unit = null;
        BigDecimal factor = null;
        String author = null;
        Instant date = null;
        for (JsonNode x : target.path("extension")) {
            String url = Json.text(x, "url");
            if (EXT_STATUS.equals(url)) {
                status = TranscodingStatus.parse(Json.text(x, "valueCode")).orElse(null);
                if (status == null) {
                    reasons.add(Problem.of(LoincError.INVALID_FHIR_ELEMENT, "", where, "unknown status "
                            + Json.text(x, "valueCode")));
                }
            } else if (EXT_UNIT.equals(url)) {
                unit = Json.text(x.path("valueCoding"), "code");
                if (unit != null) {
                    final String u = unit;
                    Ucum.standard().validate(u).errors().forEach(p -> reasons.add(p.under(where)));
                }
            } else if (EXT_FACTOR.equals(url)) {
                JsonNode v = x.get("valueDecimal");
                if (v == null || !v.isNumber() || v.decimalValue().signum() <= 0) {
                    reasons.add(Problem.of(LoincError.INVALID_FHIR_ELEMENT, "", where, "conversion factor is not a"
                            + " positive decimal"));
                } else {
                    factor = v.decimalValue();
                }
            } else if (EXT_AUTHOR.equals(url)) {
                author = Json.text(x, "valueString");
            } else if (EXT_DATE.equals(url)) {
                String d = Json.text(x, "valueDateTime");
                try {
                    date = d == null ? null : Instant.parse(d);
                } catch (DateTimeParseException ex) {
                    date = fr.segurbio.loinc.internal.Dates.parse(d).orElse(null);
                    if (date == null) {
                        reasons.add(Problem.of(LoincError.INVALID_FHIR_ELEMENT, "", where, "bad dateTime " + d));
                    }
                }
            }
        }
        if (!reasons.isEmpty()) {
            return null;
        }
        return Transcoding.builder(LoincCode.parse(code)).ucumUnit(unit).conversionFactor(factor).status(status)
                .comment(Json.text(target, "comment")).author(author).date(date).build();
    }

    private static JsonNode resource(String json, String expected, String name) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LoincException(Problem.of(LoincError.INVALID_JSON, "", name, e.getOriginalMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new LoincException(LoincError.INVALID_JSON, name, "not a JSON object");
        }
        String type = Json.text(root, "resourceType");
        if (!expected.equals(type)) {
            throw new LoincException(LoincError.WRONG_FHIR_RESOURCE, name, type == null ? "(none)" : type, expected);
        }
        return root;
    }
}
