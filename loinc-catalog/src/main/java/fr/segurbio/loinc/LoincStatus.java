package fr.segurbio.loinc;

import java.util.Locale;

/**
 * The status of a LOINC term ({@code STATUS} column of {@code Loinc.csv}).
 *
 * <pre>{@code
 * LoincStatus.parse("DEPRECATED").isUsable(); // false
 * }</pre>
 */
public enum LoincStatus {
    /** In use. */
    ACTIVE,
    /** Experimental, may change. */
    TRIAL,
    /** Usable, but a better term exists or the concept is not recommended. */
    DISCOURAGED,
    /** Must not be used; see its replacement in {@code MapTo.csv}. */
    DEPRECATED;

    /**
     * Parses the status as written in the LOINC table.
     *
     * @param text the status, case-insensitive
     * @return the status
     * @throws IllegalArgumentException when unknown
     */
    public static LoincStatus parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * Whether a term with this status may be used in a new transcoding.
     *
     * @return {@code false} for {@link #DEPRECATED}
     */
    public boolean isUsable() {
        return this != DEPRECATED;
    }
}
