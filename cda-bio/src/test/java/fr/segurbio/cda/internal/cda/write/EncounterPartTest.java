package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The encompassing encounter. */
class EncounterPartTest {

    @Test
    void theEncounterIsLocatedAtItsResponsiblesOrganization() throws Exception {
        Fragment f = Fragment.of(out -> EncounterPart.componentOf(out, WriteFixtures.sample().encounter()));
        assertThat(f.string("//h:encompassingEncounter/h:code/@code")).isEqualTo("AMB");
        assertThat(f.string("//h:healthCareFacility/h:code/@code")).isEqualTo("SA25");
        assertThat(f.string("//h:healthCareFacility/h:location/h:name")).isEqualTo("Laboratoire des charmes");
        assertThat(f.count("//h:responsibleParty/h:assignedEntity/h:assignedPerson")).isEqualTo(1);
    }
}
