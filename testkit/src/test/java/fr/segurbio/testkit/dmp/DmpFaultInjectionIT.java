package fr.segurbio.testkit.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Injected faults (per transaction, at the n-th call) and the request log. */
class DmpFaultInjectionIT extends DmpFixture {

    static String find(String ins) {
        return DmpQueries.findDocuments(cx(ins), "('" + DmpQueries.APPROVED + "')");
    }

    static DmpExchange last() {
        List<DmpExchange> all = dmp.exchanges();
        return all.get(all.size() - 1);
    }

    @Test
    void aConnectionDroppedAfterCommitThenARetryMakesNoDuplicate() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        dmp.injectNext(DmpTransaction.ITI_41, DmpFault.dropAfterCommit());
        assertThatThrownBy(() -> submit(ins, s)).isInstanceOf(UncheckedIOException.class);
        assertThat(dmp.document(s.n3().uniqueId)).isPresent();
        DmpExchange dropped = last();
        assertThat(dropped.status()).isEqualTo(-1);
        assertThat(dropped.response()).isEmpty();
        assertThat(dropped.outcome()).isEqualTo("DROP_AFTER_COMMIT (Success)");
        assertThat(dropped.transaction()).isEqualTo(DmpTransaction.ITI_41);
        failure(submit(ins, s), DmpErrorCode.DUPLICATE_UNIQUE_ID);
        assertThat(dmp.storedCount(s.n3().uniqueId)).isEqualTo(1);
        assertThat(dmp.submissionCount(s.n3().uniqueId)).isEqualTo(2);
        assertThat(dmp.documents(ins)).hasSize(3);
    }

    @Test
    void aConnectionDroppedBeforeCommitStoresNothing() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        dmp.injectNext(DmpTransaction.ITI_41, DmpFault.dropBeforeCommit());
        assertThatThrownBy(() -> submit(ins, s)).isInstanceOf(UncheckedIOException.class);
        assertThat(dmp.documents(ins)).isEmpty();
        success(submit(ins, s));
        assertThat(dmp.storedCount(s.n1().uniqueId)).isEqualTo(1);
    }

    @Test
    void aDelayedAnswerTimesTheClientOutAfterTheRegistryStored() {
        String ins = newPatient();
        TestSubmission s = crBio(ins);
        // the client waits long enough for the server to read the request even on a loaded machine (a client
        // that gives up while the body is still being read leaves nothing to store), and less than the delay
        dmp.injectNext(DmpTransaction.ITI_41, DmpFault.delay(Duration.ofMillis(6000)));
        java.util.Map<String, byte[]> att = TestSubmission.newAttachments();
        String body = s.body(att);
        assertThatThrownBy(() -> client.send(DmpTransaction.ITI_41, vihf(ins).securityXml(), body, att,
                Duration.ofMillis(3000))).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(SocketTimeoutException.class);
        // stored before the delayed answer (the server may still be checking it when the client gives up)
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (dmp.document(s.n3().uniqueId).isEmpty() && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        assertThat(dmp.document(s.n3().uniqueId)).isPresent();
    }

    @Test
    void httpErrorsAndSoapFaultsProcessNothing() {
        String ins = newPatient();
        dmp.injectNext(DmpTransaction.ITI_41, DmpFault.httpStatus(503));
        assertThat(submit(ins, crBio(ins)).status()).isEqualTo(503);
        dmp.injectNext(DmpTransaction.ITI_41, DmpFault.httpStatus(500));
        DmpTestClient.Response r500 = submit(ins, crBio(ins));
        assertThat(r500.status()).isEqualTo(500);
        assertThat(r500.contentType()).startsWith("text/html");
        dmp.injectNext(DmpTransaction.ITI_41, DmpFault.soapFault("Service DMP indisponible"));
        DmpTestClient.Response fault = submit(ins, crBio(ins));
        fault(fault, DmpFaultCode.SIMULATED);
        assertThat(fault.text()).contains("soap:Receiver", "Service DMP indisponible");
        assertThat(dmp.documents(ins)).isEmpty();
        success(submit(ins, crBio(ins)));
    }

    @Test
    void aFaultIsInjectedAtTheNthCallOfItsTransactionOnly() {
        String ins = newPatient();
        int n = dmp.callCount(DmpTransaction.ITI_18);
        dmp.inject(DmpTransaction.ITI_18, n + 2, DmpFault.httpStatus(500));
        success(call(DmpTransaction.ITI_18, ins, find(ins)));
        success(submit(ins, crBio(ins)));
        assertThat(call(DmpTransaction.ITI_18, ins, find(ins)).status()).isEqualTo(500);
        success(call(DmpTransaction.ITI_18, ins, find(ins)));
        assertThat(dmp.callCount(DmpTransaction.ITI_18)).isEqualTo(n + 3);
    }

    @Test
    void severalConsecutiveCallsCanFailAndPlannedFaultsCanBeForgotten() {
        String ins = newPatient();
        dmp.injectNextCalls(DmpTransaction.ITI_18, 2, DmpFault.httpStatus(503));
        assertThat(call(DmpTransaction.ITI_18, ins, find(ins)).status()).isEqualTo(503);
        assertThat(call(DmpTransaction.ITI_18, ins, find(ins)).status()).isEqualTo(503);
        success(call(DmpTransaction.ITI_18, ins, find(ins)));
        dmp.injectNext(DmpTransaction.ITI_18, DmpFault.httpStatus(500));
        dmp.injectNext(DmpTransaction.ITI_18, DmpFault.httpStatus(503));
        assertThat(call(DmpTransaction.ITI_18, ins, find(ins)).status()).isEqualTo(503);
        success(call(DmpTransaction.ITI_18, ins, find(ins)));
        dmp.injectNext(DmpTransaction.ITI_18, DmpFault.httpStatus(500));
        dmp.clearFaults();
        success(call(DmpTransaction.ITI_18, ins, find(ins)));
    }

    @Test
    void unavailableAnswers503ToEverything() {
        String ins = newPatient();
        dmp.unavailable(true);
        try {
            DmpTestClient.Response r = call(DmpTransaction.ITI_18, ins, find(ins));
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.text()).contains("maintenance");
        } finally {
            dmp.unavailable(false);
        }
        success(call(DmpTransaction.ITI_18, ins, find(ins)));
    }

    @Test
    void theLogKeepsEachRequestAndItsAnswer() {
        String ins = newPatient();
        int before = dmp.exchanges().size();
        success(call(DmpTransaction.ITI_18, ins, find(ins)));
        failure(call(DmpTransaction.ITI_18, ins, find(ins).replace("$XDSDocumentEntryStatus", "$Other")),
                DmpErrorCode.STORED_QUERY_PARAM);
        List<DmpExchange> log = dmp.exchanges();
        DmpExchange ok = log.get(log.size() - 2);
        DmpExchange ko = log.get(log.size() - 1);
        assertThat(ok.sequence()).isEqualTo(ko.sequence() - 1);
        assertThat(ok.path()).isEqualTo(DmpSimulator.BASE_PATH + "/registry");
        assertThat(ok.requestText()).contains("AdhocQueryRequest", ins);
        assertThat(ok.responseText()).contains("AdhocQueryResponse");
        assertThat(ok.outcome()).isEqualTo("Success");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ko.outcome()).isEqualTo("XDSStoredQueryParamNumber");
        assertThat(log).hasSize(before + 2);
        assertThat(ok.received()).isBeforeOrEqualTo(ko.received());
        assertThat(ok.truncated()).isFalse();
        assertThat(ok.requestSize()).isEqualTo(ok.request().length);
    }

    @Test
    void theLogCutsLargeBodies() {
        try (DmpSimulator small = DmpSimulator.builder(pki).conformance(shared).logBodyLimit(100).start()) {
            DmpTestClient c = new DmpTestClient(pki, pki.orgAuthCli(), small);
            String ins = "1800000000002";
            small.patient(ins);
            DmpTestClient.Response r = c.send(DmpTransaction.ITI_18, vihf(ins).securityXml(), find(ins), Map.of());
            success(r);
            DmpExchange e = small.exchanges().get(0);
            assertThat(e.request()).hasSize(100);
            assertThat(e.requestSize()).isGreaterThan(100);
            assertThat(e.responseSize()).isEqualTo(r.body().length);
            assertThat(e.truncated()).isTrue();
        }
    }
}
