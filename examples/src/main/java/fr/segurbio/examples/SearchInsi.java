package fr.segurbio.examples;

import fr.segurbio.ins.Sex;
import fr.segurbio.ins.insi.InsiClient;
import fr.segurbio.ins.insi.InsiResult;
import fr.segurbio.ins.insi.TraitsSearch;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.insi.InsiSimulator;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Searches INSi with identity traits, against the testkit's INSi simulator over real mutual TLS.
 *
 * <p>Shows: the lab's {@link ServiceConnection} built once with its {@code INSI-AUTO} certificate (here issued
 * by the testkit's {@link TestPki}) and its network settings, the same value the DMP, MSSanté and Pro Santé
 * Connect clients take; an {@link InsiClient} that adds only INSi's own settings; and the four outcomes of a search, all of them results and none an exception:
 * {@code 00} one identity, {@code 01} none, {@code 02} several, and INSi unavailable (care goes on with a
 * provisional identity). The simulator validates each request against the INSi XSDs of the shared conformance
 * folder, which the SDK never ships.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.SearchInsi
 * </pre>
 */
public final class SearchInsi {

    private SearchInsi() {
    }

    /**
     * Starts the simulator and searches four patients.
     *
     * @param insiXsd the {@code xsd/} folder of the INSi WSDL package
     * @return each patient's birth name and the outcome: "00", "01", "02" or "unavailable"
     */
    public static Map<String, String> run(Path insiXsd) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        try (TestPki pki = TestPki.create();
             InsiSimulator simulator = InsiSimulator.start(pki, insiXsd)) {
            TestIdentity certificate = pki.insiAuto();   // CN INSI-AUTO: any other CN is refused by INSi
            try (ServiceConnection connection = ServiceConnection.builder()   // once for the lab's software
                    .certificate(certificate.pkcs12(), certificate.password())
                    .trustStore(TrustStore.of(pki.trustAnchors()))     // the IGC-Santé CAs in real life
                    .connectTimeout(Duration.ofSeconds(2))
                    .responseTimeout(Duration.ofSeconds(5))
                    .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(50)).build())
                    .build()) {
                InsiClient insi = InsiClient.builder()
                        .connection(connection)
                        .endpoint(simulator.endpoint())      // InsiClient.TEST_ENDPOINT on the CNAM bench
                        .software("LABO-SGL", "4.2.0", UUID.fromString("6f0c3c1e-8a52-4b1e-9a0d-3b5a1f7e2c44"))
                        .idam(InsiSimulator.DEFAULT_IDAM)    // the CNDA authorisation number in real life
                        .build();
                for (TraitsSearch search : List.of(
                        traits("ECETINSI", "PIERRE-ALAIN", Sex.M, "2009-07-14"),   // 00
                        traits("HOUILLES", "PIERRE", Sex.M, "1990-01-01"),         // 01
                        traits("HOMONYME", "CAMILLE", Sex.F, "1990-01-01"),        // 02: add the birth place
                        traits("PANNE", "SERVICE", Sex.M, "1970-01-01"))) {        // INSi down
                    outcomes.put(search.birthName(), handle(insi.search(search)));
                }
            }
        }
        return outcomes;
    }

    private static TraitsSearch traits(String birthName, String firstName, Sex sex, String birthDate) {
        // Traits go to INSi in INS form (see QualifyIdentity); only the first first name is sent first.
        return TraitsSearch.builder().birthName(birthName).firstName(firstName).sex(sex).birthDate(birthDate).build();
    }

    private static String handle(InsiResult result) {
        String code = result.code().orElse("unavailable");
        switch (code) {
            case "00" -> {
                InsiResult.Found found = (InsiResult.Found) result;
                // Keep the INS and the traits exactly as returned; warnings (a wrong key in a CNDA case…) are
                // shown to the user, never a reason to drop the answer.
                System.out.printf("00 : INS %s (%s), prénoms %s, %d INS historiques%n",
                        found.identity().active().matricule(), found.identity().active().kind(),
                        found.identity().traits().firstNames(), found.identity().history().size());
                found.warnings().problems().forEach(w -> System.out.println("   " + w.messageFr()));
            }
            case "01" -> System.out.println("01 : aucune identité ; vérifier les traits ou essayer un autre prénom");
            case "02" -> System.out.println("02 : plusieurs identités ; préciser le lieu de naissance");
            default -> {
                InsiResult.Unavailable down = (InsiResult.Unavailable) result;
                // RNIV: INSi being down never blocks care; the identity stays PROVISOIRE until a later call.
                System.out.println("INSi indisponible (" + down.reason() + ") : " + down.problem().messageFr());
            }
        }
        return code;
    }

    /**
     * Runs the example when the INSi schemas are found.
     *
     * @param args none
     */
    public static void main(String[] args) {
        String xsd = "conformance/insi/xsd";
        ConformanceMaterial.find(xsd).ifPresentOrElse(SearchInsi::run,
                () -> System.out.println(ConformanceMaterial.missing(xsd)));
    }
}
