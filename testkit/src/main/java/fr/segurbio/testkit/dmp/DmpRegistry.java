package fr.segurbio.testkit.dmp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Element;

/**
 * The simulator's in-memory registry and repository: every version of every document entry, by entryUUID, with
 * the document bytes; the patients the test set up; the count of submissions per uniqueId. Every method that
 * reads or changes entries runs under the registry's lock, so that one submission is applied whole or not at all.
 */
final class DmpRegistry {

    /** One stored version of a document entry. Mutable only under the registry's lock. */
    static final class Entry {
        String entryUuid;
        String lid;
        int version;
        String uniqueId;
        String patientId;
        DmpDocument.Status status;
        DmpDocument.Kind kind;
        List<String> confidentiality;
        String classCode;
        String typeCode;
        String formatCode;
        String mimeType;
        String authorStructure;
        String submissionSetUniqueId;
        String replaces;
        String transformOf;
        byte[] content;
        /** The stored ExtrinsicObject, in the registry's own document, with id, lid, status and slots set. */
        Element metadata;

        DmpDocument snapshot() {
            return new DmpDocument(entryUuid, lid, version, uniqueId, patientId, status, kind, confidentiality,
                    classCode, typeCode, formatCode, mimeType, authorStructure, submissionSetUniqueId, replaces,
                    transformOf, content);
        }
    }

    private final Map<String, Entry> byUuid = new LinkedHashMap<>();
    private final Map<String, List<Entry>> byUniqueId = new HashMap<>();
    private final Set<String> submissionSets = new HashSet<>();
    private final Map<String, DmpPatient> patients = new ConcurrentHashMap<>();
    private final Map<String, Integer> submissions = new ConcurrentHashMap<>();
    private final Map<String, Integer> accepted = new ConcurrentHashMap<>();

    DmpPatient patient(String matricule) {
        return patients.computeIfAbsent(matricule, DmpPatient::new);
    }

    DmpPatient knownPatient(String matricule) {
        return patients.get(matricule);
    }

    /**
     * A copy of a request's metadata for the registry to keep, in a document of its own: it can be made before the
     * registry is locked, and stored entries share no DOM between threads.
     */
    Element adopt(Element metadata) {
        return (Element) DmpXml.newDocument().importNode(metadata, true);
    }

    void countSubmission(String uniqueId) {
        submissions.merge(uniqueId, 1, Integer::sum);
    }

    void countAccepted(String uniqueId) {
        accepted.merge(uniqueId, 1, Integer::sum);
    }

    int submissions(String uniqueId) {
        return submissions.getOrDefault(uniqueId, 0);
    }

    int accepted(String uniqueId) {
        return accepted.getOrDefault(uniqueId, 0);
    }

    synchronized void put(Entry e) {
        byUuid.put(e.entryUuid, e);
        byUniqueId.computeIfAbsent(e.uniqueId, k -> new ArrayList<>()).add(e);
    }

    /** Records a submission set's uniqueId; {@code false} when it was already used. */
    synchronized boolean addSubmissionSet(String uniqueId) {
        return submissionSets.add(uniqueId);
    }

    synchronized boolean hasSubmissionSet(String uniqueId) {
        return submissionSets.contains(uniqueId);
    }

    synchronized Entry byUuid(String uuid) {
        return byUuid.get(uuid);
    }

    /** Every version with this uniqueId, oldest first. */
    synchronized List<Entry> byUniqueId(String uniqueId) {
        return new ArrayList<>(byUniqueId.getOrDefault(uniqueId, List.of()));
    }

    /** The newest version of the logical entry, or {@code null}. */
    synchronized Entry current(String lid) {
        Entry best = null;
        for (Entry e : byUuid.values()) {
            if (e.lid.equals(lid) && (best == null || e.version > best.version)) {
                best = e;
            }
        }
        return best;
    }

    /** The newest version of the document with this uniqueId, or {@code null}. */
    synchronized Entry currentByUniqueId(String uniqueId) {
        Entry best = null;
        for (Entry e : byUniqueId.getOrDefault(uniqueId, List.of())) {
            if (best == null || e.version > best.version) {
                best = e;
            }
        }
        return best;
    }

    synchronized List<Entry> all() {
        return new ArrayList<>(byUuid.values());
    }

    synchronized List<DmpDocument> snapshots(String matricule) {
        List<DmpDocument> out = new ArrayList<>();
        for (Entry e : byUuid.values()) {
            String[] ins = VihfVerifier.parseInsCx(e.patientId);
            if (ins != null && ins[0].equals(matricule)) {
                out.add(e.snapshot());
            }
        }
        return out;
    }

    synchronized String serialize(Element metadata) {
        return DmpXml.serialize(metadata);
    }

    synchronized void clear() {
        byUuid.clear();
        byUniqueId.clear();
        submissionSets.clear();
        submissions.clear();
        accepted.clear();
    }
}
