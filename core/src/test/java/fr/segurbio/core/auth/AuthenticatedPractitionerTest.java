package fr.segurbio.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthenticatedPractitionerTest {

    private AuthenticatedPractitioner.Builder valid() {
        return AuthenticatedPractitioner.builder().nationalId("810002909371").familyName("BIOLOGISTE")
                .givenName("Anne").professionCode("21").sectorCode("SA07").structureId("3750000000/LAB1")
                .authenticatedAt(Instant.parse("2026-12-02T08:00:00Z"));
    }

    @Test
    void rppsIsTheNationalIdWithoutItsTypeDigit() {
        AuthenticatedPractitioner p = valid().specialtyCode(" ").build();
        assertThat(p.rpps()).contains("10002909371");
        assertThat(p.specialtyCode()).isEmpty();
        assertThat(valid().nationalId("3750000000/123").build().rpps()).isEmpty();
    }

    @Test
    void requiredFieldsAreChecked() {
        assertThatThrownBy(() -> valid().familyName(" ").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("familyName");
        assertThatThrownBy(() -> valid().structureId(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("structureId");
    }
}
