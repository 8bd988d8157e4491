package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AuditListenerTest {

    private static final URI ENDPOINT = URI.create("https://annuaire.example/fhir/Practitioner");

    @Test
    void aroundGivesOneEventPerCallWithItsOutcome() {
        List<AuditEvent> events = new ArrayList<>();
        AuditListener audit = events::add;
        assertThat(audit.around("Annuaire", "search", ENDPOINT, "LABO", "c-1", () -> "ok")).isEqualTo("ok");
        assertThatThrownBy(() -> audit.around("Annuaire", "search", ENDPOINT, "LABO", "c-2", () -> {
            throw new RemoteServiceException(TransportError.HTTP_ERROR, "Annuaire", 503, "text/html", "down");
        })).isInstanceOf(RemoteServiceException.class);
        assertThatThrownBy(() -> audit.around("Annuaire", "search", ENDPOINT, null, "c-3", () -> {
            throw new TransportException(TransportError.TIMEOUT, ENDPOINT, "5 s");
        })).isInstanceOf(TransportException.class);
        assertThat(events).extracting(AuditEvent::outcome).containsExactly(AuditEvent.Outcome.SUCCESS,
                AuditEvent.Outcome.REMOTE_ERROR, AuditEvent.Outcome.TRANSPORT_ERROR);
        assertThat(events).extracting(AuditEvent::errorCode).containsExactly(null, "TRANSPORT-017", "TRANSPORT-015");
        assertThat(events).extracting(AuditEvent::correlationId).containsExactly("c-1", "c-2", "c-3");
        assertThat(events.get(0).principal()).isEqualTo("LABO");
        assertThat(events.get(0).duration().isNegative()).isFalse();
    }

    @Test
    void aFailingListenerNeverBreaksTheCall() {
        AuditListener broken = e -> {
            throw new IllegalStateException("log full");
        };
        assertThat(broken.around("S", "op", ENDPOINT, null, "c", () -> 42)).isEqualTo(42);
    }
}
