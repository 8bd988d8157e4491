package fr.segurbio.ins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InsTest {

    @Test
    void theFourOids() {
        assertThat(AssigningAuthority.fromOid("1.2.250.1.213.1.4.8")).isEqualTo(AssigningAuthority.NIR);
        assertThat(AssigningAuthority.fromOid("1.2.250.1.213.1.4.9")).isEqualTo(AssigningAuthority.NIA);
        assertThat(AssigningAuthority.fromOid("1.2.250.1.213.1.4.10")).isEqualTo(AssigningAuthority.NIR_TEST);
        assertThat(AssigningAuthority.fromOid("1.2.250.1.213.1.4.11")).isEqualTo(AssigningAuthority.NIR_DEMO);
        assertThat(AssigningAuthority.NIR_TEST.kind()).isEqualTo(InsKind.NIR);
        assertThat(AssigningAuthority.NIR_DEMO.isProduction()).isFalse();
    }

    @Test
    void niaIsToldByItsOidNotItsDigits() {
        // TEST_2.05.xml: a NIA built like a NIR
        Ins nia = Ins.of("109076322088835", "1.2.250.1.213.1.4.9");
        assertThat(nia.kind()).isEqualTo(InsKind.NIA);
        Ins nir = Ins.of("109076322088835", "1.2.250.1.213.1.4.8");
        assertThat(nir.kind()).isEqualTo(InsKind.NIR);
        assertThat(nia).isNotEqualTo(nir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.250.1.213.1.4.2", "1.2.250.1.213.1.4.6", "1.2.250.1.213.1.4.7"})
    void insCIsRecognisedAndRefused(String oid) {
        assertThatThrownBy(() -> AssigningAuthority.fromOid(oid)).isInstanceOf(InsException.class)
                .hasMessageStartingWith("INS-011").hasMessageContaining("INS-C");
        assertThatThrownBy(() -> Ins.of("275126322074974", oid)).hasMessageContaining("INS-011");
    }

    @Test
    void unknownOid() {
        assertThatThrownBy(() -> AssigningAuthority.fromOid("1.2.250.1.213.1.4.12"))
                .hasMessageStartingWith("INS-010");
        assertThat(AssigningAuthority.validate(null, InsEnvironment.TEST).has(InsError.OID_UNKNOWN)).isTrue();
    }

    @Test
    void testAndDemoOidsAreRefusedInProductionOnly() {
        for (AssigningAuthority a : AssigningAuthority.values()) {
            boolean production = a == AssigningAuthority.NIR || a == AssigningAuthority.NIA;
            assertThat(InsEnvironment.PRODUCTION.accepts(a)).isEqualTo(production);
            assertThat(InsEnvironment.TEST.accepts(a)).isTrue();
            assertThat(AssigningAuthority.validate(a.oid(), InsEnvironment.PRODUCTION).isValid()).isEqualTo(production);
        }
        assertThatThrownBy(() -> Ins.of("275126322074974", "1.2.250.1.213.1.4.10", InsEnvironment.PRODUCTION))
                .isInstanceOf(InsException.class).hasMessageStartingWith("INS-012")
                .hasMessageContaining("INS-NIR-TEST");
        Ins test = Ins.of("275126322074974", "1.2.250.1.213.1.4.10", InsEnvironment.TEST);
        assertThat(test.isAcceptedIn(InsEnvironment.PRODUCTION)).isFalse();
        assertThat(test.isAcceptedIn(InsEnvironment.TEST)).isTrue();
    }

    @Test
    void everyProblemOfMatriculeAndOid() {
        assertThat(Ins.validate("275126322074975", "1.2.250.1.213.1.4.11", InsEnvironment.PRODUCTION).problems())
                .extracting(p -> p.code().id()).containsExactly("INS-003", "INS-012");
    }
}
