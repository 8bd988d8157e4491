package fr.segurbio.cda.internal.cda.read;

import java.math.BigDecimal;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.ResultStatus;
import fr.segurbio.cda.ResultValue;

/**
 * Reads a result's value by its {@code xsi:type} (PQ, IVL_PQ, CD/CE/CV/CO, ST/ED, RTO, BL, INT, REAL), its
 * interpretation and status.
 */
public final class ValuesPart {

    private static final String TYPES = "PQ, IVL_PQ, CD, CE, CV, CO, ST, ED, RTO, BL, INT, REAL";

    private ValuesPart() {
    }

    /**
     * Reads a value by its {@code xsi:type}.
     *
     * @param in the reading
     * @param v the {@code value}
     * @return the value, or {@code null} when it is empty
     */
    public static ResultValue value(CdaIn in, Node v) {
        if (v == null || v.nullFlavored() && v.attr("value") == null && v.elements().isEmpty()) {
            return null;
        }
        String type = v.xsiType();
        if (type == null) {
            type = "ANY";
        }
        switch (type) {
            case "PQ":
                return quantity(in, v);
            case "IVL_PQ": {
                ResultValue.Quantity low = quantity(in, v.child("low"));
                ResultValue.Quantity high = quantity(in, v.child("high"));
                return new ResultValue.QuantityRange(low, high, inclusive(v.child("low")), inclusive(v.child("high")));
            }
            case "CD", "CE", "CV", "CO": {
                Code c = CdaIn.code(v);
                String text = in.narrative.reference(v.child("originalText"));
                if (c == null && text == null) {
                    text = v.attr("displayName");
                }
                return new ResultValue.Coded(c, text, "CO".equals(type));
            }
            case "ST", "ED":
                return v.text() == null ? null : new ResultValue.Text(v.text());
            case "RTO", "RTO_PQ_PQ", "RTO_INT_INT": {
                BigDecimal num = in.decimal(v.child("numerator"), "value");
                BigDecimal den = in.decimal(v.child("denominator"), "value");
                return num == null || den == null ? null : new ResultValue.Ratio(num, den);
            }
            case "BL": {
                String b = v.attr("value");
                if (b == null) {
                    return null;
                }
                if (!"true".equals(b) && !"false".equals(b)) {
                    throw in.fail(v, "value", "booléen illisible « " + b + " » (true ou false ; règle : type HL7 BL)",
                            "unreadable boolean \"" + b + "\" (true or false; rule: HL7 BL type)");
                }
                return new ResultValue.Bool(Boolean.parseBoolean(b));
            }
            case "INT": {
                Long i = in.integer(v, "value");
                return i == null ? null : new ResultValue.Int(i);
            }
            case "REAL": {
                BigDecimal r = in.decimal(v, "value");
                return r == null ? null : new ResultValue.Real(r);
            }
            default:
                throw in.fail(v, "xsi:type", "type de valeur « " + type + " » non pris en charge (" + TYPES
                        + ") : limite du modèle, pas une règle du volet", "value type \"" + type
                        + "\" is not supported (" + TYPES + "): a limit of the model, not a volet rule");
        }
    }

    private static boolean inclusive(Node bound) {
        return bound == null || !"false".equals(bound.attr("inclusive"));
    }

    static ResultValue.Quantity quantity(CdaIn in, Node pq) {
        BigDecimal v = pq == null ? null : in.decimal(pq, "value");
        return v == null ? null : new ResultValue.Quantity(v, pq.attr("unit"));
    }

    static Interpretation interpretation(Node obs) {
        Node i = obs.child("interpretationCode");
        return i == null || i.attr("code") == null ? null : Interpretation.fromCode(i.attr("code"));
    }

    static ResultStatus status(Node n) {
        Node s = n.child("statusCode");
        return s == null || s.attr("code") == null ? null : ResultStatus.fromCode(s.attr("code"));
    }
}
