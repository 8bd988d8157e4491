package fr.segurbio.transport.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.core.fuzz.FuzzedAnswer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoapRequest;
import fr.segurbio.transport.SoapResponse;
import fr.segurbio.transport.TransportException;

/**
 * Fuzz target of the SOAP 1.2 / MTOM response parser ({@code SoapClient} through a stand-in exchange, so the whole
 * production stack above the socket runs): a {@link SoapResponse} or a {@link TransportException} (faults are
 * {@code SoapFaultException}, a subtype), never another exception. The input's first line is the response's
 * {@code Content-Type} (prefixed with {@code 500 } for an HTTP 500), the rest its body. Every element of the payload
 * is then asked for its binary content (base64 or an MTOM part). Seeds: {@code SoapResponseFuzzTestInputs/parse}.
 */
class SoapResponseFuzzTest {

    private static final URI ENDPOINT = URI.create("https://soap.test/service");

    @DictionaryFile(resourcePath = "/fr/segurbio/transport/fuzz/soap.dict")
    @FuzzTest(maxDuration = "2m")
    void parse(byte[] input) {
        HttpResult answer = answer(input);
        try (ServiceConnection connection = ServiceConnection.builder()
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).sleeper(d -> { }).build())
                .circuitBreaker(1_000_000, Duration.ofSeconds(1))
                .maxResponseBytes(1024 * 1024)
                .standIn(call -> answer)
                .build()) {
            SoapRequest request = SoapRequest.builder().operation("fuzz").action("urn:fuzz")
                    .body("<t:ping xmlns:t=\"urn:t\"/>").idempotent(true).build();
            FuzzProperty.check(TransportException.class, input.length,
                    () -> connection.soapClient(ENDPOINT, "FUZZ").call(request))
                    .ifPresent(response -> FuzzProperty.check(TransportException.class, input.length, () -> {
                        assertThat(response.headerBlocks()).isNotNull();
                        assertThat(response.attachments()).isNotNull();
                        Element payload = response.payload();
                        if (payload != null) {
                            contents(response, payload);
                        }
                        return response;
                    }));
        }
    }

    /** Asks every element for its binary content; a refusal is a {@link TransportException}. */
    private static void contents(SoapResponse response, Element element) {
        try {
            response.binaryContent(element);
        } catch (TransportException e) {
            assertThat(e.code().id()).startsWith("TRANSPORT-");
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                contents(response, child);
            }
        }
    }

    /** First line: Content-Type (with "500 " before it for a server error); the rest: the body. */
    static HttpResult answer(byte[] input) {
        FuzzedAnswer a = FuzzedAnswer.of(input);
        return new HttpResult(a.status(), Map.of("content-type", List.of(a.contentType())), a.body());
    }
}
