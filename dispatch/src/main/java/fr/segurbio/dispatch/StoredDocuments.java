package fr.segurbio.dispatch;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.core.SegurException;
import fr.segurbio.dispatch.journal.StoredPublication;
import fr.segurbio.ins.Ins;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The report and the N3 / N1 with their XDS metadata, read back from what the journal stored (the N3 read by
 * cda-bio's reader, the metadata by its XDS projection), so that a sending needs nothing but the journal after a
 * restart. Two small caches avoid reading the same N3 for each channel: by the publication object itself (the
 * dispatcher hands the same one to the three sendings of a report version: nothing is copied nor hashed), then by
 * the N3's hash (a publication read again from the journal).
 */
final class StoredDocuments {

    private static final int CACHE = 64;
    private static final Map<String, StoredDocuments> READ = new ConcurrentHashMap<>();
    /** The last publications read, compared by identity (a {@link StoredPublication} is immutable). */
    private static final int RECENT = 16;
    private static final StoredPublication[] RECENT_KEYS = new StoredPublication[RECENT];
    private static final StoredDocuments[] RECENT_VALUES = new StoredDocuments[RECENT];
    private static int recentNext;

    final CrBioReport report;
    final WrittenDocument n3;
    final WrittenDocument n1;
    final byte[] pdf;

    private StoredDocuments(CrBioReport report, WrittenDocument n3, WrittenDocument n1, byte[] pdf) {
        this.report = report;
        this.n3 = n3;
        this.n1 = n1;
        this.pdf = pdf;
    }

    /**
     * Reads the stored documents.
     *
     * @param p the stored publication ({@code n3}, {@code n1}, {@code pdf})
     * @return the documents
     * @throws SendFailure permanent ({@code DISPATCH-011}) when they cannot be read: retrying cannot fix them
     */
    static StoredDocuments of(StoredPublication p) {
        synchronized (RECENT_KEYS) {
            for (int i = 0; i < RECENT; i++) {
                if (RECENT_KEYS[i] == p) {
                    return RECENT_VALUES[i];
                }
            }
        }
        StoredDocuments d = read(p);
        synchronized (RECENT_KEYS) {
            RECENT_KEYS[recentNext] = p;
            RECENT_VALUES[recentNext] = d;
            recentNext = (recentNext + 1) % RECENT;
        }
        return d;
    }

    private static StoredDocuments read(StoredPublication p) {
        byte[] n3 = p.document("n3");
        String hash = Integer.toHexString(java.util.Arrays.hashCode(n3)) + ":" + n3.length;
        StoredDocuments cached = READ.get(hash);
        if (cached != null && java.util.Arrays.equals(cached.n3.document(), n3)) {
            return cached;
        }
        StoredDocuments d;
        try {
            CrBioReport report = CrBioReader.lenient().read(n3).report();
            byte[] n1 = p.document("n1");
            d = new StoredDocuments(report, new WrittenDocument(n3, XdsProjection.n3(report, n3)),
                    new WrittenDocument(n1, XdsProjection.n1(report, n1)),
                    p.documents().containsKey("pdf") ? p.document("pdf") : new byte[0]);
        } catch (SegurException | IllegalArgumentException e) {
            throw SendFailure.of(false, DispatchError.UNREADABLE_DOCUMENTS.id(),
                    DispatchError.UNREADABLE_DOCUMENTS.englishTemplate().formatted(e.getMessage()), e);
        }
        if (READ.size() >= CACHE) {
            READ.clear();
        }
        READ.put(hash, d);
        return d;
    }

    /**
     * The patient's INS as the N3 carries it (matricule and OID).
     *
     * @return the INS, when the N3 carries a qualified one
     */
    Optional<Ins> ins() {
        return report.patient().shareableIns();
    }
}
