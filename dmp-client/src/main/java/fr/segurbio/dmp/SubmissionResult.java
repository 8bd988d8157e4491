package fr.segurbio.dmp;

import java.util.Objects;

/**
 * What an ITI-41 submission left in the DMP.
 *
 * <pre>{@code
 * SubmissionResult r = dmp.submit(submission);
 * r.pair();          // the N1 and N3 uniqueIds, for mask / replace / delete later
 * r.recovered();     // true when a fault hid the DMP's answer and the documents were found there afterwards
 * }</pre>
 *
 * @param submissionSetUniqueId the SubmissionSet uniqueId (derived from the N3's: the same on every retry)
 * @param pair the N1 and N3 uniqueIds
 * @param signatureUniqueId the uniqueId of the XAdES signature document
 * @param replacement whether this replaced an earlier version (RPLC)
 * @param attempts how many times the submission was sent
 * @param recovered whether the outcome was found by looking in the DMP after a fault rather than in its answer
 */
public record SubmissionResult(String submissionSetUniqueId, DocumentPair pair, String signatureUniqueId,
        boolean replacement, int attempts, boolean recovered) {

    /**
     * Checks the fields.
     *
     * @param submissionSetUniqueId the SubmissionSet uniqueId
     * @param pair the pair
     * @param signatureUniqueId the signature uniqueId
     * @param replacement replacement
     * @param attempts attempts
     * @param recovered recovered
     */
    public SubmissionResult {
        Objects.requireNonNull(submissionSetUniqueId, "submissionSetUniqueId");
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(signatureUniqueId, "signatureUniqueId");
    }
}
