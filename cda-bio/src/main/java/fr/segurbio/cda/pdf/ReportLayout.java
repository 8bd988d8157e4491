package fr.segurbio.cda.pdf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Battery;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.CommentSection;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.ResultStatus;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.ins.Ins;

/**
 * Lays a {@link CrBioReport} out on a {@link Canvas}, in the order a biologist expects: lab header, patient
 * (with the INS Datamatrix when the identity is qualified), prescriber, recipients, specimens and dates, results by
 * chapter and sub-chapter, comments, subcontractors, validation.
 */
final class ReportLayout {

    static final float BODY = 8.5f;
    static final float SMALL = 7.5f;
    private static final float GAP = 6f;

    private final Canvas c;
    private final LabStyle style;
    private final CrBioReport report;
    private final PDImageXObject logo;
    private final boolean[][] datamatrix;
    private final float moduleSize;
    private final int text;
    private final int muted;

    ReportLayout(Canvas canvas, LabStyle style, CrBioReport report, PDImageXObject logo, boolean[][] datamatrix,
                 double moduleMillimetres) {
        this.c = canvas;
        this.style = style;
        this.report = report;
        this.logo = logo;
        this.datamatrix = datamatrix;
        this.moduleSize = (float) (moduleMillimetres * Canvas.MM);
        this.text = style.textColor();
        this.muted = style.mutedColor();
    }

    /** The organisation shown in the header: the performing lab's, else the custodian. */
    static Organization lab(CrBioReport report) {
        return report.performingLab().professional().organization().orElse(report.custodian());
    }

    void layout() {
        c.newPage();
        header();
        patient();
        List<String[]> facts = participants();
        facts.addAll(specimens());
        keyValues(facts);
        c.moveDown(GAP);
        for (Chapter chapter : report.chapters()) {
            chapter(chapter);
        }
        for (CommentSection section : report.commentSections()) {
            commentSection(section);
        }
        secondLine();
        validation();
    }

    // ---------------------------------------------------------------- header

    private void header() {
        Organization lab = lab(report);
        float top = c.y();
        float textLeft = c.left;
        float logoHeight = 0;
        if (logo != null) {
            float maxW = 48 * Canvas.MM;
            float maxH = 20 * Canvas.MM;
            float aspect = (float) logo.getWidth() / logo.getHeight();
            float w = Math.min(maxW, maxH * aspect);
            float h = w / aspect;
            c.image(logo, c.left, top - h, w, h);
            textLeft = c.left + w + 10f;
            logoHeight = h;
        }
        float rightBlock = 150f;
        float textWidth = c.right - rightBlock - 10f - textLeft;
        float y = top;
        for (String line : c.wrap(lab.name(), c.bold, 12f, textWidth)) {
            c.lineAt(c.bold, 12f, style.primaryColor(), textLeft, y, line);
            y -= Canvas.lineHeight(12f);
        }
        List<String> details = new ArrayList<>();
        lab.optionalAddress().ifPresent(a -> details.add(Formats.address(a)));
        StringBuilder ids = new StringBuilder();
        Formats.structureId(lab).ifPresent(ids::append);
        Formats.phone(lab.telecoms()).ifPresent(p -> ids.append(ids.length() > 0 ? " — " : "").append("Tél. ").append(p));
        if (ids.length() > 0) {
            details.add(ids.toString());
        }
        for (String d : details) {
            for (String line : c.wrap(d, c.regular, BODY, textWidth)) {
                c.lineAt(c.regular, BODY, text, textLeft, y, line);
                y -= Canvas.lineHeight(BODY);
            }
        }
        // Right: what the document is.
        float ry = top;
        float rx = c.right - rightBlock;
        for (String line : c.wrap("Compte rendu d'examens de biologie médicale", c.bold, 10f, rightBlock)) {
            c.lineAt(c.bold, 10f, style.primaryColor(), rx, ry, line);
            ry -= Canvas.lineHeight(10f);
        }
        List<String> facts = new ArrayList<>();
        report.orderId().ifPresent(id -> facts.add("Dossier n° " + id.optionalExtension().orElse(id.root())));
        facts.add("Édité le " + Formats.dateTime(report.effectiveTime()));
        if (report.reportStatus() == ResultStatus.ACTIVE) {
            facts.add("Compte rendu partiel : résultats en attente");
        }
        if (report.version() > 1) {
            facts.add("Version " + report.version() + " (remplace la précédente)");
        }
        for (String f : facts) {
            for (String line : c.wrap(f, c.regular, SMALL, rightBlock)) {
                c.lineAt(c.regular, SMALL, muted, rx, ry, line);
                ry -= Canvas.lineHeight(SMALL);
            }
        }
        float bottom = Math.min(Math.min(y, ry), top - logoHeight) - 4f;
        c.moveDown(top - bottom);
        c.stroke(style.primaryColor(), 1.2f, c.left, c.y(), c.right, c.y());
        c.moveDown(GAP);
    }

    // ---------------------------------------------------------------- patient

    private void patient() {
        Patient p = report.patient();
        float pad = 6f;
        boolean withCode = datamatrix != null;
        int modules = withCode ? datamatrix.length + 4 : 0; // 2-module quiet zone on each side
        float codeSide = modules * moduleSize;
        float caption = Canvas.lineHeight(SMALL);
        float textWidth = c.width() - 2 * pad - (withCode ? codeSide + 10f : 0);

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Nom de naissance", p.birthFamilyName()});
        p.usedFamilyName().ifPresent(n -> rows.add(new String[] {"Nom utilisé", n}));
        p.birthGivenNames().ifPresent(n -> rows.add(new String[] {"Prénom(s) de naissance", n}));
        p.firstBirthGivenName().ifPresent(n -> rows.add(new String[] {"Premier prénom de naissance", n}));
        p.usedGivenName().ifPresent(n -> rows.add(new String[] {"Prénom utilisé", n}));
        rows.add(new String[] {"Sexe", p.gender().displayName()});
        p.birthDate().ifPresent(d -> rows.add(new String[] {"Date de naissance", Formats.date(d)}));
        if (p.birthPlace().isPresent() || p.birthCity().isPresent()) {
            String place = p.birthCity().orElse("")
                    + p.birthPlace().map(bp -> (p.birthCity().isPresent() ? " " : "") + "(" + bp.code() + ")").orElse("");
            rows.add(new String[] {"Lieu de naissance", place});
        }
        Optional<Ins> ins = p.shareableIns();
        if (ins.isPresent()) {
            rows.add(new String[] {"INS (" + ins.get().authority().label() + ")",
                    Formats.matricule(ins.get().matricule().value())});
            rows.add(new String[] {"Identité", "qualifiée"});
        } else {
            rows.add(new String[] {"INS", "INS non qualifié : identité non qualifiée, le matricule INS n'est pas"
                    + " communiqué et aucun Datamatrix INS n'est imprimé"});
        }
        if (p.localId() != null) {
            rows.add(new String[] {"Identifiant local (IPP)", p.localId().optionalExtension().orElse(p.localId().root())});
        }

        float labelWidth = labelWidth(rows);
        float lh = Canvas.lineHeight(BODY);
        float titleH = Canvas.lineHeight(11f);
        List<List<String>> wrapped = new ArrayList<>();
        float h = titleH + 2f;
        for (String[] r : rows) {
            List<String> lines = c.wrap(r[1], c.bold, BODY, textWidth - labelWidth);
            if (lines.isEmpty()) {
                lines = List.of("");
            }
            wrapped.add(lines);
            h += lines.size() * lh;
        }
        float boxH = Math.max(h, withCode ? codeSide + caption : 0) + 2 * pad;
        c.ensure(boxH);
        float top = c.y();
        c.fill(style.lightColor(), c.left, top - boxH, c.width(), boxH);
        float x = c.left + pad;
        float y = top - pad;
        c.lineAt(c.bold, 11f, style.primaryColor(), x, y, "Patient(e) : " + p.displayName());
        y -= titleH + 2f;
        for (int i = 0; i < rows.size(); i++) {
            boolean warning = rows.get(i)[0].equals("INS") && ins.isEmpty();
            c.lineAt(c.regular, BODY, muted, x, y, rows.get(i)[0]);
            for (String line : wrapped.get(i)) {
                c.lineAt(c.bold, BODY, warning ? style.abnormalColor() : text, x + labelWidth, y, line);
                y -= lh;
            }
        }
        if (withCode) {
            float codeX = c.right - pad - codeSide;
            float codeTop = top - pad;
            // White quiet zone around the symbol, then the dark modules.
            c.fill(0xFFFFFF, codeX, codeTop - codeSide, codeSide, codeSide);
            c.modules(datamatrix, codeX + 2 * moduleSize, codeTop - 2 * moduleSize, moduleSize);
            String cap = "Datamatrix INS";
            float cw = c.textWidth(cap, c.regular, SMALL);
            c.lineAt(c.regular, SMALL, muted, codeX + (codeSide - cw) / 2, codeTop - codeSide - 1f, cap);
        }
        c.moveDown(boxH + GAP);
    }

    // ---------------------------------------------------------------- prescriber, dates

    private List<String[]> participants() {
        List<String[]> rows = new ArrayList<>();
        report.prescriber().ifPresent(pr -> rows.add(new String[] {"Prescripteur", professionalLine(pr.professional())}));
        if (!report.recipients().isEmpty()) {
            String recipients = report.recipients().stream().map(ReportLayout::professionalLine)
                    .collect(Collectors.joining(" ; "));
            rows.add(new String[] {report.recipients().size() == 1 ? "Destinataire" : "Destinataires", recipients});
        }
        report.sampler().ifPresent(s -> rows.add(new String[] {"Préleveur", professionalLine(s.professional())}));
        if (report.encounter() != null && report.encounter().responsible() != null) {
            HealthProfessional resp = report.encounter().responsible();
            rows.add(new String[] {"Responsable de la prise en charge", professionalLine(resp)});
        }
        return rows;
    }

    private static String professionalLine(HealthProfessional p) {
        StringBuilder sb = new StringBuilder(Formats.person(p));
        p.organization().ifPresent(o -> sb.append(" — ").append(o.name()));
        p.address().or(() -> p.organization().flatMap(Organization::optionalAddress))
                .ifPresent(a -> sb.append(", ").append(Formats.address(a)));
        return sb.toString();
    }

    private List<String[]> specimens() {
        Map<String, String[]> seen = new LinkedHashMap<>();
        for (Chapter ch : report.chapters()) {
            for (ResultEntry e : ch.entries()) {
                for (Specimen s : e.specimens()) {
                    String line = s.type().label() + " prélevé le " + Formats.dateTime(s.collected())
                            + s.received().map(r -> ", reçu le " + Formats.dateTime(r)).orElse("");
                    seen.putIfAbsent(line, new String[] {"Prélèvement", line});
                }
            }
        }
        List<String[]> rows = new ArrayList<>(seen.values());
        rows.add(new String[] {"Demande reçue le", Formats.dateTime(report.requestReceived())});
        rows.add(new String[] {"Compte rendu du", Formats.dateTime(report.reportReleased())});
        return rows;
    }

    /** The width of the widest label, plus a gap. */
    private float labelWidth(List<String[]> rows) {
        float w = 0;
        for (String[] r : rows) {
            w = Math.max(w, c.textWidth(c.clean(r[0], c.bold), c.bold, BODY));
        }
        return Math.min(w + 10f, c.width() / 3);
    }

    private void keyValues(List<String[]> rows) {
        float labelWidth = labelWidth(rows);
        float lh = Canvas.lineHeight(BODY);
        for (String[] r : rows) {
            List<String> lines = c.wrap(r[1], c.regular, BODY, c.width() - labelWidth);
            c.ensure(lh * Math.min(lines.size(), 3));
            c.lineAt(c.bold, BODY, muted, c.left, c.y(), r[0]);
            for (String line : lines) {
                c.ensure(lh);
                c.lineAt(c.regular, BODY, text, c.left + labelWidth, c.y(), line);
                c.moveDown(lh);
            }
        }
    }

    // ---------------------------------------------------------------- results

    private static final List<TableWriter.Column> COLUMNS = List.of(
            new TableWriter.Column("Analyse", 30, false),
            new TableWriter.Column("Résultat", 12, true),
            new TableWriter.Column("Unité", 10, false),
            new TableWriter.Column("Interp.", 7, false),
            new TableWriter.Column("Valeurs de référence", 20, false),
            new TableWriter.Column("Antériorités", 21, false));

    private void chapter(Chapter chapter) {
        float barH = Canvas.lineHeight(10f) + 4f;
        c.ensure(barH + 60f);
        c.moveDown(2f);
        c.fill(style.primaryColor(), c.left, c.y() - barH, c.width(), barH);
        c.lineAt(c.bold, 10f, 0xFFFFFF, c.left + 4f, c.y() - 2f, chapter.title().toUpperCase(java.util.Locale.FRENCH));
        c.moveDown(barH + 3f);
        chapter.optionalEntry().ifPresent(this::entry);
        for (SubChapter sub : chapter.subChapters()) {
            float h = Canvas.lineHeight(9.5f);
            c.ensure(h + 50f);
            c.lineAt(c.bold, 9.5f, style.primaryColor(), c.left, c.y(), sub.title());
            c.moveDown(h + 1f);
            entry(sub.entry());
        }
        c.moveDown(GAP);
    }

    private void entry(ResultEntry entry) {
        TableWriter t = new TableWriter(c, COLUMNS, BODY, style.lightColor(), style.primaryColor(), 0xD0D4DA);
        List<Runnable> rows = new ArrayList<>();
        for (ResultItem item : entry.results()) {
            collect(t, item, 0, rows, entry.performer().orElse(null));
        }
        t.begin(Canvas.lineHeight(BODY) * 2 + 2 * TableWriter.PAD_Y);
        rows.forEach(Runnable::run);
        for (Comment comment : entry.comments()) {
            t.note("Commentaire : " + comment.text(), c.regular, BODY, text, 0);
        }
        entry.performer().ifPresent(p -> t.note("Examens réalisés par le laboratoire sous-traitant : "
                + subcontractor(p), c.bold, SMALL, muted, 0));
        entry.validator().ifPresent(v -> t.note("Validé par " + Formats.person(v.professional()) + " le "
                + Formats.dateTime(v.time()), c.regular, SMALL, muted, 0));
        if (!entry.images().isEmpty()) {
            t.note(entry.images().size() + " image(s) jointe(s) au compte rendu structuré : "
                    + captions(entry.images()), c.regular, SMALL, muted, 0);
        }
        t.end();
    }

    private static String subcontractor(Participation p) {
        HealthProfessional pro = p.professional();
        return pro.organization().map(o -> o.name()
                + o.optionalAddress().map(a -> ", " + Formats.address(a)).orElse(""))
                .orElse(Formats.person(pro));
    }

    private static String captions(List<Attachment> attachments) {
        List<String> out = new ArrayList<>();
        for (Attachment a : attachments) {
            out.add(a.caption() != null ? a.caption() : a.mediaType());
        }
        return String.join(", ", out);
    }

    private void collect(TableWriter t, ResultItem item, int depth, List<Runnable> rows, Participation entryPerformer) {
        String indent = "  ".repeat(depth);
        if (item instanceof Observation o) {
            rows.add(() -> observation(t, o, indent, entryPerformer));
        } else if (item instanceof Battery b) {
            rows.add(() -> t.row(List.of(new TableWriter.Cell(indent + b.label(), true, text)), -1));
            for (ResultItem child : b.items()) {
                collect(t, child, depth + 1, rows, entryPerformer);
            }
            for (Comment comment : b.comments()) {
                rows.add(() -> t.note("Commentaire : " + comment.text(), c.regular, BODY, text, 8f * (depth + 1)));
            }
        } else if (item instanceof Isolate iso) {
            rows.add(() -> t.row(List.of(new TableWriter.Cell(indent + "Germe : " + iso.label(), true, text)), -1));
            for (Observation o : iso.observations()) {
                collect(t, o, depth + 1, rows, entryPerformer);
            }
            iso.antibiogram().ifPresent(ab -> collect(t, ab, depth + 1, rows, entryPerformer));
        }
    }

    private void observation(TableWriter t, Observation o, String indent, Participation entryPerformer) {
        boolean abnormal = o.interpretation().map(Formats.ABNORMAL::contains).orElse(false);
        int valueColor = abnormal ? style.abnormalColor() : text;
        String label = indent + o.label();
        if (o.methodText().isPresent()) {
            label += "\n" + indent + "Méthode : " + o.methodText().get();
        } else if (o.method().isPresent() && o.method().get().displayName() != null) {
            label += "\n" + indent + "Méthode : " + o.method().get().displayName();
        }
        String value;
        String unit = "";
        if (o.status() == ResultStatus.ABORTED) {
            value = "Non réalisé";
        } else if (o.value().isPresent()) {
            value = Formats.value(o.value().get());
            unit = Formats.unit(o.value().get());
        } else {
            value = o.status() == ResultStatus.ACTIVE ? "En cours" : "";
        }
        String flag = o.interpretation().map(Interpretation::code).orElse("");
        String range = o.referenceRange().map(Formats::range).orElse("");
        StringBuilder previous = new StringBuilder();
        for (PreviousResult pr : o.previousResults()) {
            if (previous.length() > 0) {
                previous.append('\n');
            }
            previous.append(Formats.value(pr.value()));
            String pu = Formats.unit(pr.value());
            if (!pu.isEmpty() && !pu.equals(unit)) {
                previous.append(' ').append(pu);
            }
            pr.optionalInterpretation().ifPresent(i -> previous.append(' ').append(i.code()));
            previous.append(" (").append(pr.time() != null ? Formats.date(pr.time()) : pr.timeAsWritten()).append(')');
        }
        t.row(List.of(
                new TableWriter.Cell(label, false, text),
                new TableWriter.Cell(value, abnormal, valueColor),
                new TableWriter.Cell(unit, false, text),
                new TableWriter.Cell(flag, abnormal, valueColor),
                new TableWriter.Cell(range, false, muted),
                new TableWriter.Cell(previous.toString(), false, muted)), -1);
        for (Comment comment : o.comments()) {
            t.note(comment.text(), c.regular, SMALL, text, 10f);
        }
        o.performer().filter(p -> !p.equals(entryPerformer)).ifPresent(p -> t.note(
                "Analyse réalisée par le laboratoire sous-traitant : " + subcontractor(p), c.bold, SMALL, muted, 10f));
    }

    // ---------------------------------------------------------------- end of report

    private void commentSection(CommentSection section) {
        float h = Canvas.lineHeight(10f);
        c.ensure(h + Canvas.lineHeight(BODY) * 2);
        c.lineAt(c.bold, 10f, style.primaryColor(), c.left, c.y(), section.title());
        c.moveDown(h + 1f);
        c.paragraph(section.text(), c.regular, BODY, text, 0);
        c.moveDown(GAP);
    }

    private void secondLine() {
        if (report.secondLineResults().isEmpty()) {
            return;
        }
        c.paragraph("Résultats de seconde intention joints au compte rendu structuré : "
                + captions(report.secondLineResults()), c.regular, BODY, text, 0);
        c.moveDown(GAP);
    }

    private void validation() {
        Participation legal = report.legalAuthenticator();
        float lh = Canvas.lineHeight(9f);
        c.ensure(lh * 3 + 4f);
        c.stroke(style.primaryColor(), 0.6f, c.left, c.y(), c.right, c.y());
        c.moveDown(4f);
        c.paragraph("Compte rendu validé par " + Formats.person(legal.professional()) + ", biologiste, le "
                + Formats.dateTime(legal.time()), c.bold, 9f, text, 0);
        for (Participation a : report.authenticators()) {
            if (!a.professional().id().equals(legal.professional().id())) {
                c.paragraph("Résultats validés par " + Formats.person(a.professional()) + " le "
                        + Formats.dateTime(a.time()), c.regular, BODY, text, 0);
            }
        }
    }
}
