package fr.segurbio.cda.internal.json;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.Battery;
import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.ResultStatus;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.SubChapter;

/**
 * Reads the body of the JSON report format: chapters, sub-chapters, entries, specimens, results (observations,
 * batteries, isolates) and their values, on the {@link JsonReportReader}'s context.
 */
final class JsonResultsReader extends JsonIn {

    private static final String KINDS = "observation, battery, isolate";
    private static final String VALUE_TYPES = "PQ, IVL_PQ, CD, CO, ST, RTO, BL, INT, REAL";

    private final JsonReportReader header;

    JsonResultsReader(JsonReportReader header) {
        super(header.ctx);
        this.header = header;
    }

    List<Chapter> chapters(ObjectNode root) {
        return header.each(root, "chapters", JsonObject.CHAPTER, this::chapter);
    }

    private Chapter chapter(ObjectNode n) {
        Code code = header.chapterCode(n, "code");
        if (n.get("code") == null) {
            ctx.addAt("code", CdaError.MISSING, "code");
        }
        String title = string(n, "title");
        ObjectNode entryNode = object(n, "entry", JsonObject.ENTRY);
        if (entryNode != null) {
            ResultEntry e = ctx.in("entry", () -> entry(entryNode));
            return e == null || code == null ? null : Chapter.withEntry(code, title, e);
        }
        List<SubChapter> subs = header.each(n, "subChapters", JsonObject.SUB_CHAPTER, s -> {
            Code sc = header.code(s, "code");
            ObjectNode se = object(s, "entry", JsonObject.ENTRY);
            if (se == null) {
                if (s.get("entry") == null) {
                    ctx.addAt("entry", CdaError.NO_RESULT);
                }
                return null;
            }
            ResultEntry e = ctx.in("entry", () -> entry(se));
            return e == null ? null : new SubChapter(sc, string(s, "title"), e);
        });
        return code == null ? null : Chapter.of(code, title, subs);
    }

    private ResultEntry entry(ObjectNode n) {
        ResultEntry.Builder b = ResultEntry.builder();
        Code code = header.code(n, "code");
        if (n.get("code") == null) {
            ctx.addAt("code", CdaError.MISSING, "code");
        }
        b.code(code);
        ResultStatus status = parsed(n, "status", ResultStatus::fromCode);
        if (status != null) {
            b.status(status);
        }
        b.performer(header.participation(n, "performer"));
        b.validator(header.participation(n, "validator"));
        header.each(n, "specimens", JsonObject.SPECIMEN, this::specimen).forEach(b::specimen);
        List<JsonNode> results = array(n, "results");
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            ResultItem item = ctx.in("results", i, () -> item(r));
            if (item != null) {
                b.result(item);
            }
        }
        comments(n).forEach(b::comment);
        List<JsonNode> images = array(n, "images");
        for (int i = 0; i < images.size(); i++) {
            ObjectNode a = item(images.get(i), "images", i, JsonObject.ATTACHMENT);
            if (a != null) {
                ctx.in("images", i, () -> {
                    fr.segurbio.cda.Attachment image = header.attachment(a, "image/png");
                    return image == null ? null : b.image(image);
                });
            }
        }
        return b.build();
    }

    private List<Comment> comments(ObjectNode n) {
        List<Comment> list = new ArrayList<>();
        List<String> texts = strings(n, "comments");
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            Comment c = ctx.in("comments", i, () -> Comment.of(t));
            if (c != null) {
                list.add(c);
            }
        }
        return list;
    }

    private Specimen specimen(ObjectNode n) {
        Specimen.Builder b = Specimen.builder();
        b.type(header.code(n, "type"));
        b.act(header.code(n, "act"));
        b.site(header.code(n, "site"));
        b.id(header.id(n, "id"));
        b.collected(dateTime(n, "collected"));
        b.received(dateTime(n, "received"));
        return b.build();
    }

    /** A result: its {@code kind} says which (an observation when absent). */
    private ResultItem item(JsonNode v) {
        if (!v.isObject()) {
            ctx.detail(CdaError.BAD_JSON, "un objet est attendu, pas " + typeFr(v), "an object is expected, not "
                    + typeEn(v));
            return null;
        }
        ObjectNode n = (ObjectNode) v;
        String kind = string(n, "kind");
        if (kind == null && n.get("kind") != null) {
            return null;
        }
        switch (kind == null ? "observation" : kind) {
            case "observation":
                known(n, JsonObject.OBSERVATION);
                return observation(n);
            case "battery":
                known(n, JsonObject.BATTERY);
                return battery(n);
            case "isolate":
                known(n, JsonObject.ISOLATE);
                return isolate(n);
            default:
                ctx.detailAt("kind", CdaError.BAD_VALUE, "valeurs permises : " + KINDS, "allowed values: " + KINDS,
                        kind);
                return null;
        }
    }

    private Observation observation(ObjectNode n) {
        Observation.Builder b = Observation.builder();
        b.loinc(header.loinc(n, "loinc"));
        b.localCode(header.code(n, "localCode"));
        b.label(string(n, "label"));
        ResultStatus status = parsed(n, "status", ResultStatus::fromCode);
        if (status != null) {
            b.status(status);
        }
        b.time(dateTime(n, "time"));
        ObjectNode value = object(n, "value", JsonObject.VALUE);
        if (value != null) {
            b.value(ctx.in("value", () -> value(value)));
        }
        b.interpretation(parsed(n, "interpretation", Interpretation::fromCode));
        b.method(header.code(n, "method"));
        b.methodText(string(n, "methodText"));
        ObjectNode range = object(n, "referenceRange", JsonObject.REFERENCE_RANGE);
        if (range != null) {
            b.referenceRange(ctx.in("referenceRange", () -> new ReferenceRange(quantity(range, "low"),
                    quantity(range, "high"), string(range, "text"))));
        }
        header.each(n, "previousResults", JsonObject.PREVIOUS_RESULT, pr -> {
            OffsetDateTime t = dateTime(pr, "time");
            String written = string(pr, "timeAsWritten");
            if (pr.get("time") == null && written == null) {
                ctx.addAt("time", CdaError.MISSING, "time");
            }
            ObjectNode pv = requiredObject(pr, "value", JsonObject.VALUE);
            ResultValue v = pv == null ? null : ctx.in("value", () -> value(pv));
            Interpretation in = parsed(pr, "interpretation", Interpretation::fromCode);
            return (t == null && written == null) || v == null ? null
                    : ctx.attempt(() -> new PreviousResult(t, v, in, t == null ? written : null));
        }).forEach(b::previousResult);
        comments(n).forEach(b::comment);
        b.performer(header.participation(n, "performer"));
        return b.build();
    }

    private Battery battery(ObjectNode n) {
        Battery.Builder b = Battery.builder();
        b.loinc(header.loinc(n, "loinc"));
        b.localCode(header.code(n, "localCode"));
        b.label(string(n, "label"));
        ResultStatus status = parsed(n, "status", ResultStatus::fromCode);
        if (status != null) {
            b.status(status);
        }
        List<JsonNode> items = array(n, "items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode r = items.get(i);
            ctx.in("items", i, () -> {
                ResultItem item = item(r);
                return item == null ? null : b.item(item);
            });
        }
        comments(n).forEach(b::comment);
        return b.build();
    }

    private Isolate isolate(ObjectNode n) {
        Isolate.Builder b = Isolate.builder();
        b.organism(header.code(n, "organism"));
        b.taxonomy(header.code(n, "taxonomy"));
        b.label(string(n, "label"));
        b.id(header.id(n, "id"));
        b.time(dateTime(n, "time"));
        header.each(n, "observations", JsonObject.OBSERVATION, this::observation).forEach(b::observation);
        ObjectNode antibiogram = object(n, "antibiogram", JsonObject.BATTERY);
        if (antibiogram != null) {
            b.antibiogram(ctx.in("antibiogram", () -> battery(antibiogram)));
        }
        return b.build();
    }

    private ResultValue.Quantity quantity(ObjectNode n, String field) {
        ObjectNode q = object(n, field, JsonObject.QUANTITY);
        return q == null ? null : ctx.in(field, () -> quantity(q));
    }

    private ResultValue.Quantity quantity(ObjectNode q) {
        BigDecimal v = requiredDecimal(q, "value");
        String unit = string(q, "unit");
        return v == null ? null : new ResultValue.Quantity(v, unit);
    }

    private ResultValue value(ObjectNode n) {
        String type = string(n, "type");
        if (type == null) {
            if (n.get("type") == null) {
                ctx.addAt("type", CdaError.MISSING, "type");
            }
            return null;
        }
        switch (type) {
            case "PQ":
                return quantity(n);
            case "IVL_PQ": {
                ResultValue.Quantity low = quantity(n, "low");
                ResultValue.Quantity high = quantity(n, "high");
                Boolean li = inclusive(n, "low");
                Boolean hi = inclusive(n, "high");
                return li == null || hi == null ? null : new ResultValue.QuantityRange(low, high, li, hi);
            }
            case "CD":
            case "CO":
                return new ResultValue.Coded(header.code(n, "code"), string(n, "text"), "CO".equals(type));
            case "ST":
                return new ResultValue.Text(required(n, "text"));
            case "RTO": {
                BigDecimal num = requiredDecimal(n, "numerator");
                BigDecimal den = requiredDecimal(n, "denominator");
                return num == null || den == null ? null : new ResultValue.Ratio(num, den);
            }
            case "BL": {
                if (n.get("value") == null) {
                    ctx.addAt("value", CdaError.MISSING, "value");
                    return null;
                }
                Boolean b = bool(n, "value", null);
                return b == null ? null : new ResultValue.Bool(b);
            }
            case "INT": {
                BigDecimal v = requiredDecimal(n, "value");
                if (v == null) {
                    return null;
                }
                try {
                    return new ResultValue.Int(v.longValueExact());
                } catch (ArithmeticException e) {
                    ctx.detailAt("value", CdaError.BAD_VALUE, "un nombre entier est attendu", "an integer is expected",
                            v.toPlainString());
                    return null;
                }
            }
            case "REAL": {
                BigDecimal v = requiredDecimal(n, "value");
                return v == null ? null : new ResultValue.Real(v);
            }
            default:
                ctx.detailAt("type", CdaError.BAD_VALUE, "valeurs permises : " + VALUE_TYPES,
                        "allowed values: " + VALUE_TYPES, type);
                return null;
        }
    }

    /** The {@code inclusive} flag of a range bound, {@code true} when absent. */
    private Boolean inclusive(ObjectNode n, String bound) {
        JsonNode b = n.get(bound);
        if (b == null || !b.isObject()) {
            return Boolean.TRUE;
        }
        ctx.enter(bound);
        try {
            return bool((ObjectNode) b, "inclusive", Boolean.TRUE);
        } finally {
            ctx.leave();
        }
    }
}
