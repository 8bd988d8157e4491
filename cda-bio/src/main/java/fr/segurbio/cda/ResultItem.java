package fr.segurbio.cda;

/**
 * What a report entry holds: an {@link Observation} (one result), a {@link Battery} (a group of results such as
 * an antibiogram) or an {@link Isolate} (a micro-organism with its counts and antibiogram).
 *
 * <pre>{@code
 * for (ResultItem item : entry.results()) {
 *     if (item instanceof Observation o) {
 *         print(o.label(), o.value());
 *     } else if (item instanceof Isolate i) {
 *         print(i.organism().label());
 *     }
 * }
 * }</pre>
 */
public sealed interface ResultItem permits Observation, Battery, Isolate {

    /**
     * The label shown in the narrative.
     *
     * @return the label
     */
    String label();

    /**
     * The number of observations in this item, nested ones included.
     *
     * @return the count
     */
    int observationCount();
}
