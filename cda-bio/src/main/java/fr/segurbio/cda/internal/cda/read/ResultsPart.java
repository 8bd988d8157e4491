package fr.segurbio.cda.internal.cda.read;

import java.time.OffsetDateTime;

import fr.segurbio.cda.Battery;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.ResultValue;

/**
 * Reads the results of an entry: observations (code, value, interpretation, method, performer, previous results,
 * comments, reference range), batteries and isolates with their antibiogram.
 */
public final class ResultsPart {

    private ResultsPart() {
    }

    /**
     * Reads an observation, a battery or an isolate, by its element and class.
     *
     * @param in the reading
     * @param n the {@code observation} or {@code organizer}
     * @return the result
     */
    public static ResultItem item(CdaIn in, Node n) {
        if ("observation".equals(n.name())) {
            return observation(in, n);
        }
        if ("CLUSTER".equals(n.attr("classCode")) || n.path("specimen", "specimenRole") != null) {
            return isolate(in, n);
        }
        return battery(in, n);
    }

    static Battery battery(CdaIn in, Node org) {
        Battery.Builder b = Battery.builder();
        Coding coding = coding(in, org.child("code"));
        if (coding.loinc != null) {
            b.loinc(coding.loinc);
        }
        if (coding.local != null) {
            b.localCode(coding.local);
        }
        String label = coding.label != null ? coding.label : in.sectionTitle;
        if (label != null) {
            b.label(label);
        }
        b.status(ValuesPart.status(org));
        int mark = in.ctx.mark();
        for (Node comp : org.children("component")) {
            Node o = comp.child("observation");
            Node inner = comp.child("organizer");
            Node act = comp.child("act");
            if (o != null || inner != null) {
                ResultItem r = in.repeated(o != null ? o : inner, () -> o != null ? observation(in, o) : item(in, inner));
                if (r != null) {
                    b.item(r);
                }
            } else if (act != null) {
                Comment c = EntriesPart.comment(in, act);
                if (c != null) {
                    b.comment(c);
                }
            }
        }
        if (in.ctx.failedSince(mark)) {
            throw in.ctx.abandon();
        }
        return b.build();
    }

    static Isolate isolate(CdaIn in, Node org) {
        Isolate.Builder i = Isolate.builder();
        Node role = org.path("specimen", "specimenRole");
        if (role != null) {
            InstanceId id = CdaIn.id(role.child("id"));
            if (id != null) {
                i.id(id);
            }
            Node entity = role.path("specimenPlayingEntity", "code");
            if (entity != null) {
                Code organism = CdaIn.code(entity);
                if (organism != null) {
                    i.organism(organism);
                }
                Node translation = entity.child("translation");
                Code taxonomy = CdaIn.code(translation);
                if (taxonomy != null) {
                    i.taxonomy(taxonomy);
                }
                String label = in.narrative.reference(entity.child("originalText"));
                if (label == null && organism != null) {
                    label = organism.displayName();
                }
                if (label == null && organism == null && taxonomy != null) {
                    i.organism(taxonomy);
                    label = taxonomy.displayName();
                }
                if (label != null) {
                    i.label(label);
                }
            }
        }
        OffsetDateTime t = in.time(org.child("effectiveTime"));
        if (t != null) {
            i.time(t);
        }
        int mark = in.ctx.mark();
        for (Node comp : org.children("component")) {
            Node o = comp.child("observation");
            Node battery = comp.child("organizer");
            if (o != null) {
                Observation r = in.repeated(o, () -> observation(in, o));
                if (r != null) {
                    i.observation(r);
                }
            } else if (battery != null) {
                Battery r = in.repeated(battery, () -> battery(in, battery));
                if (r != null) {
                    i.antibiogram(r);
                }
            }
        }
        if (in.ctx.failedSince(mark)) {
            throw in.ctx.abandon();
        }
        return i.build();
    }

    static Observation observation(CdaIn in, Node obs) {
        Observation.Builder o = Observation.builder();
        Coding coding = coding(in, obs.child("code"));
        if (coding.loinc != null) {
            o.loinc(coding.loinc);
        }
        if (coding.local != null) {
            o.localCode(coding.local);
        }
        if (coding.label != null) {
            o.label(coding.label);
        }
        o.status(ValuesPart.status(obs));
        OffsetDateTime t = in.time(obs.child("effectiveTime"));
        if (t != null) {
            o.time(t);
        }
        ResultValue v = ValuesPart.value(in, obs.child("value"));
        if (v != null) {
            o.value(v);
        }
        Interpretation interpretation = ValuesPart.interpretation(obs);
        if (interpretation != null) {
            o.interpretation(interpretation);
        }
        Node method = obs.child("methodCode");
        if (method != null) {
            Code m = CdaIn.code(method);
            if (m != null) {
                o.method(m);
            } else {
                String text = in.narrative.reference(method.child("originalText"));
                if (text != null) {
                    o.methodText(text);
                }
            }
        }
        Node performer = obs.child("performer");
        if (performer != null) {
            o.performer(ParticipantsPart.performer(in, performer));
        }
        for (Node rel : obs.children("entryRelationship")) {
            String type = rel.attr("typeCode");
            Node act = rel.child("act");
            Node previous = rel.child("observation");
            if ("REFR".equals(type) && previous != null) {
                ResultValue pv = ValuesPart.value(in, previous.child("value"));
                o.previousResult(previousResult(in, previous, pv));
            } else if (act != null) {
                Comment c = EntriesPart.comment(in, act);
                if (c != null) {
                    o.comment(c);
                }
            }
        }
        Node range = obs.path("referenceRange", "observationRange");
        if (range != null) {
            ReferenceRange r = referenceRange(in, range);
            if (r != null) {
                o.referenceRange(r);
            }
        }
        return o.build();
    }

    private static ReferenceRange referenceRange(CdaIn in, Node range) {
        Node value = range.child("value");
        ResultValue.Quantity low = value == null ? null : ValuesPart.quantity(in, value.child("low"));
        ResultValue.Quantity high = value == null ? null : ValuesPart.quantity(in, value.child("high"));
        String text = in.narrative.reference(range.child("text"));
        if (low == null && high == null) {
            return null;
        }
        return new ReferenceRange(low, high, text);
    }

    /** A code element read as LOINC code, local code (translation or non-LOINC code) and label. */
    private static Coding coding(CdaIn in, Node code) {
        Coding c = new Coding();
        if (code == null) {
            return c;
        }
        Code main = CdaIn.code(code);
        if (main != null && CodeSystems.LOINC.equals(main.codeSystem())) {
            c.loinc = main;
        } else if (main != null) {
            c.local = main;
        }
        Code t = CdaIn.code(code.child("translation"));
        if (t != null) {
            if (c.loinc == null && CodeSystems.LOINC.equals(t.codeSystem())) {
                c.loinc = t;
            } else if (c.local == null) {
                c.local = t;
            }
        }
        c.label = in.narrative.reference(code.child("originalText"));
        if (c.label == null && main != null) {
            c.label = main.displayName();
        }
        if (c.label == null && c.local != null) {
            c.label = c.local.displayName();
        }
        if (c.label == null && c.loinc != null) {
            c.label = c.loinc.displayName() != null ? c.loinc.displayName() : c.loinc.code();
        }
        if (c.label == null && c.local != null) {
            c.label = c.local.code();
        }
        return c;
    }

    private static final class Coding {
        Code loinc;
        Code local;
        String label;
    }

    /**
     * A previous result; its time when it is no calendar date (month 20…) is kept exactly as written with a
     * {@code CDA-614} warning, never corrected: only the XSD's TS shape is required, as the ANS validation does.
     */
    private static PreviousResult previousResult(CdaIn in, Node previous, ResultValue value) {
        Node time = previous.child("effectiveTime");
        String written = time == null ? null : time.attr("value");
        if (written != null && written.trim().matches("\\d{4,14}(\\.\\d{1,9})?([+-]\\d{2,4})?")) {
            try {
                Hl7Time.parse(written);
            } catch (java.time.DateTimeException e) {
                in.ctx.add(fr.segurbio.core.Problem.of(fr.segurbio.cda.read.CdaReadError.IMPOSSIBLE_DATE,
                        time.xpath() + "/@value", written));
                return PreviousResult.asWritten(written.trim(), value, ValuesPart.interpretation(previous));
            }
        }
        return new PreviousResult(in.time(time), value, ValuesPart.interpretation(previous));
    }
}
