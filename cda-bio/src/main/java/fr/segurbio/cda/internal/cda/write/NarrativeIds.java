package fr.segurbio.cda.internal.cda.write;

import java.util.IdentityHashMap;
import java.util.Map;

import fr.segurbio.cda.Battery;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;

/**
 * The narrative IDs of one result entry, given in the same order to the narrative and to the entries: the
 * narrative ({@link Narrative}) asks for them first, the entries then find the same ones.
 */
final class NarrativeIds {

    private final Map<Object, String> ids = new IdentityHashMap<>();
    private final Map<Object, String> values = new IdentityHashMap<>();
    private final Map<Object, String> methods = new IdentityHashMap<>();
    private final CdaOut out;

    NarrativeIds(CdaOut out) {
        this.out = out;
    }

    /** The ID of a result, battery, isolate, comment or image ({@code res-1}, {@code bat-2}…). */
    String of(Object o) {
        return ids.computeIfAbsent(o, k -> out.nextId(prefix(k)));
    }

    /** The ID of the text of a text-only coded value. */
    String valueOf(Observation o) {
        return values.computeIfAbsent(o, k -> out.nextId("val"));
    }

    /** The ID of a text-only coded value, when the narrative gave one. */
    String valueOfIfAny(Observation o) {
        return values.get(o);
    }

    /** The ID of the text of a method. */
    String methodOf(Observation o) {
        return methods.computeIfAbsent(o, k -> out.nextId("met"));
    }

    private static String prefix(Object o) {
        if (o instanceof Observation) {
            return "res";
        }
        if (o instanceof Battery) {
            return "bat";
        }
        if (o instanceof Isolate) {
            return "iso";
        }
        if (o instanceof Comment) {
            return "com";
        }
        return "img";
    }
}
