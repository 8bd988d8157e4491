package fr.segurbio.dmp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.core.fuzz.XmlBombs;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.dmp.FindQuery;
import fr.segurbio.dmp.SubmissionResult;

/**
 * Every DMP answer the client reads refuses XML bombs as the SOAP envelope itself (billion laughs, quadratic
 * blow-up and an external entity at the DOCTYPE, a 100 000-level nesting) with a {@link DmpException} (an ITI-41
 * then recovers only by looking the documents up with ITI-18), and reads or
 * refuses 20 000 attributes, within the fuzz property's time and allocation bounds: TD0.2, ITI-18, ITI-41, ITI-57,
 * ITI-43 read whole and ITI-43 streamed (its own DOM parse of the SOAP part).
 */
class XmlBombTest {

    private static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";

    @TestFactory
    Stream<DynamicTest> everyAnswerRefusesXmlBombs() {
        Map<String, byte[]> refused = new LinkedHashMap<>();
        refused.put("billion laughs", XmlBombs.billionLaughs("Envelope", SOAP));
        refused.put("quadratic blow-up", XmlBombs.quadraticBlowup("Envelope", SOAP));
        refused.put("external entity", XmlBombs.externalEntity("Envelope", SOAP));
        refused.put("100 000 levels", XmlBombs.deep("<Envelope xmlns=\"" + SOAP + "\"><Body>", "x",
                "</Body></Envelope>"));
        byte[] attributes = XmlBombs.manyAttributes("Envelope", SOAP);
        List<DynamicTest> tests = new ArrayList<>();
        for (Call c : calls()) {
            refused.forEach((name, bomb) -> tests.add(DynamicTest.dynamicTest(c.name() + ": " + name, () -> {
                DmpResponseFuzzTest.answer(c.action(), input(bomb));
                // an ITI-41 without a readable answer makes the client look the documents up: found, it recovers
                assertThat(FuzzProperty.check(DmpException.class, bomb.length, c.call()))
                        .as("refused, or a submission recovered by looking the documents up").satisfiesAnyOf(
                                r -> assertThat(r).isEmpty(),
                                r -> assertThat(r.get()).isInstanceOfSatisfying(SubmissionResult.class,
                                        s -> assertThat(s.recovered()).isTrue()));
            })));
            tests.add(DynamicTest.dynamicTest(c.name() + ": 20 000 attributes", () -> {
                DmpResponseFuzzTest.answer(c.action(), input(attributes));
                FuzzProperty.check(DmpException.class, attributes.length, c.call());
            }));
        }
        return tests.stream();
    }

    private record Call(String name, String action, Callable<Object> call) {
    }

    private static List<Call> calls() {
        var pair = DmpResponseFuzzTest.PAIR;
        var ins = DmpResponseFuzzTest.INS;
        return List.of(
                new Call("TD0.2", DmpResponseFuzzTest.TD02, () -> DmpResponseFuzzTest.CLIENT.status(ins)),
                new Call("ITI-18", DmpResponseFuzzTest.ITI18,
                        () -> DmpResponseFuzzTest.CLIENT.find(FindQuery.of(ins))),
                new Call("ITI-41", DmpResponseFuzzTest.ITI41,
                        () -> DmpResponseFuzzTest.CLIENT.submit(DmpResponseFuzzTest.SUBMISSION)),
                new Call("ITI-57", DmpResponseFuzzTest.ITI57, () -> DmpResponseFuzzTest.CLIENT.mask(ins, pair)),
                new Call("ITI-43", DmpResponseFuzzTest.ITI43,
                        () -> DmpResponseFuzzTest.CLIENT.retrieve(ins, pair.n3())),
                new Call("ITI-43 streamed", DmpResponseFuzzTest.ITI43, () -> DmpResponseFuzzTest.streamingClient()
                        .retrieveTo(ins, pair.n3(), new ByteArrayOutputStream(), DmpResponseFuzzTest.MAX_DOCUMENT)));
    }

    private static byte[] input(byte[] envelope) {
        byte[] head = "application/soap+xml; charset=UTF-8\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + envelope.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(envelope, 0, out, head.length, envelope.length);
        return out;
    }
}
