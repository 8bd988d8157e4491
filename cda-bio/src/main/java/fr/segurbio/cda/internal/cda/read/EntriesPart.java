package fr.segurbio.cda.internal.cda.read;

import java.time.OffsetDateTime;

import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.internal.CrBioVocabulary;

/**
 * Reads the entry of a chapter or sub-chapter (the data processing {@code act}): its code, status, subcontracting
 * performer and validator, specimens, results (by {@link ResultsPart}), images and comments.
 */
public final class EntriesPart {

    private EntriesPart() {
    }

    /**
     * Reads an entry.
     *
     * @param in the reading
     * @param act the entry's {@code act}
     * @return the entry
     */
    public static ResultEntry read(CdaIn in, Node act) {
        ResultEntry.Builder e = ResultEntry.builder();
        Code code = CdaIn.code(act.child("code"));
        if (code != null) {
            e.code(code);
        }
        e.status(ValuesPart.status(act));
        Node performer = act.child("performer");
        if (performer != null) {
            e.performer(ParticipantsPart.performer(in, performer));
        }
        for (Node p : act.children("participant")) {
            if ("AUTHEN".equals(p.attr("typeCode"))) {
                e.validator(validator(in, p));
            }
        }
        int image = 0;
        int mark = in.ctx.mark();
        for (Node rel : act.children("entryRelationship")) {
            String type = rel.attr("typeCode");
            Node procedure = rel.child("procedure");
            Node organizer = rel.child("organizer");
            Node observation = rel.child("observation");
            Node media = rel.child("observationMedia");
            Node sub = rel.child("act");
            if (procedure != null) {
                Specimen s = in.repeated(procedure, () -> specimen(in, procedure));
                if (s != null) {
                    e.specimen(s);
                }
            } else if (organizer != null || observation != null) {
                Node item = organizer != null ? organizer : observation;
                ResultItem r = in.repeated(item, () -> ResultsPart.item(in, item));
                if (r != null) {
                    e.result(r);
                }
            } else if (media != null) {
                int n = ++image;
                Attachment a = in.repeated(media, () -> image(in, media, n));
                if (a != null) {
                    e.image(a);
                }
            } else if (sub != null && ("SUBJ".equals(type) || isComment(sub))) {
                Comment c = comment(in, sub);
                if (c != null) {
                    e.comment(c);
                }
            }
        }
        if (in.ctx.failedSince(mark)) {
            throw in.ctx.abandon();
        }
        return e.build();
    }

    private static Specimen specimen(CdaIn in, Node procedure) {
        Specimen.Builder s = Specimen.builder();
        Code act = CdaIn.code(procedure.child("code"));
        if (act != null) {
            s.act(act);
        }
        OffsetDateTime collected = in.time(procedure.child("effectiveTime"));
        if (collected != null) {
            s.collected(collected);
        }
        Code site = CdaIn.code(procedure.child("targetSiteCode"));
        if (site != null) {
            s.site(site);
        }
        for (Node p : procedure.children("participant")) {
            Node role = p.child("participantRole");
            if (role == null) {
                continue;
            }
            InstanceId id = CdaIn.id(role.child("id"));
            if (id != null) {
                s.id(id);
            }
            Code type = CdaIn.code(role.path("playingEntity", "code"));
            if (type != null) {
                s.type(type);
            }
        }
        for (Node rel : procedure.children("entryRelationship")) {
            Node received = rel.child("act");
            if (received != null && received.child("code") != null
                    && CrBioVocabulary.SPECIMEN_RECEIVED.code().equals(received.child("code").attr("code"))) {
                OffsetDateTime t = in.time(received.child("effectiveTime"));
                if (t != null) {
                    s.received(t);
                }
            }
        }
        return s.build();
    }

    private static boolean isComment(Node act) {
        Node code = act.child("code");
        return code != null && CrBioVocabulary.COMMENT_ENTRY.code().equals(code.attr("code"));
    }

    static Comment comment(CdaIn in, Node act) {
        String text = in.narrative.reference(act.child("text"));
        return text == null ? null : Comment.of(text);
    }

    private static Attachment image(CdaIn in, Node media, int n) {
        Node value = media.child("value");
        if (value == null || value.attr("mediaType") == null) {
            return null;
        }
        byte[] data = in.base64(value);
        if (data == null) {
            return null;
        }
        String id = media.attr("ID");
        String caption = id != null && in.narrative.caption(id) != null ? in.narrative.caption(id) : "Image " + n;
        return new Attachment(value.attr("mediaType"), data, caption);
    }

    /** An entry's validator ({@code participant typeCode="AUTHEN"}). */
    static Participation validator(CdaIn in, Node participant) {
        return ParticipantsPart.participation(in, participant, "participantRole", "playingEntity", null);
    }
}
