package fr.segurbio.cda.internal.cda.write;

import java.math.BigDecimal;

import javax.xml.stream.XMLStreamException;

import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.ResultValue;

/**
 * The value of an observation by type ({@code PQ}, {@code IVL_PQ}, {@code CD}/{@code CO}, {@code ST},
 * {@code RTO}, {@code BL}, {@code INT}, {@code REAL}) and its interpretation.
 */
final class ValuesPart {

    private ValuesPart() {
    }

    /** The value of an observation by type; a text-only coded value points at {@code textId} when given. */
    static void value(CdaOut out, ResultValue v, String textId) throws XMLStreamException {
        if (v instanceof ResultValue.Quantity q) {
            out.empty("value");
            out.xsiType("PQ");
            out.attr("value", q.value().toPlainString());
            out.attr("unit", q.unit());
        } else if (v instanceof ResultValue.QuantityRange r) {
            out.start("value");
            out.xsiType("IVL_PQ");
            if (r.low() != null) {
                pq(out, "low", r.low(), r.lowInclusive());
            }
            if (r.high() != null) {
                pq(out, "high", r.high(), r.highInclusive());
            }
            out.end();
        } else if (v instanceof ResultValue.Coded c) {
            out.start("value");
            out.xsiType(c.ordinal() ? "CO" : "CD");
            if (c.code() != null) {
                out.codeAttrs(c.code());
            }
            if (c.code() == null) {
                if (textId != null) {
                    out.reference("originalText", textId);
                } else {
                    out.element("originalText", c.text());
                }
            }
            out.end();
        } else if (v instanceof ResultValue.Text t) {
            out.start("value");
            out.xsiType("ST");
            out.text(t.text());
            out.end();
        } else if (v instanceof ResultValue.Ratio r) {
            out.start("value");
            out.xsiType("RTO");
            number(out, "numerator", r.numerator());
            number(out, "denominator", r.denominator());
            out.end();
        } else if (v instanceof ResultValue.Bool b) {
            out.empty("value");
            out.xsiType("BL");
            out.attr("value", Boolean.toString(b.value()));
        } else if (v instanceof ResultValue.Int i) {
            out.empty("value");
            out.xsiType("INT");
            out.attr("value", Long.toString(i.value()));
        } else if (v instanceof ResultValue.Real r) {
            out.empty("value");
            out.xsiType("REAL");
            out.attr("value", r.value().toPlainString());
        }
    }

    /** A physical quantity bound ({@code low} / {@code high}). */
    static void pq(CdaOut out, String name, ResultValue.Quantity q, Boolean inclusive) throws XMLStreamException {
        out.empty(name);
        out.attr("value", q.value().toPlainString());
        out.attr("unit", q.unit());
        if (inclusive != null) {
            out.attr("inclusive", inclusive.toString());
        }
    }

    /** A ratio term, {@code INT} when integral, else {@code REAL}. */
    static void number(CdaOut out, String name, BigDecimal n) throws XMLStreamException {
        out.empty(name);
        boolean integer = n.signum() == 0 || n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0;
        out.xsiType(integer ? "INT" : "REAL");
        out.attr("value", integer ? n.toBigInteger().toString() : n.toPlainString());
    }

    /** An interpretation code (HL7 ObservationInterpretation). */
    static void interpretation(CdaOut out, Interpretation i) throws XMLStreamException {
        out.empty("interpretationCode");
        out.attr("code", i.code());
        out.attr("displayName", i.displayName());
        out.attr("codeSystem", CodeSystems.OBSERVATION_INTERPRETATION);
    }
}
