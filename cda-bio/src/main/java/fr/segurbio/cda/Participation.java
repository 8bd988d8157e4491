package fr.segurbio.cda;

import java.time.OffsetDateTime;

/**
 * A health professional acting at a time: author, validating biologist, prescriber (time of the
 * prescription), sampler (time of sampling), performing or subcontracting lab (time of the work).
 *
 * <pre>{@code
 * Participation validation = new Participation(biologist, OffsetDateTime.parse("2024-01-04T16:05:27+01:00"));
 * }</pre>
 *
 * @param professional who
 * @param time when
 */
public record Participation(HealthProfessional professional, OffsetDateTime time) {

    /**
     * Checks the fields.
     *
     * @param professional who
     * @param time when
     */
    public Participation {
        if (professional == null) {
            throw new CdaException(CdaError.MISSING, "professional");
        }
        if (time == null) {
            throw new CdaException(CdaError.MISSING, "time");
        }
    }
}
