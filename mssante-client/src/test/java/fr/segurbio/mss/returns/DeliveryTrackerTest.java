package fr.segurbio.mss.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.mail.SubmissionResult;

class DeliveryTrackerTest {

    static final String ID = "<cr-2024-1@labo.mssante.fr>";
    static final MailAddress DR = MailAddress.of("dr.martin@medecin.mssante.fr");
    static final MailAddress PATIENT = MailAddress.of("275126322074974@patient.mssante.fr");
    static final MailAddress FULL = MailAddress.of("plein@medecin.mssante.fr");

    static DeliveryTracker tracker() {
        Map<MailAddress, SubmissionResult.Outcome> o = new LinkedHashMap<>();
        o.put(DR, new SubmissionResult.Outcome(true, 250, "OK"));
        o.put(PATIENT, new SubmissionResult.Outcome(true, 250, "OK"));
        o.put(FULL, new SubmissionResult.Outcome(false, 452, "452 4.2.2 Mailbox full"));
        DeliveryTracker t = DeliveryTracker.create();
        t.record("XDM/1.0/DDM+CR", new SubmissionResult(ID, o));
        return t;
    }

    static ReturnMessage ret(ReturnMessage.Kind kind, MailAddress to, RecipientStatus s, String code) {
        return new ReturnMessage(kind, ID, Optional.ofNullable(to), s, Optional.ofNullable(code), Optional.empty(),
                Optional.empty());
    }

    @Test
    void returnsMoveEachRecipientForward() {
        DeliveryTracker t = tracker();
        assertThat(t.apply(ret(ReturnMessage.Kind.DSN, DR, RecipientStatus.DELIVERED, "2.0.0"))).isTrue();
        assertThat(t.apply(ret(ReturnMessage.Kind.MDN, DR, RecipientStatus.PROCESSED, null))).isTrue();
        // an older kind of return arriving late does not move it back
        assertThat(t.apply(ret(ReturnMessage.Kind.DSN, DR, RecipientStatus.DELIVERED, "2.0.0"))).isTrue();
        assertThat(t.apply(ret(ReturnMessage.Kind.MDN, PATIENT, RecipientStatus.FAILED, "902"))).isTrue();
        // a failure is final
        assertThat(t.apply(ret(ReturnMessage.Kind.MDN, PATIENT, RecipientStatus.PROCESSED, null))).isTrue();
        Map<MailAddress, DeliveryTracker.Entry> s = t.status(ID).orElseThrow().recipients();
        assertThat(s.get(DR).status()).isEqualTo(RecipientStatus.PROCESSED);
        assertThat(s.get(PATIENT).status()).isEqualTo(RecipientStatus.FAILED);
        assertThat(s.get(PATIENT).code()).contains("902");
        assertThat(s.get(FULL).status()).isEqualTo(RecipientStatus.REFUSED);
        assertThat(s.get(FULL).code()).contains("452");
    }

    @Test
    void unmatchedReturnsAreKeptAsWarnings() {
        DeliveryTracker t = tracker();
        assertThat(t.apply(new ReturnMessage(ReturnMessage.Kind.MDN, "<other@x.mssante.fr>", Optional.of(DR),
                RecipientStatus.PROCESSED, Optional.empty(), Optional.empty(), Optional.empty()))).isFalse();
        assertThat(t.apply(ret(ReturnMessage.Kind.MDN, MailAddress.of("someone@else.mssante.fr"),
                RecipientStatus.PROCESSED, null))).isFalse();
        assertThat(t.unmatched()).hasSize(2).allMatch(p -> p.code() == MssError.UNMATCHED_RETURN);
    }

    @Test
    void journalSurvivesSaveAndLoad(@TempDir Path dir) {
        DeliveryTracker t = tracker();
        t.apply(ret(ReturnMessage.Kind.MDN, DR, RecipientStatus.PROCESSED, null));
        t.checkpoint(new Checkpoint(42, 1234));
        Path file = dir.resolve("journal.json");
        t.save(file);
        DeliveryTracker back = DeliveryTracker.load(file);
        assertThat(back.checkpoint()).isEqualTo(new Checkpoint(42, 1234));
        assertThat(back.messages()).isEqualTo(t.messages());
        assertThat(DeliveryTracker.load(dir.resolve("absent.json")).messages()).isEmpty();
    }
}
