package fr.segurbio.cda.internal.cda.write;

import javax.xml.stream.XMLStreamException;

import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.internal.CrBioVocabulary;

/**
 * A chapter's result entry (the IHE data processing entry act): the subcontracting lab, the validator,
 * the specimens and their reception, the results, images and comments.
 */
final class EntriesPart {

    private EntriesPart() {
    }

    /** A result entry: the data processing act and everything it holds, with the narrative's IDs. */
    static void entry(CdaOut out, ResultEntry e, NarrativeIds ids) throws XMLStreamException {
        out.start("entry");
        out.attr("typeCode", "DRIV");
        out.templateId(CrBioVocabulary.T_DATA_PROCESSING_ENTRY);
        out.templateId(CrBioVocabulary.T_FR_DATA_PROCESSING_ENTRY);
        out.start("act");
        out.attr("classCode", "ACT");
        out.attr("moodCode", "EVN");
        out.code("code", e.code());
        out.statusCode(e.status().code());
        if (e.performer().isPresent()) {
            ResultsPart.subcontractor(out, e.performer().get());
        }
        if (e.validator().isPresent()) {
            Participation v = e.validator().get();
            out.start("participant");
            out.attr("typeCode", "AUTHEN");
            out.templateId(CrBioVocabulary.T_AUTHENTICATOR);
            out.templateId(CrBioVocabulary.T_FR_VALIDATOR);
            out.start("time");
            out.ts("high", v.time());
            out.end();
            out.start("participantRole");
            HealthProfessional hp = v.professional();
            out.id("id", hp.id());
            out.addr(hp.address().orElse(null), "UNK");
            out.telecoms(hp.telecoms(), "UNK");
            out.start("playingEntity");
            out.name(hp.name());
            out.end();
            out.end();
            out.end();
        }
        for (Specimen s : e.specimens()) {
            out.start("entryRelationship");
            out.attr("typeCode", "COMP");
            specimen(out, s);
            out.end();
        }
        for (ResultItem item : e.results()) {
            out.start("entryRelationship");
            out.attr("typeCode", "COMP");
            ResultsPart.item(out, item, ids);
            out.end();
        }
        for (Attachment image : e.images()) {
            out.start("entryRelationship");
            out.attr("typeCode", "COMP");
            out.start("observationMedia");
            out.attr("classCode", "OBS");
            out.attr("moodCode", "EVN");
            out.attr("ID", ids.of(image));
            out.templateId(CrBioVocabulary.T_OBSERVATION_MEDIA);
            out.templateId(CrBioVocabulary.T_FR_OBSERVATION_MEDIA);
            out.start("value");
            out.attr("mediaType", image.mediaType());
            out.attr("representation", "B64");
            out.base64(image.data());
            out.end();
            out.end();
            out.end();
        }
        for (Comment c : e.comments()) {
            out.start("entryRelationship");
            out.attr("typeCode", "SUBJ");
            ResultsPart.comment(out, c, ids);
            out.end();
        }
        out.end();
        out.end();
    }

    /** A specimen collection procedure, with the reception act when the specimen's reception is known. */
    static void specimen(CdaOut out, Specimen s) throws XMLStreamException {
        out.start("procedure");
        out.attr("classCode", "PROC");
        out.attr("moodCode", "EVN");
        out.templateId(CrBioVocabulary.T_SPECIMEN_COLLECTION);
        out.templateId(CrBioVocabulary.T_FR_SPECIMEN_COLLECTION);
        if (s.act().isPresent()) {
            out.code("code", s.act().get());
        }
        out.ts("effectiveTime", s.collected());
        if (s.site().isPresent()) {
            out.code("targetSiteCode", s.site().get());
        }
        out.start("participant");
        out.attr("typeCode", "PRD");
        out.start("participantRole");
        out.attr("classCode", "SPEC");
        if (s.id().isPresent()) {
            out.id("id", s.id().get());
        } else {
            out.uuidId();
        }
        out.start("playingEntity");
        out.code("code", s.type());
        out.end();
        out.end();
        out.end();
        if (s.received().isPresent()) {
            out.start("entryRelationship");
            out.attr("typeCode", "COMP");
            out.start("act");
            out.attr("classCode", "ACT");
            out.attr("moodCode", "EVN");
            out.templateId(CrBioVocabulary.T_SPECIMEN_RECEIVED);
            out.templateId(CrBioVocabulary.T_FR_SPECIMEN_RECEIVED);
            out.code("code", CrBioVocabulary.SPECIMEN_RECEIVED);
            out.ts("effectiveTime", s.received().get());
            out.end();
            out.end();
        }
        out.end();
    }
}
