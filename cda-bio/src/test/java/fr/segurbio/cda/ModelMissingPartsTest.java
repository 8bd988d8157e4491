package fr.segurbio.cda;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** A missing datum given to a model type is a coded CDA-001, not a NullPointerException. */
class ModelMissingPartsTest {

    private static void missing(Runnable r, String what) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(CdaException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(CdaError.MISSING);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(what);
        });
    }

    @Test
    void participationWithoutProfessional() {
        missing(() -> new Participation(null, Fixtures.T0), "professional");
    }

    @Test
    void encounterWithoutResponsible() {
        missing(() -> new Encounter(InstanceId.of("1.2.3", "V"), Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"),
                Fixtures.T0, null, Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "LBM")), "encounter responsible");
    }

    @Test
    void ratioOrRealWithoutNumber() {
        missing(() -> new ResultValue.Ratio(null, BigDecimal.ONE), "numerator");
        missing(() -> new ResultValue.Ratio(BigDecimal.ONE, null), "denominator");
        missing(() -> new ResultValue.Real(null), "value/@value");
    }

    @Test
    void attachmentWithoutData() {
        missing(() -> new Attachment("image/png", null, "Courbe"), "attachment data");
    }
}
