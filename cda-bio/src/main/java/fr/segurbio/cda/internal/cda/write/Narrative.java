package fr.segurbio.cda.internal.cda.write;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLStreamException;

import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Battery;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Specimen;

/**
 * The narrative of a result entry: specimens, the results table, comments, images and validation, with
 * the IDs the entries refer to ({@link NarrativeIds}).
 */
final class Narrative {

    private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.ROOT);

    private Narrative() {
    }

    /** The narrative ({@code text}) of a result entry, asking {@code ids} for the IDs the entries will refer to. */
    static void narrative(CdaOut out, ResultEntry e, NarrativeIds ids) throws XMLStreamException {
        out.start("text");
        for (Specimen s : e.specimens()) {
            StringBuilder b = new StringBuilder("Prélèvement : ").append(s.type().label());
            s.site().ifPresent(site -> b.append(" (").append(site.label()).append(')'));
            b.append(", prélevé le ").append(SHOW.format(s.collected()));
            s.received().ifPresent(t -> b.append(", reçu le ").append(SHOW.format(t)));
            out.element("paragraph", b.toString());
        }
        if (e.performer().isPresent()) {
            out.element("paragraph", "Examens réalisés par " + labName(e.performer().get()));
        }
        out.start("table");
        out.attr("border", "0");
        out.start("thead");
        out.start("tr");
        for (String h : new String[] {"Examen", "Résultat", "Valeurs de référence", "Interprétation",
            "Antériorités"}) {
            out.element("th", h);
        }
        out.end();
        out.end();
        out.start("tbody");
        for (ResultItem item : e.results()) {
            rows(out, item, ids);
        }
        out.end();
        out.end();
        for (Comment c : e.comments()) {
            out.start("paragraph");
            out.start("content");
            out.attr("ID", ids.of(c));
            out.text(c.text());
            out.end();
            out.end();
        }
        for (Attachment image : e.images()) {
            out.start("renderMultiMedia");
            out.attr("referencedObject", ids.of(image));
            out.element("caption", image.caption());
            out.end();
        }
        if (e.validator().isPresent()) {
            Participation v = e.validator().get();
            out.element("paragraph", "Résultats validés par " + v.professional().name().display() + " le "
                    + SHOW.format(v.time()));
        }
        out.end();
    }

    private static String labName(Participation p) {
        return p.professional().organization().map(Organization::name).orElse(p.professional().name().display());
    }

    /** The table rows of a result item: a heading row for a battery or isolate, then its results. */
    static void rows(CdaOut out, ResultItem item, NarrativeIds ids) throws XMLStreamException {
        if (item instanceof Observation o) {
            observationRow(out, o, ids);
        } else if (item instanceof Battery b) {
            headingRow(out, ids.of(b), b.label());
            for (ResultItem i : b.items()) {
                rows(out, i, ids);
            }
            commentRows(out, b.comments(), ids);
        } else if (item instanceof Isolate i) {
            headingRow(out, ids.of(i), i.label());
            for (Observation o : i.observations()) {
                observationRow(out, o, ids);
            }
            if (i.antibiogram().isPresent()) {
                rows(out, i.antibiogram().get(), ids);
            }
        }
    }

    /** A bold row spanning the table. */
    static void headingRow(CdaOut out, String id, String label) throws XMLStreamException {
        out.start("tr");
        out.start("td");
        out.attr("colspan", "5");
        out.start("content");
        out.attr("ID", id);
        out.attr("styleCode", "Bold");
        out.text(label);
        out.end();
        out.end();
        out.end();
    }

    /** One italic row per comment. */
    static void commentRows(CdaOut out, List<Comment> comments, NarrativeIds ids) throws XMLStreamException {
        for (Comment c : comments) {
            out.start("tr");
            out.start("td");
            out.attr("colspan", "5");
            out.start("content");
            out.attr("ID", ids.of(c));
            out.attr("styleCode", "Italics");
            out.text(c.text());
            out.end();
            out.end();
            out.end();
        }
    }

    /** The row of one observation: label and method, value, reference range, interpretation, previous results. */
    static void observationRow(CdaOut out, Observation o, NarrativeIds ids) throws XMLStreamException {
        out.start("tr");
        out.start("td");
        out.start("content");
        out.attr("ID", ids.of(o));
        out.text(o.label());
        out.end();
        if (o.methodText().isPresent() || o.method().isPresent()) {
            out.empty("br");
            out.start("content");
            out.attr("ID", ids.methodOf(o));
            out.attr("styleCode", "Italics");
            out.text(o.methodText().orElseGet(() -> o.method().get().label()));
            out.end();
        }
        if (o.performer().isPresent()) {
            out.empty("br");
            out.text("Réalisé par " + labName(o.performer().get()));
        }
        out.end();
        out.start("td");
        if (o.value().isEmpty()) {
            out.text("Non réalisé");
        } else if (o.value().get() instanceof ResultValue.Coded c && c.code() == null) {
            out.start("content");
            out.attr("ID", ids.valueOf(o));
            out.text(c.display());
            out.end();
        } else {
            ResultValue v = o.value().get();
            if (o.interpretation().isPresent() && o.interpretation().get() != Interpretation.N) {
                out.start("content");
                out.attr("styleCode", "Bold");
                out.text(v.display());
                out.end();
            } else {
                out.text(v.display());
            }
        }
        out.end();
        out.element("td", o.referenceRange().map(ReferenceRange::display).orElse(""));
        out.element("td", o.interpretation().map(Interpretation::displayName).orElse(""));
        out.start("td");
        boolean first = true;
        for (PreviousResult p : o.previousResults()) {
            if (!first) {
                out.empty("br");
            }
            first = false;
            out.text((p.time() != null ? SHOW.format(p.time()) : p.timeAsWritten()) + " : " + p.value().display());
        }
        out.end();
        out.end();
        commentRows(out, o.comments(), ids);
    }
}
