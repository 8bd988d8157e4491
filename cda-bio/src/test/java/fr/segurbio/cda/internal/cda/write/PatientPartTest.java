package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The recordTarget. */
class PatientPartTest {

    @Test
    void thePatientCarriesTheInsOnlyWhenItMayBeShared() throws Exception {
        Fragment qualified = Fragment.of(out -> PatientPart.recordTarget(out, WriteFixtures.sample().patient()));
        assertThat(qualified.strings("//h:patientRole/h:id/@root"))
                .containsExactly("1.2.250.1.213.1.4.10", "1.2.3.4.567.8.9.10");
        assertThat(WriteFixtures.sample().patient().usedFamilyName()).isEmpty();
        assertThat(qualified.strings("//h:patient/h:name/h:family/@qualifier")).containsExactly("BR");
        // no used given name in the sample: none is written (a birth name is never written as a used one)
        assertThat(qualified.strings("//h:patient/h:name/h:given/@qualifier")).containsExactly("BR");
        assertThat(qualified.string("//h:patient/h:guardian/h:guardianPerson/h:name/h:family")).isEqualTo("NESSI");
        assertThat(qualified.children("//h:patient")).containsSubsequence("birthTime", "guardian", "birthplace");
        assertThat(qualified.string("//h:patient/h:birthTime/@value")).isEqualTo("19790328");
        assertThat(qualified.string("//h:birthplace/h:place/h:addr/h:county")).isEqualTo("51215");
        Fragment local = Fragment.of(out -> PatientPart.recordTarget(out, WriteFixtures.minimal().build().patient()));
        assertThat(local.strings("//h:patientRole/h:id/@root")).containsExactly("1.2.3.4.567.8.9.10");
        assertThat(local.string("//h:patient/h:birthTime/@nullFlavor")).isEqualTo("UNK");
        assertThat(local.count("//h:birthplace")).isZero();
        assertThat(local.strings("//h:patient/h:name/h:family")).containsExactly("SANS-INS");
        assertThat(local.count("//h:patient/h:guardian")).isZero();
    }
}
