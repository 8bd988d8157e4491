package fr.segurbio.cda.internal.cda.write;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import fr.segurbio.cda.CdaExtension.Place;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.internal.CrBioVocabulary;

/**
 * The CDA header: the root, the document's ids, codes and templateIds, then every header part in the
 * schema's order, and the service event ({@code documentationOf}) with the performing lab.
 */
final class HeaderPart {

    private HeaderPart() {
    }

    /**
     * Opens the document and writes its header, up to {@code componentOf}.
     *
     * @param out the document's writing
     * @param r the report
     * @param kind N3 or N1 (their templateIds differ)
     * @param id the document id
     * @param setId the set id
     * @param replaced the id of the replaced version, or {@code null}
     * @param stylesheet the stylesheet href, or {@code null}
     */
    static void header(CdaOut out, CrBioReport r, DocumentKind kind, InstanceId id, InstanceId setId,
            InstanceId replaced, String stylesheet) throws XMLStreamException {
        out.startDocument(stylesheet);
        out.empty("realmCode");
        out.attr("code", CrBioVocabulary.REALM_FR);
        out.empty("typeId");
        out.attr("root", CrBioVocabulary.TYPE_ID_ROOT);
        out.attr("extension", CrBioVocabulary.TYPE_ID_EXTENSION);
        out.templateId(CrBioVocabulary.T_HL7_FRANCE);
        out.templateId(CrBioVocabulary.T_CI_SIS);
        if (kind == DocumentKind.N3) {
            out.templateId(CrBioVocabulary.T_XD_LAB);
            if (r.volet().templateExtension().isPresent()) {
                out.templateId(CrBioVocabulary.T_CR_BIO, r.volet().templateExtension().get());
            } else {
                out.templateId(CrBioVocabulary.T_CR_BIO);
            }
        } else {
            out.templateId(CrBioVocabulary.T_XDS_SD);
        }
        out.id("id", id);
        out.code("code", CrBioReport.DOCUMENT_CODE);
        out.element("title", CrBioReport.TITLE);
        out.ts("effectiveTime", r.effectiveTime());
        out.code("confidentialityCode", r.confidentiality().code());
        out.empty("languageCode");
        out.attr("code", r.language());
        out.id("setId", setId);
        out.empty("versionNumber");
        out.attr("value", Integer.toString(r.version()));
        out.extensions(r, Place.HEADER, "copyTime");
        PatientPart.recordTarget(out, r.patient(), r);
        ParticipantsPart.header(out, r);
        if (r.orderId().isPresent()) {
            out.start("inFulfillmentOf");
            out.start("order");
            out.id("id", r.orderId().get());
            out.end();
            out.end();
        }
        out.extensions(r, Place.HEADER, "inFulfillmentOf");
        documentationOf(out, r);
        out.extensions(r, Place.HEADER, "documentationOf");
        if (replaced != null) {
            out.start("relatedDocument");
            out.attr("typeCode", "RPLC");
            out.start("parentDocument");
            out.id("id", replaced);
            out.end();
            out.end();
        }
        out.extensions(r, Place.HEADER, "relatedDocument", "authorization");
        EncounterPart.componentOf(out, r.encounter());
    }

    /**
     * The service events: the first with the request id, lab status, times and performing lab; one per further
     * chapter code.
     */
    static void documentationOf(CdaOut out, CrBioReport r) throws XMLStreamException {
        List<Code> chapters = new ArrayList<>();
        for (Chapter c : r.chapters()) {
            if (chapters.stream().noneMatch(x -> x.code().equals(c.code().code()))) {
                chapters.add(c.code());
            }
        }
        out.start("documentationOf");
        out.start("serviceEvent");
        if (r.requestId().isPresent()) {
            out.id("id", r.requestId().get());
        }
        out.code("code", chapters.get(0));
        out.emptyLab("statusCode");
        out.attr("code", r.reportStatus().code());
        out.start("effectiveTime");
        out.ts("low", r.requestReceived());
        out.ts("high", r.reportReleased());
        out.end();
        Participation lab = r.performingLab();
        out.start("performer");
        out.attr("typeCode", "PRF");
        out.templateId(CrBioVocabulary.T_LAB_PERFORMER);
        out.start("time");
        out.ts("high", lab.time());
        out.end();
        out.start("assignedEntity");
        ParticipantsPart.assigned(out, lab.professional(), "assignedPerson", "representedOrganization", true, true);
        out.end();
        out.end();
        out.end();
        out.end();
        for (int i = 1; i < chapters.size(); i++) {
            out.start("documentationOf");
            out.start("serviceEvent");
            out.code("code", chapters.get(i));
            out.end();
            out.end();
        }
    }
}
