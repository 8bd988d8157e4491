package fr.segurbio.loinc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;

class UcumTest {

    private final Ucum ucum = Ucum.standard();

    @Test
    void acceptsUsualLabUnits() {
        for (String u : new String[] {"mmol/L", "umol/L", "g/L", "mg/dL", "10*9/L", "10*12/L", "[IU]/L", "m[IU]/L",
            "U/L", "%", "mmol/mol", "fL", "pg", "s", "mm[Hg]", "mL/min/{1.73_m2}", "Cel", "{INR}"}) {
            assertThat(ucum.isValid(u)).as(u).isTrue();
        }
        assertThat(ucum.version()).startsWith("2.");
    }

    @Test
    void caseRules() {
        // UCUM is case-sensitive: MMOL is unknown; "l" and "L" are both the litre.
        ValidationResult upper = ucum.validate("MMOL/L");
        assertThat(upper.has(LoincError.INVALID_UCUM_UNIT)).isTrue();
        assertThat(upper.errors().get(0).message()).contains("→ mmol/L");
        ValidationResult lower = ucum.validate("mmol/l");
        assertThat(lower.isValid()).isTrue();
        assertThat(lower.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(LoincError.LOWERCASE_LITRE);
            assertThat(p.severity()).isEqualTo(Severity.INFO);
            assertThat(p.message()).contains("mmol/L");
        });
        assertThat(ucum.factor("mmol/l", "mmol/L")).isEqualByComparingTo("1");
        // "Mmol/L" is valid but means megamole per litre: a factor of 10^9 from mmol/L
        assertThat(ucum.factor("Mmol/L", "mmol/L")).isEqualByComparingTo("1E9");
    }

    @Test
    void microSignIsNotUcum() {
        ValidationResult r = ucum.validate("µmol/L");
        assertThat(r.has(LoincError.INVALID_UCUM_UNIT)).isTrue();
        assertThat(r.errors().get(0).message()).contains("→ umol/L");
        assertThat(ucum.suggestion("µg/l")).contains("ug/L");
        assertThat(ucum.suggestion("UI/L")).contains("[IU]/L");
        assertThat(ucum.suggestion("mUI/L")).contains("m[IU]/L");
        assertThat(ucum.suggestion("mmHg")).contains("mm[Hg]");
        assertThat(ucum.validate("").has(LoincError.INVALID_UCUM_UNIT)).isTrue();
        assertThat(ucum.validate("mmol / L").has(LoincError.INVALID_UCUM_UNIT)).isTrue();
    }

    @Test
    void gigaPerLitreWrittenGIsGauss() {
        ValidationResult r = ucum.validate("G/L");
        assertThat(r.isValid()).isTrue();
        assertThat(r.warnings()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(LoincError.GIGA_PER_LITRE);
            assertThat(p.message()).contains("10*9/L");
        });
        assertThat(ucum.isCommensurable("G/L", "10*9/L")).isFalse();
    }

    @Test
    void convertsWithKnownFactors() {
        assertThat(ucum.factor("mg/dL", "g/L")).isEqualByComparingTo("0.01");
        assertThat(ucum.factor("g/L", "mg/dL")).isEqualByComparingTo("100");
        assertThat(ucum.factor("mmol/L", "umol/L")).isEqualByComparingTo("1000");
        assertThat(ucum.factor("10*9/L", "10*3/uL")).isEqualByComparingTo("1");
        assertThat(ucum.factor("10*9/L", "/uL")).isEqualByComparingTo("1000");
        assertThat(ucum.factor("mm[Hg]", "kPa")).isEqualByComparingTo("0.133322");
        assertThat(ucum.factor("U/L", "ukat/L").doubleValue()).isCloseTo(1.0 / 60, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ucum.factor("%", "1")).isEqualByComparingTo("0.01");
        assertThat(ucum.convert(new BigDecimal("5.5"), "mmol/L", "umol/L")).isEqualByComparingTo("5500");
        assertThat(ucum.convert(new BigDecimal("37"), "Cel", "K")).isEqualByComparingTo("310.15");
        assertThat(ucum.convert(new BigDecimal("98.6"), "[degF]", "Cel")).isEqualByComparingTo("37");
        assertThatThrownBy(() -> ucum.factor("Cel", "K")).isInstanceOf(LoincException.class)
                .hasMessageStartingWith("LOINC-033");
    }

    @Test
    void glucoseMassAndSubstanceNeedAMolarMass() {
        ValidationResult r = ucum.checkConversion("g/L", "mmol/L");
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(LoincError.NEEDS_MOLAR_MASS);
            assertThat(p.message()).contains("not commensurable without molar mass");
            assertThat(p.messageFr()).contains("sans masse molaire");
        });
        assertThat(ucum.checkConversion("mmol/L", "mg/dL").has(LoincError.NEEDS_MOLAR_MASS)).isTrue();
        assertThatThrownBy(() -> ucum.factor("g/L", "mmol/L")).isInstanceOf(LoincException.class)
                .hasMessageStartingWith("LOINC-032");
        assertThatThrownBy(() -> ucum.convert(BigDecimal.ONE, "g/L", "mmol/L")).isInstanceOf(LoincException.class);
    }

    @Test
    void incommensurableUnits() {
        assertThat(ucum.checkConversion("g/L", "s").has(LoincError.NOT_COMMENSURABLE)).isTrue();
        // UCUM counts moles, but a lab never converts a substance concentration into a cell count
        assertThat(ucum.isCommensurable("mmol/L", "10*9/L")).isFalse();
        // arbitrary units are commensurable only with themselves
        assertThat(ucum.isCommensurable("[IU]/L", "mmol/L")).isFalse();
        assertThat(ucum.isCommensurable("[IU]/L", "m[IU]/mL")).isTrue();
        assertThat(ucum.factor("m[IU]/mL", "[IU]/L")).isEqualByComparingTo("1");
        assertThat(ucum.isCommensurable("%", "mmol/mol")).isFalse();
        assertThat(ucum.checkConversion("µmol/L", "mmol/L").has(LoincError.INVALID_UCUM_UNIT)).isTrue();
    }

    @Test
    void unitsAgainstLoincProperties() {
        assertThat(ucum.suitsProperty("g/L", "MCnc")).contains(true);
        assertThat(ucum.suitsProperty("mmol/L", "MCnc")).contains(false);
        assertThat(ucum.suitsProperty("mmol/L", "SCnc")).contains(true);
        assertThat(ucum.suitsProperty("10*9/L", "NCnc")).contains(true);
        assertThat(ucum.suitsProperty("G/L", "NCnc")).contains(false);
        assertThat(ucum.suitsProperty("U/L", "CCnc")).contains(true);
        assertThat(ucum.suitsProperty("%", "MFr")).contains(true);
        assertThat(ucum.suitsProperty("mmol/mol", "SFr")).contains(true);
        assertThat(ucum.suitsProperty("mmol/mol", "MFr")).contains(false);
        assertThat(ucum.suitsProperty("Cel", "Temp")).contains(true);
        assertThat(ucum.suitsProperty("m[IU]/L", "ACnc")).isEmpty();
        assertThat(Ucum.exampleUnit("SCnc")).contains("mmol/L, umol/L");
        assertThat(Ucum.isSubstance("mmol/L")).isTrue();
        assertThat(Ucum.isSubstance("mU/mL")).isTrue();
        assertThat(Ucum.isSubstance("mg/dL")).isFalse();
        assertThat(Ucum.isSubstance("[IU]/L")).isFalse();
    }
}
