package fr.segurbio.cda.internal.cda.write;

import javax.xml.stream.XMLStreamException;

import fr.segurbio.cda.Battery;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.internal.CrBioVocabulary;

/**
 * The results of an entry: batteries, isolates and observations (with their previous results and reference
 * range), and the comment and subcontractor entries written inside them.
 */
final class ResultsPart {

    private ResultsPart() {
    }

    /** A result item, by its kind. */
    static void item(CdaOut out, ResultItem item, NarrativeIds ids) throws XMLStreamException {
        if (item instanceof Observation o) {
            observation(out, o, ids);
        } else if (item instanceof Battery b) {
            battery(out, b, ids);
        } else if (item instanceof Isolate i) {
            isolate(out, i, ids);
        }
    }

    /** A battery organizer and its components (items, then comments). */
    static void battery(CdaOut out, Battery b, NarrativeIds ids) throws XMLStreamException {
        out.start("organizer");
        out.attr("classCode", "BATTERY");
        out.attr("moodCode", "EVN");
        out.templateId(CrBioVocabulary.T_BATTERY);
        out.templateId(CrBioVocabulary.T_FR_BATTERY);
        out.codeWithText("code", b.loinc().orElse(null), b.localCode().orElse(null), ids.of(b));
        out.statusCode(b.status().code());
        for (ResultItem i : b.items()) {
            out.start("component");
            item(out, i, ids);
            out.end();
        }
        for (Comment c : b.comments()) {
            out.start("component");
            comment(out, c, ids);
            out.end();
        }
        out.end();
    }

    /** An isolate organizer: the organism as specimen, its observations and antibiogram. */
    static void isolate(CdaOut out, Isolate i, NarrativeIds ids) throws XMLStreamException {
        out.start("organizer");
        out.attr("classCode", "CLUSTER");
        out.attr("moodCode", "EVN");
        out.templateId(CrBioVocabulary.T_ISOLATE);
        out.templateId(CrBioVocabulary.T_FR_ISOLATE);
        out.statusCode("completed");
        if (i.time().isPresent()) {
            out.ts("effectiveTime", i.time().get());
        }
        out.start("specimen");
        out.attr("typeCode", "SPC");
        out.start("specimenRole");
        out.attr("classCode", "SPEC");
        if (i.id().isPresent()) {
            out.id("id", i.id().get());
        } else {
            out.uuidId();
        }
        out.start("specimenPlayingEntity");
        out.attr("classCode", "MIC");
        out.codeWithText("code", i.organism(), i.taxonomy().orElse(null), ids.of(i));
        out.end();
        out.end();
        out.end();
        for (Observation o : i.observations()) {
            out.start("component");
            observation(out, o, ids);
            out.end();
        }
        if (i.antibiogram().isPresent()) {
            out.start("component");
            battery(out, i.antibiogram().get(), ids);
            out.end();
        }
        out.end();
    }

    /**
     * An observation: code, status, time, value, interpretation, method, performer, comments, previous results and
     * reference range.
     */
    static void observation(CdaOut out, Observation o, NarrativeIds ids) throws XMLStreamException {
        out.start("observation");
        out.attr("classCode", "OBS");
        out.attr("moodCode", "EVN");
        out.templateId(CrBioVocabulary.T_RESULT);
        out.templateId(CrBioVocabulary.T_FR_RESULT);
        out.codeWithText("code", o.loinc().orElse(null), o.localCode().orElse(null), ids.of(o));
        out.statusCode(o.status().code());
        if (o.time().isPresent()) {
            out.ts("effectiveTime", o.time().get());
        }
        if (o.value().isPresent()) {
            ValuesPart.value(out, o.value().get(), ids.valueOfIfAny(o));
        }
        if (o.interpretation().isPresent()) {
            ValuesPart.interpretation(out, o.interpretation().get());
        }
        if (o.method().isPresent()) {
            out.code("methodCode", o.method().get());
        } else if (o.methodText().isPresent()) {
            out.start("methodCode");
            out.reference("originalText", ids.methodOf(o));
            out.end();
        }
        if (o.performer().isPresent()) {
            subcontractor(out, o.performer().get());
        }
        for (Comment c : o.comments()) {
            out.start("entryRelationship");
            out.attr("typeCode", "SUBJ");
            comment(out, c, ids);
            out.end();
        }
        for (PreviousResult p : o.previousResults()) {
            out.start("entryRelationship");
            out.attr("typeCode", "REFR");
            out.start("observation");
            out.attr("classCode", "OBS");
            out.attr("moodCode", "EVN");
            out.codeWithText("code", o.loinc().orElse(null), o.localCode().orElse(null), null);
            out.statusCode("completed");
            if (p.time() != null) {
                out.ts("effectiveTime", p.time());
            } else {
                out.empty("effectiveTime");
                out.attr("value", p.timeAsWritten());
            }
            ValuesPart.value(out, p.value(), null);
            if (p.interpretation() != null) {
                ValuesPart.interpretation(out, p.interpretation());
            }
            out.end();
            out.end();
        }
        if (o.referenceRange().isPresent()) {
            ReferenceRange r = o.referenceRange().get();
            out.start("referenceRange");
            out.attr("typeCode", "REFV");
            out.start("observationRange");
            out.attr("classCode", "OBS");
            out.attr("moodCode", "EVN.CRT");
            if (r.text() != null) {
                out.element("text", r.text());
            }
            out.start("value");
            out.xsiType("IVL_PQ");
            if (r.low() != null) {
                ValuesPart.pq(out, "low", r.low(), null);
            }
            if (r.high() != null) {
                ValuesPart.pq(out, "high", r.high(), null);
            }
            out.end();
            ValuesPart.interpretation(out, Interpretation.N);
            out.end();
            out.end();
        }
        out.end();
    }

    /** The lab a result was subcontracted to ({@code performer}). */
    static void subcontractor(CdaOut out, Participation p) throws XMLStreamException {
        out.start("performer");
        out.attr("typeCode", "PRF");
        out.templateId(CrBioVocabulary.T_LAB_PERFORMER);
        out.templateId(CrBioVocabulary.T_FR_SUBCONTRACTOR);
        out.ts("time", p.time());
        out.start("assignedEntity");
        ParticipantsPart.assigned(out, p.professional(), "assignedPerson", "representedOrganization", false, true);
        out.end();
        out.end();
    }

    /** A comment entry pointing at its narrative text. */
    static void comment(CdaOut out, Comment c, NarrativeIds ids) throws XMLStreamException {
        out.start("act");
        out.attr("classCode", "ACT");
        out.attr("moodCode", "EVN");
        out.templateId(CrBioVocabulary.T_CCD_COMMENT);
        out.templateId(CrBioVocabulary.T_PCC_COMMENT);
        out.templateId(CrBioVocabulary.T_FR_COMMENT);
        out.code("code", CrBioVocabulary.COMMENT_ENTRY);
        out.reference("text", ids.of(c));
        out.statusCode("completed");
        out.end();
    }
}
