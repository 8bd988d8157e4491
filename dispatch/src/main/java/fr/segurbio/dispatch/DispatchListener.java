package fr.segurbio.dispatch;

import fr.segurbio.dispatch.journal.JournalEntry;

/**
 * Told of every change of a sending's status, for SGLs that push it to their screens ("sans clic").
 * Called on the dispatcher's thread: return quickly.
 *
 * <pre>{@code
 * Dispatcher d = Dispatcher.builder()...listener(e -> ui.show(e.key(), e.state())).build();
 * }</pre>
 */
@FunctionalInterface
public interface DispatchListener {

    /**
     * A sending changed.
     *
     * @param entry the sending as the journal now holds it
     */
    void changed(JournalEntry entry);
}
