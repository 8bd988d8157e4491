package fr.segurbio.dispatch;

import fr.segurbio.core.SegurException;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.StoredPublication;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpDocument;
import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.dmp.DmpSubmission;
import fr.segurbio.dmp.DocumentPair;
import fr.segurbio.dmp.PatientConsent;
import fr.segurbio.dmp.RegistryError;
import fr.segurbio.dmp.SubmissionResult;
import fr.segurbio.dmp.UpdateOutcome;
import fr.segurbio.dmp.Visibility;
import fr.segurbio.ins.Ins;
import fr.segurbio.transport.RemoteServiceException;
import fr.segurbio.transport.SoapFaultException;
import fr.segurbio.transport.TransportError;
import fr.segurbio.transport.TransportException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The DMP channels on dmp-client's {@link DmpClient}: {@link Channel#DMP} submits the N1 and the N3 together
 * (invisible to the patient while the "annonce" hold is on; with RPLC when the report replaces an earlier version),
 * {@link Channel#DMP_RELEASE} makes them visible to the patient when the hold is released. The remote ids are the
 * N3's and the N1's uniqueIds, read from the stored documents (cda-bio's reader and XDS projection); an earlier
 * attempt is looked for by ITI-18 GetDocuments on them. The client's errors become {@link SendFailure}s:
 * timeouts, HTTP 5xx, dropped connections, SOAP receiver faults and busy registries are retried; a refused
 * certificate, an opposed patient, a closed DMP, an invalid document are not.
 *
 * <pre>{@code
 * Dispatcher d = Dispatcher.builder(journal)
 *         .sender(DmpSender.submitting(dmpClient))
 *         .sender(DmpSender.releasing(dmpClient))
 *         .build();
 * }</pre>
 */
public final class DmpSender implements ChannelSender {

    private static final Set<String> BUSY = Set.of("XDSRegistryBusy", "XDSRepositoryBusy",
            "XDSRegistryOutOfResources", "XDSRepositoryOutOfResources");
    private static final Set<TransportError> TRANSIENT = Set.of(TransportError.TIMEOUT,
            TransportError.CONNECTION_FAILED, TransportError.IO_ERROR, TransportError.CIRCUIT_OPEN,
            TransportError.INTERRUPTED);

    private final DmpClient client;
    private final Channel channel;
    private final Clock clock;

    private DmpSender(DmpClient client, Channel channel, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.channel = channel;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The sender of {@link Channel#DMP}: TD2.1 of the N1 + N3.
     *
     * @param client the DMP client
     * @return the sender
     */
    public static DmpSender submitting(DmpClient client) {
        return new DmpSender(client, Channel.DMP, Clock.systemUTC());
    }

    /**
     * The sender of {@link Channel#DMP_RELEASE}: ITI-57 "visible to the patient" on the N1 and the N3.
     *
     * @param client the DMP client
     * @return the sender
     */
    public static DmpSender releasing(DmpClient client) {
        return new DmpSender(client, Channel.DMP_RELEASE, Clock.systemUTC());
    }

    /**
     * The same sender with another clock (the instant the patient's information is recorded at).
     *
     * @param value the clock
     * @return a new sender
     */
    public DmpSender withClock(Clock value) {
        return new DmpSender(client, channel, value);
    }

    @Override
    public Channel channel() {
        return channel;
    }

    /**
     * The N3's and the N1's uniqueIds, in that order.
     *
     * @param key the sending
     * @param publication its documents
     * @return {@code "<N3 uniqueId> <N1 uniqueId>"}
     */
    @Override
    public String remoteIds(SendingKey key, StoredPublication publication) {
        StoredDocuments d = StoredDocuments.of(publication);
        return d.n3.metadata().uniqueId() + " " + d.n1.metadata().uniqueId();
    }

    @Override
    public boolean alreadyDone(SendingKey key, StoredPublication publication, String remoteIds) {
        StoredDocuments d = StoredDocuments.of(publication);
        DocumentPair pair = pair(remoteIds);
        Map<String, DmpDocument> found = call(() -> client.getDocuments(ins(d), List.of(pair.n3(), pair.n1())))
                .stream().collect(Collectors.toMap(DmpDocument::uniqueId, Function.identity(),
                        (a, b) -> b.version() > a.version() ? b : a));   // an ITI-57 update makes a new version
        boolean n3 = found.containsKey(pair.n3());
        boolean n1 = found.containsKey(pair.n1());
        if (n3 != n1) {
            throw SendFailure.permanent(DispatchError.DMP_PARTIAL.id(),
                    DispatchError.DMP_PARTIAL.englishTemplate().formatted(found.keySet()));
        }
        if (!n3) {
            return false;
        }
        if (channel == Channel.DMP_RELEASE) {
            return found.values().stream().noneMatch(doc -> doc.visibility().contains(Visibility.HIDDEN_FROM_PATIENT));
        }
        return true;
    }

    @Override
    public String send(SendingKey key, StoredPublication publication, String remoteIds) {
        StoredDocuments d = StoredDocuments.of(publication);
        Ins ins = ins(d);
        if (channel == Channel.DMP_RELEASE) {
            UpdateOutcome o = call(() -> client.showToPatient(ins, pair(remoteIds)));
            return "visible au patient / visible to the patient: N3 " + o.pair().n3() + ", N1 " + o.pair().n1()
                    + (o.changed() ? "" : " (already)");
        }
        boolean hold = Boolean.parseBoolean(publication.property(Publication.HOLD));
        boolean replaces = publication.property(Publication.REPLACES) != null;
        DmpSubmission s = call(() -> DmpSubmission.builder().n3(d.n3).n1(d.n1)
                .consent(PatientConsent.informedNotOpposed(clock.instant())).annonce(hold).build());
        SubmissionResult r = call(() -> replaces ? client.replace(s) : client.submit(s));
        return (r.replacement() ? "RPLC " : "") + "N3 " + r.pair().n3() + ", N1 " + r.pair().n1()
                + ", submission set " + r.submissionSetUniqueId() + (hold ? ", invisible to the patient" : "")
                + (r.recovered() ? " (found after a fault)" : "");
    }

    private static DocumentPair pair(String remoteIds) {
        String[] ids = remoteIds.strip().split(" +");
        if (ids.length != 2) {
            throw SendFailure.permanent(DispatchError.UNREADABLE_DOCUMENTS.id(),
                    DispatchError.UNREADABLE_DOCUMENTS.englishTemplate().formatted("remote ids " + remoteIds));
        }
        return new DocumentPair(ids[1], ids[0]);
    }

    private static Ins ins(StoredDocuments d) {
        return d.ins().orElseThrow(() -> SendFailure.permanent(DispatchError.NO_QUALIFIED_INS.id(),
                DispatchError.NO_QUALIFIED_INS.englishTemplate()));
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (DmpException e) {
            throw failure(e);
        } catch (SegurException e) {
            throw SendFailure.of(false, e.code().id(), e.getMessage(), e);
        }
    }

    /**
     * How a DMP error is retried: timeouts, HTTP 5xx, dropped connections, SOAP receiver faults, a busy registry
     * and an unknown outcome may go away; everything else (refused certificate, opposition, closed DMP, invalid
     * document, refused replacement) will not.
     *
     * @param e the client's error
     * @return the failure, with the client's code and text
     */
    public static SendFailure failure(DmpException e) {
        return SendFailure.of(retryable(e), e.code().id(), e.getMessage(), e);
    }

    private static boolean retryable(DmpException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SoapFaultException f) {
                String code = f.faultCode() == null ? "" : f.faultCode().getLocalPart();
                return code.equals("Receiver") || code.equals("Server");
            }
            if (c instanceof RemoteServiceException r) {
                return r.status() >= 500 || r.status() == 429 || r.status() == 408;
            }
            if (c instanceof TransportException t && t.code() instanceof TransportError te) {
                return TRANSIENT.contains(te);
            }
        }
        if (e.code() instanceof DmpError code) {
            return switch (code) {
                case UNAVAILABLE, RESPONSE_MALFORMED, OUTCOME_UNKNOWN -> true;
                case REGISTRY_ERROR, REMOTE_FAULT -> e.registryErrors().stream().map(RegistryError::errorCode)
                        .anyMatch(BUSY::contains);
                default -> false;
            };
        }
        return false;
    }
}
