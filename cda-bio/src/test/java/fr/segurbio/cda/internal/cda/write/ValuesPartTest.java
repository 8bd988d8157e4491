package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.ResultValue;

/** Every value type, as CDA writes it. */
class ValuesPartTest {

    @Test
    void eachValueTypeHasItsXsiTypeAndAttributes() throws Exception {
        Fragment f = Fragment.of(out -> {
            ValuesPart.value(out, ResultValue.quantity("1.950", "m[IU]/L"), null);
            ValuesPart.value(out, ResultValue.above("0.512", "ug/mL", true), null);
            ValuesPart.value(out, new ResultValue.Coded(Code.of("260385009", CodeSystems.SNOMED_CT, "Négatif"), null,
                    false), null);
            ValuesPart.value(out, new ResultValue.Coded(Code.of("2", "1.2.3", "++"), null, true), null);
            ValuesPart.value(out, new ResultValue.Coded(null, "jaune citrin", false), null);
            ValuesPart.value(out, new ResultValue.Coded(null, "trouble", false), "val-9");
            ValuesPart.value(out, ResultValue.text("limpide"), null);
            ValuesPart.value(out, new ResultValue.Ratio(BigDecimal.ONE, new BigDecimal("64.0")), null);
            ValuesPart.value(out, new ResultValue.Ratio(new BigDecimal("1.5"), new BigDecimal("100")), null);
            ValuesPart.value(out, new ResultValue.Bool(false), null);
            ValuesPart.value(out, new ResultValue.Int(500), null);
            ValuesPart.value(out, new ResultValue.Real(new BigDecimal("1.015")), null);
        });
        assertThat(f.strings("/h:fragment/h:value/@xsi:type")).containsExactly("PQ", "IVL_PQ", "CD", "CO", "CD",
                "CD", "ST", "RTO", "RTO", "BL", "INT", "REAL");
        assertThat(f.string("/h:fragment/h:value[1]/@value")).isEqualTo("1.950");
        assertThat(f.string("/h:fragment/h:value[2]/h:low/@inclusive")).isEqualTo("true");
        assertThat(f.count("/h:fragment/h:value[2]/h:high")).isZero();
        assertThat(f.string("/h:fragment/h:value[3]/@codeSystemName")).isEqualTo("SNOMED CT");
        assertThat(f.string("/h:fragment/h:value[5]/h:originalText")).isEqualTo("jaune citrin");
        assertThat(f.string("/h:fragment/h:value[6]/h:originalText/h:reference/@value")).isEqualTo("#val-9");
        assertThat(f.string("/h:fragment/h:value[7]")).isEqualTo("limpide");
        assertThat(f.strings("/h:fragment/h:value[8]/*/@xsi:type")).containsExactly("INT", "INT");
        assertThat(f.strings("/h:fragment/h:value[8]/*/@value")).containsExactly("1", "64");
        assertThat(f.strings("/h:fragment/h:value[9]/*/@xsi:type")).containsExactly("REAL", "INT");
        assertThat(f.string("/h:fragment/h:value[10]/@value")).isEqualTo("false");
        assertThat(f.string("/h:fragment/h:value[11]/@value")).isEqualTo("500");
        assertThat(f.string("/h:fragment/h:value[12]/@value")).isEqualTo("1.015");
    }

    @Test
    void anInterpretationCarriesItsDisplayNameAndCodeSystem() throws Exception {
        Fragment f = Fragment.of(out -> ValuesPart.interpretation(out, Interpretation.H));
        assertThat(f.string("/h:fragment/h:interpretationCode/@code")).isEqualTo("H");
        assertThat(f.string("/h:fragment/h:interpretationCode/@displayName")).isEqualTo(Interpretation.H.displayName());
        assertThat(f.string("/h:fragment/h:interpretationCode/@codeSystem"))
                .isEqualTo(CodeSystems.OBSERVATION_INTERPRETATION);
    }
}
