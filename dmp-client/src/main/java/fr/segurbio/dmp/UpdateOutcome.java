package fr.segurbio.dmp;

import java.util.Objects;

/**
 * The one outcome of a TD3.3 action on an N1 and its N3.
 *
 * <pre>{@code
 * UpdateOutcome o = dmp.mask(ins, pair);
 * o.changed();   // false when both documents were already masked: nothing was sent
 * }</pre>
 *
 * @param action the action
 * @param pair the documents
 * @param changed whether the DMP was changed ({@code false}: both were already in the asked state, nothing sent)
 */
public record UpdateOutcome(DocumentAction action, DocumentPair pair, boolean changed) {

    /**
     * Checks the fields.
     *
     * @param action the action
     * @param pair the pair
     * @param changed changed
     */
    public UpdateOutcome {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pair, "pair");
    }
}
