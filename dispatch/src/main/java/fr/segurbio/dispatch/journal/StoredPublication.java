package fr.segurbio.dispatch.journal;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the journal keeps of a report version so that any node can send it after a restart: its documents (N3,
 * N1, PDF) and a few properties (the patient's INS, the hold, the replaced version...).
 *
 * <pre>{@code
 * journal.store("CR-42", 1, new StoredPublication(Map.of("ins", ins), Map.of("n3", n3Bytes, "n1", n1Bytes)));
 * byte[] n3 = journal.stored("CR-42", 1).orElseThrow().document("n3");
 * }</pre>
 *
 * @param properties the properties, by name
 * @param documents the documents, by name
 */
public record StoredPublication(Map<String, String> properties, Map<String, byte[]> documents) {

    /**
     * Copies the maps.
     *
     * @param properties the properties
     * @param documents the documents
     */
    public StoredPublication {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        TreeMap<String, byte[]> copy = new TreeMap<>();
        documents.forEach((k, v) -> copy.put(k, v.clone()));
        documents = Collections.unmodifiableMap(copy);
    }

    /**
     * One document.
     *
     * @param name its name
     * @return a copy of its bytes
     * @throws IllegalArgumentException when there is no such document
     */
    public byte[] document(String name) {
        byte[] b = documents.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no document " + name + " (have " + documents.keySet() + ")");
        }
        return b.clone();
    }

    /**
     * One property.
     *
     * @param name its name
     * @return its value, or {@code null}
     */
    public String property(String name) {
        return properties.get(Objects.requireNonNull(name, "name"));
    }
}
