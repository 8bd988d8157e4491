package fr.segurbio.mss.returns;

import java.util.List;

import fr.segurbio.core.Problem;

/**
 * What one reading of the mailbox did.
 *
 * <pre>{@code
 * FetchSummary s = reader.fetch(since, tracker::apply);
 * System.out.println(s.scanned() + " messages, " + s.returns() + " returns");
 * }</pre>
 *
 * @param checkpoint where the next reading starts
 * @param scanned how many new messages were looked at
 * @param returns how many returns were found (one per recipient reported on)
 * @param problems the malformed returns (MSS-301, MSS-302), each with the UID as path; reading went on
 */
public record FetchSummary(Checkpoint checkpoint, long scanned, long returns, List<Problem> problems) {

    /**
     * Copies the list.
     *
     * @param checkpoint the checkpoint
     * @param scanned the count scanned
     * @param returns the count of returns
     * @param problems the problems
     */
    public FetchSummary {
        problems = List.copyOf(problems);
    }
}
