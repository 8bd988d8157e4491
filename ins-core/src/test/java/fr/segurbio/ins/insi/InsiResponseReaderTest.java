package fr.segurbio.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.core.Problem;
import fr.segurbio.ins.AssigningAuthority;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.InsError;
import fr.segurbio.ins.InsException;
import fr.segurbio.ins.Sex;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.transport.SecureXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The lenient reading of INSi answers, over the CNDA samples and over hand-written variants. */
class InsiResponseReaderTest {

    private static InsiResponseReader.Parsed readSample(String name) throws Exception {
        Optional<Path> samples = ConformanceMaterial.find("conformance/insi/samples");
        assumeTrue(samples.isPresent(), ConformanceMaterial.missing("conformance/insi/samples"));
        return read(Files.readString(samples.get().resolve(name)), InsEnvironment.TEST);
    }

    private static InsiResponseReader.Parsed read(String xml, InsEnvironment env) {
        Element r = InsiResponseReader.findResult(SecureXml.parse(xml));
        assertThat(r).isNotNull();
        return InsiResponseReader.read(r, env);
    }

    @Test
    void cndaOneIdentityWithTwoHistoryEntriesAndInconsistentDates() throws Exception {
        InsiResponseReader.Parsed p = readSample("TEST_2.04_cas2.xml");
        assertThat(p.code()).isEqualTo("00");
        InsiIdentity id = p.identity();
        assertThat(id.active().matricule().value()).isEqualTo("109076322083489");
        assertThat(id.active().authority()).isEqualTo(AssigningAuthority.NIR);
        assertThat(id.history()).hasSize(2);
        assertThat(id.history().get(0).start()).contains(LocalDate.of(2019, 3, 1));
        assertThat(id.history().get(0).end()).contains(LocalDate.of(2019, 2, 28));
        assertThat(id.traits().firstNames()).containsExactly("PIERRE-ALAIN", "MURIEL", "FLORIANT");
        assertThat(id.traits().firstFirstName()).isEqualTo("PIERRE-ALAIN");
        assertThat(id.traits().sex()).isEqualTo(Sex.M);
        assertThat(id.traits().birthDate().raw()).isEqualTo("2009-07-14");
        assertThat(id.traits().place()).hasValueSatisfying(b -> assertThat(b.code()).isEqualTo("63220"));
        assertThat(p.warnings().isValid()).isTrue();
        assertThat(p.warnings().has(InsiError.RESPONSE_ANOMALY)).isTrue();
    }

    @Test
    void cndaNia() throws Exception {
        InsiResponseReader.Parsed p = readSample("TEST_2.05.xml");
        assertThat(p.identity().active().authority()).isEqualTo(AssigningAuthority.NIA);
        assertThat(p.identity().traits().firstFirstName()).isEqualTo("MATRICULE");
        assertThat(p.warnings().problems()).isEmpty();
    }

    @Test
    void cndaCorsica() throws Exception {
        InsiResponseReader.Parsed p = readSample("TEST_2.08_cas1.xml");
        assertThat(p.identity().active().matricule().value()).isEqualTo("180032B02040123");
        assertThat(p.identity().traits().place().orElseThrow().code()).isEqualTo("2B020");
        assertThat(p.warnings().problems()).isEmpty();
    }

    @Test
    void cndaWrongKeysAreWarningsAndTheDataIsKeptAsReceived() throws Exception {
        InsiResponseReader.Parsed p = readSample("TEST_2.08_cas2.xml");
        assertThat(p.code()).isEqualTo("00");
        assertThat(p.identity().active().matricule().key()).isEqualTo("60");
        assertThat(p.identity().active().matricule().keyMatches()).isFalse();
        assertThat(p.warnings().isValid()).isTrue();
        assertThat(p.warnings().warnings()).extracting(Problem::path)
                .contains("INSACTIF.matricule", "INSHISTO[0].matricule", "INSHISTO[1].matricule");
        assertThat(p.warnings().has(InsError.WRONG_KEY)).isTrue();
        assertThat(p.identity().history()).hasSize(2);
    }

    @Test
    void cndaNoIdentity() throws Exception {
        InsiResponseReader.Parsed p = readSample("REP_CR01.xml");
        assertThat(p.code()).isEqualTo("01");
        assertThat(p.label()).isEqualTo("Aucune identite trouvee");
        assertThat(p.identity()).isNull();
    }

    @Test
    void prefixesOrderAndSingleHistoryAreTolerated() {
        String xml = "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body>"
                + "<ns2:RESULTAT xmlns:ns2='http://www.cnamts.fr/INSiResultat'>"
                + "<ns2:CR><ns2:LibelleCR>OK</ns2:LibelleCR><ns2:CodeCR>00</ns2:CodeCR></ns2:CR><ns2:INDIVIDU>"
                + "<ns2:TIQ><ns2:Sexe>F</ns2:Sexe><ns2:ListePrenom>ZOE</ns2:ListePrenom>"
                + "<ns2:NomNaissance>ADRUN</ns2:NomNaissance><ns2:DateNaissance>1975-00-00</ns2:DateNaissance></ns2:TIQ>"
                + "<ns2:INSHISTO><ns2:OID>1.2.250.1.213.1.4.8</ns2:OID><ns2:IdIndividu><ns2:TypeMatricule>NIR"
                + "</ns2:TypeMatricule><ns2:Cle>74</ns2:Cle><ns2:NumIdentifiant>2751263220749</ns2:NumIdentifiant>"
                + "</ns2:IdIndividu></ns2:INSHISTO>"
                + "<ns2:INSACTIF><ns2:OID>1.2.250.1.213.1.4.8</ns2:OID><ns2:IdIndividu>"
                + "<ns2:NumIdentifiant>2751263220749</ns2:NumIdentifiant></ns2:IdIndividu></ns2:INSACTIF>"
                + "</ns2:INDIVIDU></ns2:RESULTAT></env:Body></env:Envelope>";
        InsiResponseReader.Parsed p = read(xml, InsEnvironment.PRODUCTION);
        assertThat(p.identity().active().matricule().value()).isEqualTo("275126322074974");
        assertThat(p.identity().history()).hasSize(1);
        assertThat(p.identity().traits().place()).isEmpty();
        assertThat(p.identity().traits().birthDate().isCalendarDate()).isFalse();
        assertThat(p.warnings().has(InsError.LUNAR_DATE)).isTrue();
        assertThat(p.warnings().has(InsError.KEY_FORMAT)).isTrue();
    }

    @Test
    void severalIdentities() {
        String xml = "<RESULTAT xmlns='http://www.cnamts.fr/INSiResultat'><CR><CodeCR>02</CodeCR>"
                + "<LibelleCR>Plusieurs identites trouvees</LibelleCR></CR></RESULTAT>";
        assertThat(read(xml, InsEnvironment.TEST).code()).isEqualTo("02");
    }

    @Test
    void unreadableAnswersListEveryProblem() {
        String noActive = "<RESULTAT xmlns='http://www.cnamts.fr/INSiResultat'><CR><CodeCR>00</CodeCR></CR>"
                + "<INDIVIDU><TIQ><NomNaissance>X</NomNaissance><Sexe>I</Sexe></TIQ></INDIVIDU></RESULTAT>";
        assertThatThrownBy(() -> read(noActive, InsEnvironment.TEST)).isInstanceOf(InsException.class)
                .satisfies(e -> assertThat(((InsException) e).problems()).extracting(Problem::path)
                        .contains("INSACTIF", "TIQ.ListePrenom", "TIQ.Sexe", "TIQ.DateNaissance"));
        String unknown = "<RESULTAT><CR><CodeCR>07</CodeCR><LibelleCR>?</LibelleCR></CR></RESULTAT>";
        assertThatThrownBy(() -> read(unknown, InsEnvironment.TEST)).hasMessageContaining("INS-106");
        String noIndividu = "<RESULTAT><CR><CodeCR>00</CodeCR></CR></RESULTAT>";
        assertThatThrownBy(() -> read(noIndividu, InsEnvironment.TEST)).hasMessageContaining("INS-105");
    }

    @Test
    void testOidInProductionIsRefused() {
        String xml = "<RESULTAT><CR><CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR></CR><INDIVIDU><INSACTIF>"
                + "<IdIndividu><NumIdentifiant>2751263220749</NumIdentifiant><Cle>74</Cle></IdIndividu>"
                + "<OID>1.2.250.1.213.1.4.10</OID></INSACTIF><TIQ><NomNaissance>ADRUN</NomNaissance>"
                + "<ListePrenom>ZOE</ListePrenom><Sexe>F</Sexe><DateNaissance>1975-12-31</DateNaissance></TIQ>"
                + "</INDIVIDU></RESULTAT>";
        assertThat(read(xml, InsEnvironment.TEST).identity().active().authority())
                .isEqualTo(AssigningAuthority.NIR_TEST);
        assertThatThrownBy(() -> read(xml, InsEnvironment.PRODUCTION)).hasMessageContaining("INS-012");
    }
}
