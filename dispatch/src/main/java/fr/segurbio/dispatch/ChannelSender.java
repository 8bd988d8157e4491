package fr.segurbio.dispatch;

import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.StoredPublication;

/**
 * How the dispatcher reaches one channel (the DMP through dmp-client, MSSanté through mssante-client). The
 * dispatcher calls {@link #remoteIds} and records the result <em>before</em> {@link #send}; after a crash or a
 * timeout it calls {@link #alreadyDone} with them before sending again, which is what makes a sending happen
 * exactly once.
 *
 * <pre>{@code
 * ChannelSender dmp = new ChannelSender() {
 *     public Channel channel() { return Channel.DMP; }
 *     public String remoteIds(SendingKey k, StoredPublication p) { return n3UniqueId + " " + n1UniqueId; }
 *     public boolean alreadyDone(SendingKey k, StoredPublication p, String ids) { return dmpHasBoth(ids); }
 *     public String send(SendingKey k, StoredPublication p, String ids) { return submit(p); }
 * };
 * }</pre>
 */
public interface ChannelSender {

    /**
     * The channel served.
     *
     * @return the channel
     */
    Channel channel();

    /**
     * The identifiers the remote side will know this sending by (the documents' uniqueIds, the Message-ID),
     * derived from the publication and the key alone: the same for every attempt.
     *
     * @param key the sending
     * @param publication its documents and properties
     * @return the identifiers, space-separated
     */
    String remoteIds(SendingKey key, StoredPublication publication);

    /**
     * Whether the remote side already has this sending (an earlier attempt reached it before its answer was
     * lost).
     *
     * @param key the sending
     * @param publication its documents and properties
     * @param remoteIds what {@link #remoteIds} gave
     * @return true when it must not be sent again
     * @throws SendFailure when the remote side cannot be asked
     */
    boolean alreadyDone(SendingKey key, StoredPublication publication, String remoteIds);

    /**
     * Sends.
     *
     * @param key the sending
     * @param publication its documents and properties
     * @param remoteIds what {@link #remoteIds} gave
     * @return the remote side's answer, for the status
     * @throws SendFailure when it did not go through
     */
    String send(SendingKey key, StoredPublication publication, String remoteIds);
}
