package fr.segurbio.hl7v2.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * No health data in what the SDK logs or puts in exception and problem messages a caller may log: the main flows
 * ({@link HealthDataFlows}: INSi search on the testkit simulator, CR-BIO build / write / read / merge, PAM FR
 * identity feed, each also on broken input) run in a JVM of their own with slf4j-simple at TRACE; the whole output
 * is searched for the test patients' INS (15 and 13 digits), names and birth dates (three spellings). The opt-in wire
 * trace, the one place where they may appear, is not switched on; nor are Apache HttpClient's wire and header loggers
 * ({@code org.apache.hc.client5.http.wire}, {@code .headers}), which are the same thing one level down.
 */
class HealthDataLoggingTest {

    /** The test patients: PAT-TROIS (CR-BIO sample, PAM FR feed) and ECETINSI (INSi simulator, 00). */
    static final List<String> HEALTH_DATA = List.of(
            "279035121518989", "2790351215189", "PAT-TROIS", "DOMINIQUE", "MARIE-LOUISE", "DOMPREMY",
            "1979-03-28", "19790328", "28/03/1979",
            "109076322083489", "1090763220834", "ECETINSI", "PIERRE-ALAIN", "FLORIANT", "2009-07-14", "20090714",
            "14/07/2009", "HOUILLES");

    @Test
    void theMainFlowsAtTraceLogNoIdentity() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Xmx512m",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                "-Dorg.slf4j.simpleLogger.showDateTime=false",
                // Apache HttpClient's own wire and header loggers print every byte exchanged at DEBUG: like the
                // SDK's opt-in wire trace, they are a deliberate choice of the logging configuration (README)
                "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.wire=info",
                "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.headers=info"));
        String shared = System.getProperty("segur.shared");
        if (shared != null) {
            command.add("-Dsegur.shared=" + shared);
        }
        command.add(HealthDataFlows.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("flows ended").isTrue();
        String output = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("flows exit code, output:%n%s", output).isZero();
        assertThat(output).contains("FLOWS DONE");
        if (fr.segurbio.testkit.ConformanceMaterial.find("conformance/insi/xsd").isPresent()) {
            assertThat(output).as("the INSi search ran").contains("INSI 00", "INSI 01");
        }
        assertThat(output).as("the SDK's loggers were at TRACE").containsPattern("(TRACE|DEBUG|INFO|WARN) fr\\.segurbio");
        List<String> leaks = new ArrayList<>();
        for (String line : output.split("\\R")) {
            for (String data : HEALTH_DATA) {
                if (line.toUpperCase(java.util.Locale.ROOT).contains(data)) {
                    leaks.add(data + " in: " + line);
                }
            }
        }
        assertThat(leaks).as("health data in the logs and messages").isEmpty();
    }
}
