package fr.segurbio.dmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import fr.segurbio.cda.Code;
import fr.segurbio.dmp.internal.Requests;
import fr.segurbio.dmp.internal.Responses;
import fr.segurbio.dmp.internal.Xds;

/** The TD3.3 (ITI-57) rules: what an action changes on a document entry, and when it is already done. */
final class ItiUpdates {

    private ItiUpdates() {
    }

    /** Whether the latest version found is no longer current (deleted, or only older versions returned). */
    static boolean isGone(Responses.Found f) {
        DocumentStatus s = f.document().status();
        return s == DocumentStatus.DELETED || s == DocumentStatus.DEPRECATED;
    }

    /** Whether a document is already in the state an action asks for. */
    static boolean done(Responses.Found f, DocumentAction action) {
        DmpDocument d = f.document();
        return switch (action) {
            case ARCHIVE -> d.status() == DocumentStatus.ARCHIVED;
            case UNARCHIVE -> d.status() == DocumentStatus.APPROVED;
            case DELETE -> d.status() == DocumentStatus.DELETED;
            default -> d.status() == DocumentStatus.APPROVED
                    && d.visibility().contains(action.visibility()) == action.restricts();
        };
    }

    static Responses.Found latest(List<Responses.Found> found, String uniqueId) {
        Responses.Found best = null;
        for (Responses.Found f : found) {
            if (f.document().uniqueId().equals(uniqueId)
                    && (best == null || f.document().version() > best.document().version())) {
                best = f;
            }
        }
        return best;
    }

    static boolean apply(Requests.Update u, Responses.Found f, DocumentAction action) {
        DmpDocument d = f.document();
        switch (action) {
            case ARCHIVE -> {
                requireStatus(d, action, DocumentStatus.APPROVED);
                Requests.statusChange(u, d.entryUuid(), Xds.APPROVED, Xds.ARCHIVED);
                return true;
            }
            case UNARCHIVE -> {
                requireStatus(d, action, DocumentStatus.ARCHIVED);
                Requests.statusChange(u, d.entryUuid(), Xds.ARCHIVED, Xds.APPROVED);
                return true;
            }
            case DELETE -> {
                if (d.status() != DocumentStatus.APPROVED && d.status() != DocumentStatus.ARCHIVED) {
                    throw new DmpException(DmpError.BAD_STATE, action, d.uniqueId(), "status " + d.status());
                }
                Requests.statusChange(u, d.entryUuid(), d.status().urn(), Xds.DELETED);
                return true;
            }
            default -> {
                requireStatus(d, action, DocumentStatus.APPROVED);
                Visibility v = action.visibility();
                Set<Visibility> current = d.visibility();
                if (current.contains(v) == action.restricts()) {
                    return false;
                }
                List<Code> conf = new ArrayList<>();
                for (Code c : d.confidentiality()) {
                    if (!(Visibility.CODE_SYSTEM.equals(c.codeSystem()) && v.code().equals(c.code()))) {
                        conf.add(c);
                    }
                }
                if (action.restricts()) {
                    conf.add(Code.of(v.code(), Visibility.CODE_SYSTEM, v.label()));
                }
                Requests.metadataVersion(u, f.element(), d.version(), conf);
                return true;
            }
        }
    }

    private static void requireStatus(DmpDocument d, DocumentAction action, DocumentStatus expected) {
        if (d.status() != expected) {
            throw new DmpException(DmpError.BAD_STATE, action, d.uniqueId(), "status " + d.status());
        }
    }

}
