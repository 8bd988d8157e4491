package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.segurbio.testkit.ConformanceMaterial;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segur demo --out DIR --json}: the whole chain against the in-process simulators; every output the issue
 * names is checked from the files written.
 */
class DemoCommandIT {

    @TempDir
    Path dir;

    @Test
    void theDemoSendsTheSampleReportEverywhereOnceAndLeavesEverythingToCheck() throws Exception {
        assumeTrue(ConformanceMaterial.find("conformance/xds").isPresent(),
                ConformanceMaterial.missing("conformance/xds"));
        Path out = dir.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int exit = Segur.run(new PrintWriter(o), new PrintWriter(e), "demo", "--out", out.toString(), "--json");
        assertThat(exit).as(e.toString() + o).isZero();
        JsonNode summary = new ObjectMapper().readTree(o.toString());
        assertThat(new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")))).isEqualTo(summary);

        // what was sent where, with the ids the remote sides know it by, and its final status
        JsonNode sendings = summary.get("sendings");
        assertThat(sendings).hasSize(4);
        assertThat(find(sendings, "DMP").path("status").asText()).isEqualTo("SENT");
        assertThat(find(sendings, "DMP").path("remoteIds")).hasSize(2);
        assertThat(find(sendings, "DMP").path("remoteIds").get(0).asText())
                .isEqualTo(summary.path("report").path("n3UniqueId").asText());
        assertThat(find(sendings, SimulatedWorld.PRESCRIBER).path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(find(sendings, SimulatedWorld.COPY).path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(find(sendings, SimulatedWorld.PATIENT).path("status").asText()).isEqualTo("SENT");
        assertThat(summary.path("ins").path("matricule").asText()).isEqualTo(SimulatedWorld.MATRICULE);
        assertThat(summary.path("biologist").path("name").asText()).contains("CAMPARINI");
        if (ConformanceMaterial.find("conformance/cda").isPresent()) {
            assertThat(summary.path("validation").path("performed").asBoolean()).isTrue();
            assertThat(summary.path("validation").path("errors").asInt()).isZero();
        }

        // the documents
        assertThat(Files.readString(out.resolve("documents/CR-BIO-N3.xml"))).contains("ClinicalDocument");
        assertThat(Files.readString(out.resolve("documents/CR-BIO-N1.xml"))).contains("nonXMLBody");
        assertThat(Files.readAllBytes(out.resolve("documents/CR-BIO.pdf"))).startsWith("%PDF".getBytes());

        // trace/: each exchange's request and response, INSi, PSC and the DMP among them
        List<String> trace = names(out.resolve("trace"));
        assertThat(trace).anyMatch(n -> n.contains("DMP") && n.endsWith("-request.txt"));
        assertThat(trace).anyMatch(n -> n.contains("DMP") && n.endsWith("-response.txt"));
        assertThat(trace.stream().filter(n -> n.endsWith("-request.txt")).count())
                .isEqualTo(trace.stream().filter(n -> n.endsWith("-response.txt")).count());
        assertThat(trace).anyMatch(n -> n.toUpperCase().contains("INSI"));
        String submit = trace.stream().filter(n -> n.contains("ITI-41") && n.endsWith("-request.txt")).findFirst()
                .orElseThrow();
        assertThat(Files.readString(out.resolve("trace").resolve(submit), StandardCharsets.ISO_8859_1))
                .contains("ProvideAndRegisterDocumentSetRequest");

        // mail/: each message as the server stored it, once per mailbox, the returns and the lab's sent copies
        List<String> mail = names(out.resolve("mail"));
        for (String who : List.of(SimulatedWorld.PRESCRIBER, SimulatedWorld.COPY, SimulatedWorld.PATIENT)) {
            String id = find(sendings, who).path("remoteIds").get(0).asText();
            assertThat(mail.stream().filter(n -> n.startsWith(who + "_INBOX")).filter(n -> contains(out, n, id)))
                    .as(who).hasSize(1);
        }
        assertThat(mail).filteredOn(n -> n.startsWith(SimulatedWorld.LAB + "_INBOX")).hasSize(2);   // the MDNs
        assertThat(mail).filteredOn(n -> n.startsWith(SimulatedWorld.LAB + "_Sent")).hasSize(3);
        assertThat(summary.path("elapsedMillis").asLong()).isPositive();

        // the readable summary (printed without --json) says what was sent where
        assertThat(summary.path("log").toString()).contains("Pro Santé Connect", "INSi", "CR-BIO", "Validation",
                "DMP", SimulatedWorld.PRESCRIBER, SimulatedWorld.PATIENT, "ACKNOWLEDGED");

        // run again into the same folder (the README's command, twice): the simulators start empty, so the run
        // sends everything again and its outputs replace the first run's; a file of the user's stays
        Files.writeString(out.resolve("mine.txt"), "kept");
        StringWriter o2 = new StringWriter();
        StringWriter e2 = new StringWriter();
        assertThat(Segur.run(new PrintWriter(o2), new PrintWriter(e2), "demo", "--out", out.toString(), "--json"))
                .as(e2.toString() + o2).isZero();
        JsonNode again = new ObjectMapper().readTree(o2.toString());
        JsonNode sendingsAgain = again.get("sendings");
        assertThat(find(sendingsAgain, SimulatedWorld.PRESCRIBER).path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(find(sendingsAgain, SimulatedWorld.COPY).path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(find(sendingsAgain, "DMP").path("status").asText()).isEqualTo("SENT");
        assertThat(names(out.resolve("mail"))).hasSameSizeAs(mail);
        assertThat(names(out.resolve("trace"))).hasSameSizeAs(trace);
        assertThat(Files.readString(out.resolve("mine.txt"))).isEqualTo("kept");
    }

    private static JsonNode find(JsonNode sendings, String what) {
        for (JsonNode s : sendings) {
            if (s.path("channel").asText().equals(what) || s.path("recipient").asText().equals(what)) {
                return s;
            }
        }
        throw new AssertionError("no sending " + what + " in " + sendings);
    }

    private static boolean contains(Path out, String name, String text) {
        try {
            return Files.readString(out.resolve("mail").resolve(name), StandardCharsets.ISO_8859_1).contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> names(Path folder) throws java.io.IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
