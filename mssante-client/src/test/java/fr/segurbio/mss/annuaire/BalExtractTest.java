package fr.segurbio.mss.annuaire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BalExtractTest {

    static BalExtract read(String text) {
        return BalExtract.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheExtractionByRpps() {
        BalExtract e = read("""
                \uFEFFtype_identifiant_pp;identifiant_pp;nom;prenom;adresse_bal_mssante;type_bal;liste_rouge;dematerialisation
                8;10003456789;DUPONT;Jean-Marie;jean-marie.dupont@infirmier.mssante.fr;PER;0;1
                8;10003456789;DUPONT;Jean-Marie;cabinet.dupont@infirmier.mssante.fr;CAB;0;1
                8;810001111111;MARTIN;Claire;claire.martin@medecin.mssante.fr;PER;1;1
                8;pas-un-rpps;X;Y;x@medecin.mssante.fr;PER;0;1
                8;10002222222;DURAND;Paul;pas une adresse;PER;0;1
                8;10003333333;PETIT;Anne;anne.petit@medecin.mssante.fr;XYZ;0;1
                """);
        assertThat(e.size()).isEqualTo(2);
        Professional p = e.lookup("10003456789");
        assertThat(p.familyName()).isEqualTo("DUPONT");
        assertThat(p.mailboxes()).hasSize(2);
        assertThat(p.reportMailbox().address().address()).isEqualTo("jean-marie.dupont@infirmier.mssante.fr");
        // the IDNPS form (8 + RPPS) is read as the RPPS; liste rouge honoured
        assertThatThrownBy(() -> e.lookup("10001111111").reportMailbox()).hasMessageStartingWith("MSS-106");
        assertThat(e.problems()).hasSize(3).extracting(x -> x.path()).containsExactly("line 5", "line 6", "line 7");
        assertThatThrownBy(() -> e.lookup("10002222222")).hasMessageStartingWith("MSS-406");
    }

    @Test
    void pipeSeparatedFilesWithOnlyTheRequiredColumns() {
        BalExtract e = read("identifiant_pp|adresse_bal_mssante\n10003456789|jm.dupont@infirmier.mssante.fr\n");
        assertThat(e.lookup("10003456789").reportMailbox().type()).isEqualTo(MailboxType.PER);
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefused() {
        assertThatThrownBy(() -> read("rpps;mail\n10003456789;x@medecin.mssante.fr\n")).hasMessageStartingWith("MSS-404");
        assertThatThrownBy(() -> read("")).hasMessageStartingWith("MSS-404");
    }
}
