package fr.segurbio.cda.internal.json;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.internal.ReadContext;

/**
 * The typed access to the fields of a JSON report object: each accessor checks the field's JSON type against the
 * schema and records a coded, bilingual problem at the field's path when it is wrong, giving {@code null} (or an
 * empty list) so that reading goes on and every problem is found.
 */
class JsonIn {

    /** The context of the reading. */
    final ReadContext ctx;

    JsonIn(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** Records every field of {@code n} that {@code kind} does not allow (an error when strict). */
    void known(ObjectNode n, JsonObject kind) {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!kind.allows(f)) {
                String close = kind.closest(f);
                String allowed = String.join(", ", kind.fields());
                ctx.unexpected(f, CdaError.BAD_JSON,
                        "champ inconnu « " + f + " »" + (close == null ? " (champs permis : " + allowed + ")"
                                : " ; vouliez-vous dire « " + close + " » ?"),
                        "unknown field \"" + f + "\"" + (close == null ? " (allowed: " + allowed + ")"
                                : "; did you mean \"" + close + "\"?"));
            }
        }
    }

    /** An object field checked against its kind; {@code null} when absent or of another type. */
    ObjectNode object(ObjectNode n, String field, JsonObject kind) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            wrongType(field, v, "un objet", "an object");
            return null;
        }
        ObjectNode o = (ObjectNode) v;
        ctx.enter(field);
        try {
            known(o, kind);
        } finally {
            ctx.leave();
        }
        return o;
    }

    /** A required object field; records {@code CDA-001} when absent. */
    ObjectNode requiredObject(ObjectNode n, String field, JsonObject kind) {
        if (n.get(field) == null) {
            ctx.addAt(field, CdaError.MISSING, field);
            return null;
        }
        return object(n, field, kind);
    }

    /** An item of an array known to be an object of a kind; {@code null} (with a problem) otherwise. */
    ObjectNode item(JsonNode v, String field, int index, JsonObject kind) {
        ctx.enter(field, index);
        try {
            if (!v.isObject()) {
                ctx.detail(CdaError.BAD_JSON, "un objet est attendu, pas " + typeFr(v), "an object is expected, not "
                        + typeEn(v));
                return null;
            }
            known((ObjectNode) v, kind);
            return (ObjectNode) v;
        } finally {
            ctx.leave();
        }
    }

    /** The items of an array field; empty when absent or of another type. */
    List<JsonNode> array(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        List<JsonNode> list = new ArrayList<>();
        if (v == null) {
            return list;
        }
        if (!v.isArray()) {
            wrongType(field, v, "un tableau", "an array");
            return list;
        }
        v.forEach(list::add);
        return list;
    }

    /** A string field; {@code null} when absent or of another type. */
    String string(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            wrongType(field, v, "une chaîne de caractères", "a string");
            return null;
        }
        return v.asText();
    }

    /** A required, non-blank string field; records {@code CDA-001} when absent or blank. */
    String required(ObjectNode n, String field) {
        String v = string(n, field);
        if (v == null || v.isBlank()) {
            if (n.get(field) == null || v != null) {
                ctx.addAt(field, CdaError.MISSING, field);
            }
            return null;
        }
        return v;
    }

    /** The strings of an array field. */
    List<String> strings(ObjectNode n, String field) {
        List<String> list = new ArrayList<>();
        List<JsonNode> items = array(n, field);
        for (int i = 0; i < items.size(); i++) {
            JsonNode v = items.get(i);
            if (v.isTextual()) {
                list.add(v.asText());
            } else {
                ctx.enter(field, i);
                try {
                    ctx.detail(CdaError.BAD_JSON, "une chaîne de caractères est attendue, pas " + typeFr(v),
                            "a string is expected, not " + typeEn(v));
                } finally {
                    ctx.leave();
                }
            }
        }
        return list;
    }

    /** A boolean field; {@code dflt} when absent, {@code null} when of another type. */
    Boolean bool(ObjectNode n, String field, Boolean dflt) {
        JsonNode v = n.get(field);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            wrongType(field, v, "un booléen (true ou false)", "a boolean (true or false)");
            return null;
        }
        return v.booleanValue();
    }

    /** An integer field; {@code null} when absent or not an integer. */
    Integer integer(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            wrongType(field, v, "un nombre entier", "an integer");
            return null;
        }
        return v.intValue();
    }

    /** A decimal number given as a string or a number; {@code null} when absent or not a decimal. */
    BigDecimal decimal(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (!v.isTextual()) {
            wrongType(field, v, "un nombre décimal", "a decimal number");
            return null;
        }
        String s = v.asText().trim();
        if (!s.matches("-?[0-9]+(\\.[0-9]+)?")) {
            ctx.detailAt(field, CdaError.BAD_VALUE, "un nombre décimal tel que 1.950 est attendu",
                    "a decimal number such as 1.950 is expected", s);
            return null;
        }
        return new BigDecimal(s);
    }

    /** A required decimal number. */
    BigDecimal requiredDecimal(ObjectNode n, String field) {
        if (n.get(field) == null) {
            ctx.addAt(field, CdaError.MISSING, field);
            return null;
        }
        return decimal(n, field);
    }

    /** An ISO date-time with offset; {@code null} when absent or unreadable. */
    OffsetDateTime dateTime(ObjectNode n, String field) {
        String s = string(n, field);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim());
        } catch (DateTimeParseException e) {
            ctx.detailAt(field, CdaError.BAD_VALUE,
                    "une date-heure ISO 8601 avec décalage, telle que 2024-01-04T16:05:27+01:00, est attendue",
                    "an ISO 8601 date-time with an offset, such as 2024-01-04T16:05:27+01:00, is expected", s);
            return null;
        }
    }

    /** An ISO date; {@code null} when absent or unreadable. */
    LocalDate date(ObjectNode n, String field) {
        String s = string(n, field);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            ctx.detailAt(field, CdaError.BAD_VALUE, "une date ISO, telle que 2001-12-31, est attendue",
                    "an ISO date, such as 2001-12-31, is expected", s);
            return null;
        }
    }

    /** A value among a fixed set; {@code null} when absent or not one of them. */
    <E> E choice(ObjectNode n, String field, Map<String, E> allowed) {
        String s = string(n, field);
        if (s == null) {
            return null;
        }
        E e = allowed.get(s);
        if (e == null) {
            String list = String.join(", ", allowed.keySet().stream().sorted().toList());
            ctx.detailAt(field, CdaError.BAD_VALUE, "valeurs permises : " + list, "allowed values: " + list, s);
        }
        return e;
    }

    /** A string field turned into a model value by a parser that refuses with a coded exception. */
    <T> T parsed(ObjectNode n, String field, Function<String, T> parser) {
        String s = string(n, field);
        return s == null ? null : ctx.in(field, () -> parser.apply(s));
    }

    private void wrongType(String field, JsonNode v, String fr, String en) {
        ctx.detailAt(field, CdaError.BAD_JSON, "« " + field + " » doit être " + fr + ", pas " + typeFr(v),
                "\"" + field + "\" must be " + en + ", not " + typeEn(v));
    }

    static String typeFr(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "un tableau";
            case OBJECT, POJO -> "un objet";
            case STRING -> "une chaîne de caractères";
            case NUMBER -> "un nombre";
            case BOOLEAN -> "un booléen";
            case NULL, MISSING -> "null";
            case BINARY -> "des octets";
        };
    }

    static String typeEn(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "bytes";
        };
    }
}
