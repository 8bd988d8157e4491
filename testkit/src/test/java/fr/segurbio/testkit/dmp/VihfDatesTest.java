package fr.segurbio.testkit.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The VIHF dates' fast reading gives what {@link OffsetDateTime#parse} gives, or leaves the value to it. */
class VihfDatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T18:44:27Z", "2026-12-02T18:44:27.5Z", "2026-12-02T18:44:27.123Z",
            "2026-12-02T18:44:27.123456789Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z"})
    void theCommonFormIsReadAsTheJdkReadsIt(String value) {
        assertThat(VihfVerifier.utcInstant(value)).isEqualTo(OffsetDateTime.parse(value).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T18:44:27+01:00", "2026-12-02T18:44Z", "2026-12-02T18:44:27.Z",
            "2026-12-02T18:44:27.1234567890Z", "2026-12-02T18:44:27z", "2026-12-02 18:44:27Z", "2023-02-29T00:00:00Z",
            "2026-13-02T18:44:27Z", "2026-12-02T24:00:00Z", "2026-12-02T23:59:60Z", "2026-12-0xT18:44:27Z",
            "+2026-12-02T18:44:27Z", "2026-12-02T18:44:27.12a4Z", "", "not a date at all, not at all"})
    void anyOtherFormIsLeftToTheJdk(String value) {
        // OffsetDateTime.parse then reads it (an offset, no seconds, "27.Z", a lower-case z) or refuses it, as before
        assertThat(VihfVerifier.utcInstant(value)).isNull();
    }
}
