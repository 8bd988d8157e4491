package fr.segurbio.cda.internal.cda.read;

import java.time.OffsetDateTime;
import java.util.List;

import fr.segurbio.cda.CdaExtension;
import fr.segurbio.cda.Confidentiality;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.VoletVersion;
import fr.segurbio.cda.internal.CrBioVocabulary;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.ResultStatus;

/**
 * Reads the document's own header: its identifiers, version, time, confidentiality, language, the version it
 * replaces, the order it fulfils and the service event (request, report status, reception and release times).
 */
public final class HeaderPart {

    private HeaderPart() {
    }

    /**
     * Reads the document's own header into the builder.
     *
     * @param in the reading
     * @param root the {@code ClinicalDocument}
     * @param b the report being read
     */
    public static void read(CdaIn in, Node root, CrBioReport.Builder b) {
        for (Node t : root.children("templateId")) {
            if (CrBioVocabulary.T_CR_BIO.equals(t.attr("root"))) {
                VoletVersion.of(t.attr("extension")).ifPresent(b::volet);
            }
        }
        Node id = root.child("id");
        if (id != null) {
            b.id(in.part(id, () -> CdaIn.id(id)));
        }
        Node setId = root.child("setId");
        if (setId != null) {
            b.setId(in.part(setId, () -> CdaIn.id(setId)));
        }
        Node version = root.child("versionNumber");
        Long v = version == null ? null : in.part(version, () -> in.integer(version, "value"));
        b.version(v == null ? 1 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
        Node time = root.child("effectiveTime");
        if (time != null) {
            b.effectiveTime(in.part(time, () -> in.time(time)));
        }
        Node conf = root.child("confidentialityCode");
        if (conf != null && conf.attr("code") != null) {
            b.confidentiality(in.part(conf, () -> confidentiality(in, conf)));
        }
        Node lang = root.child("languageCode");
        if (lang != null && lang.attr("code") != null) {
            b.language(lang.attr("code"));
        }
        boolean replaces = false;
        for (Node rel : root.children("relatedDocument")) {
            Node parent = rel.path("parentDocument", "id");
            if (!replaces && "RPLC".equals(rel.attr("typeCode")) && parent != null) {
                replaces = true;
                b.replaces(in.part(parent, () -> CdaIn.id(parent)));
            } else {
                Extensions.keep(in, rel, CdaExtension.Place.HEADER, b, "relatedDocument typeCode="
                        + rel.attr("typeCode"));
            }
        }
        List<Node> orders = root.children("inFulfillmentOf");
        Node order = orders.isEmpty() ? null : orders.get(0).path("order", "id");
        if (order != null) {
            InstanceId orderId = in.part(order, () -> CdaIn.id(order));
            if (orderId != null) {
                b.orderId(orderId);
            }
        }
        for (int i = order == null ? 0 : 1; i < orders.size(); i++) {
            Extensions.keep(in, orders.get(i), CdaExtension.Place.HEADER, b, "inFulfillmentOf");
        }
        List<Node> docOf = root.children("documentationOf");
        Node se = docOf.isEmpty() ? null : docOf.get(0).child("serviceEvent");
        if (se != null) {
            serviceEvent(in, se, b);
        }
        List<String> written = chapterEventCodes(root);
        for (int i = se == null ? 0 : 1; i < docOf.size(); i++) {
            String code = chapterEventCode(docOf.get(i));
            if (code == null || written != null && !written.remove(code)) {
                Extensions.keep(in, docOf.get(i), CdaExtension.Place.HEADER, b, "documentationOf"
                        + (code == null ? "" : " (serviceEvent " + code + ")"));
            }
        }
    }

    /**
     * The codes of the further service events the writer writes from the chapters: one per distinct chapter code
     * after the first chapter's (which the first service event carries); {@code null} when there is no structured
     * body to tell (a header read alone), every service event with a code only then counting as one of them.
     */
    private static List<String> chapterEventCodes(Node root) {
        List<String> codes = new java.util.ArrayList<>();
        Node body = root.path("component", "structuredBody");
        if (body == null) {
            return null;
        }
        for (Node comp : body.children("component")) {
            Node section = comp.child("section");
            Node code = section == null ? null : section.child("code");
            if (code != null && section.hasTemplate(CrBioVocabulary.T_CHAPTER) && code.attr("code") != null
                    && !codes.contains(code.attr("code"))) {
                codes.add(code.attr("code"));
            }
        }
        return codes.isEmpty() ? codes : new java.util.ArrayList<>(codes.subList(1, codes.size()));
    }

    /**
     * The code of a further {@code documentationOf} shaped as the writer writes one from a chapter (a service
     * event with a code only), or {@code null} when it says more.
     */
    private static String chapterEventCode(Node documentationOf) {
        if (documentationOf.attributes.length > 0 || documentationOf.elements().size() != 1) {
            return null;
        }
        Node se = documentationOf.child("serviceEvent");
        if (se == null || se.elements().size() != 1 || se.child("code") == null) {
            return null;
        }
        for (int i = 0; i < se.attributes.length; i += 3) {
            String name = se.attributes[i + 1];
            if (!se.attributes[i].isEmpty() || !("classCode".equals(name) || "moodCode".equals(name))) {
                return null;
            }
        }
        Node code = se.child("code");
        return code.elements().isEmpty() ? code.attr("code") : null;
    }

    private static void serviceEvent(CdaIn in, Node se, CrBioReport.Builder b) {
        Node request = se.child("id");
        InstanceId requestId = request == null ? null : in.part(request, () -> CdaIn.id(request));
        if (requestId != null) {
            b.requestId(requestId);
        }
        Node status = se.child(Node.LAB, "statusCode");
        if (status != null && status.attr("code") != null) {
            ResultStatus s = in.part(status, () -> ResultStatus.fromCode(status.attr("code")));
            if (s != null) {
                b.reportStatus(s);
            }
        }
        Node et = se.child("effectiveTime");
        if (et != null) {
            Node lowNode = et.child("low");
            Node highNode = et.child("high");
            OffsetDateTime low = lowNode == null ? null : in.part(lowNode, () -> in.time(lowNode));
            OffsetDateTime high = highNode == null ? null : in.part(highNode, () -> in.time(highNode));
            if (low != null) {
                b.requestReceived(low);
            }
            if (high != null) {
                b.reportReleased(high);
            }
        }
        Node performer = se.child("performer");
        if (performer != null) {
            b.performingLab(in.part(performer, () -> ParticipantsPart.participation(in, performer,
                    "assignedEntity", "assignedPerson", "representedOrganization")));
        }
    }

    private static Confidentiality confidentiality(CdaIn in, Node conf) {
        String code = conf.attr("code");
        for (Confidentiality c : Confidentiality.values()) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        throw in.fail(conf, "code", "code de confidentialité « " + code + " » inconnu (N, R ou V ; règle : CI-SIS "
                + "en-tête, confidentialityCode du JDV HL7 Confidentiality)", "unknown confidentiality code \"" + code
                + "\" (N, R or V; rule: CI-SIS header, confidentialityCode from the HL7 Confidentiality value set)");
    }
}
