package fr.segurbio.cda.internal.cda.read;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.function.Supplier;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.internal.ReadContext;
import fr.segurbio.cda.read.CdaReadError;
import fr.segurbio.core.Problem;

/**
 * The reading of one CDA document, shared by its read bindings: the {@link ReadContext} (every problem, located by
 * the XPath of the element it is about), the document's {@link Narrative}, and the small data types (identifiers,
 * codes, times, numbers, base64) read so that a malformed one is a coded, bilingual {@code CDA-602} at its place.
 */
public final class CdaIn {

    final ReadContext ctx;
    final Narrative narrative;
    /** The title of the (sub-)chapter being read: the label of a battery that has no code nor text. */
    String sectionTitle;

    /**
     * Starts the reading of a document.
     *
     * @param ctx the context problems are recorded on
     * @param root the element whose narrative the references resolve in (the document, or a fragment of it)
     */
    public CdaIn(ReadContext ctx, Node root) {
        this.ctx = ctx;
        this.narrative = new Narrative(root);
    }

    /** Runs the reading of a part, its problems located at the part's element. */
    <T> T part(Node n, Supplier<T> step) {
        return ctx.at(n.xpath(), step);
    }

    /** Runs the reading of a repeated part, which a lenient reading leaves out (with a warning) when it fails. */
    <T> T repeated(Node n, Supplier<T> step) {
        return ctx.skippable(n.xpath(), step);
    }

    /** Records a problem on an element (or one of its attributes) and gives the exception that abandons the step. */
    RuntimeException fail(Node n, String attribute, String fr, String en) {
        return ctx.fail(n.xpath() + (attribute == null ? "" : "/@" + attribute), CdaReadError.BAD_PART, fr, en,
                n.name());
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

    /** A TS or IVL_TS: its value, else its high bound, else its low bound. */
    OffsetDateTime time(Node n) {
        if (n == null) {
            return null;
        }
        if (n.attr("value") != null) {
            return hl7Time(n);
        }
        Node high = n.child("high");
        if (high != null && high.attr("value") != null) {
            return hl7Time(high);
        }
        Node low = n.child("low");
        if (low != null && low.attr("value") != null) {
            return hl7Time(low);
        }
        return null;
    }

    /** A time read exactly as written: one that is no calendar date is refused (HL7 TS), never corrected. */
    OffsetDateTime hl7Time(Node n) {
        return exactTime(n);
    }

    /** A time read exactly as written: an impossible date is refused, never guessed. */
    OffsetDateTime exactTime(Node n) {
        String value = n.attr("value");
        try {
            return Hl7Time.parse(value);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw badTime(n, value);
        }
    }

    private RuntimeException badTime(Node n, String value) {
        return fail(n, "value", "date HL7 illisible « " + value + " » (type HL7 TS : aaaaMMjj[HHmm[ss]][±HHMM], "
                + "date du calendrier)", "unreadable HL7 date \"" + value + "\" (HL7 TS type: yyyyMMdd[HHmm[ss]][±HHMM], "
                + "a calendar date)");
    }

    /** A decimal attribute; {@code null} when absent. */
    BigDecimal decimal(Node n, String attribute) {
        String v = n == null ? null : n.attr(attribute);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw fail(n, attribute, "nombre illisible « " + v + " » (règle : schéma CDA R2, type real)",
                    "unreadable number \"" + v + "\" (rule: CDA R2 schema, real type)");
        }
    }

    /** An integer attribute; {@code null} when absent. */
    Long integer(Node n, String attribute) {
        String v = n == null ? null : n.attr(attribute);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw fail(n, attribute, "nombre entier illisible « " + v + " » (règle : schéma CDA R2, type int)",
                    "unreadable integer \"" + v + "\" (rule: CDA R2 schema, int type)");
        }
    }

    /**
     * The base64 content of an element, whitespace left out; {@code null} when empty. The content of an
     * {@code observationMedia/value} or a {@code nonXMLBody/text} was decoded by {@link CdaXml} as it was parsed.
     */
    byte[] base64(Node value) {
        if (value.binary != null) {
            // decoded while the document was parsed
            if (value.binary.bad()) {
                throw fail(value, null, "contenu base64 illisible (règle : type HL7 ED, representation B64)",
                        "unreadable base64 content (rule: HL7 ED type, B64 representation)");
            }
            return value.binary.bytes();
        }
        String s = value.doc.stripped(value.textStart, value.textEnd);
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw fail(value, null, "contenu base64 illisible (règle : type HL7 ED, representation B64)",
                    "unreadable base64 content (rule: HL7 ED type, B64 representation)");
        }
    }
}
