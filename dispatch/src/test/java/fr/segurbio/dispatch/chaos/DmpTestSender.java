package fr.segurbio.dispatch.chaos;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.dispatch.ChannelSender;
import fr.segurbio.dispatch.Publication;
import fr.segurbio.dispatch.SendFailure;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.StoredPublication;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpDocument;
import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.dmp.DmpSubmission;
import fr.segurbio.dmp.PatientConsent;
import fr.segurbio.dmp.SubmissionResult;
import fr.segurbio.ins.Ins;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The DMP channel of the reliability tests, through dmp-client's {@link DmpClient} against testkit's DMP
 * simulator: the remote ids are the N3's and the N1's uniqueIds, "already done" is an ITI-18 GetDocuments that
 * finds both, and a failure is retryable when the DMP did not answer clearly (timeout, 5xx, connection dropped,
 * malformed answer, SOAP fault of the receiver).
 */
public final class DmpTestSender implements ChannelSender {

    private static final Set<DmpError> RETRYABLE = EnumSet.of(DmpError.UNAVAILABLE, DmpError.RESPONSE_MALFORMED,
            DmpError.OUTCOME_UNKNOWN, DmpError.REMOTE_FAULT, DmpError.PARTIAL_UPDATE);

    private final DmpClient client;
    private final Function<String, CrBioReport> reports;

    /**
     * @param client the DMP client
     * @param reports the report behind a report id
     */
    public DmpTestSender(DmpClient client, Function<String, CrBioReport> reports) {
        this.client = client;
        this.reports = reports;
    }

    @Override
    public Channel channel() {
        return Channel.DMP;
    }

    @Override
    public String remoteIds(SendingKey key, StoredPublication p) {
        CrBioReport r = reports.apply(key.reportId());
        return XdsProjection.n3(r, p.document("n3")).uniqueId() + " "
                + XdsProjection.n1(r, p.document("n1")).uniqueId();
    }

    @Override
    public boolean alreadyDone(SendingKey key, StoredPublication p, String remoteIds) {
        List<String> ids = List.of(remoteIds.split(" "));
        try {
            List<DmpDocument> found = client.getDocuments(ins(key), ids);
            return found.stream().map(DmpDocument::uniqueId).distinct().count() == ids.size();
        } catch (DmpException e) {
            throw SendFailure.of(true, e.code().id(), "GetDocuments: " + e.getMessage(), e);
        }
    }

    @Override
    public String send(SendingKey key, StoredPublication p, String remoteIds) {
        CrBioReport r = reports.apply(key.reportId());
        byte[] n3 = p.document("n3");
        byte[] n1 = p.document("n1");
        DmpSubmission s = DmpSubmission.builder()
                .n3(new WrittenDocument(n3, XdsProjection.n3(r, n3)))
                .n1(new WrittenDocument(n1, XdsProjection.n1(r, n1)))
                .consent(PatientConsent.informedNotOpposed(Instant.now()))
                .annonce(Boolean.parseBoolean(p.property(Publication.HOLD))).build();
        try {
            SubmissionResult result = client.submit(s);
            return "ITI-41 " + result.submissionSetUniqueId() + (result.recovered() ? " (found after a fault)" : "");
        } catch (DmpException e) {
            throw SendFailure.of(RETRYABLE.contains(e.code()), e.code().id(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw SendFailure.of(true, DmpError.UNAVAILABLE.id(), e.toString(), e);
        }
    }

    private Ins ins(SendingKey key) {
        return Ins.of(key.recipient(), ChaosReports.TEST_OID);
    }
}
