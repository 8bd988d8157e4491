package fr.segurbio.loinc.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the dates French tools write: ISO 8601 instants and date-times, {@code YYYY-MM-DD},
 * {@code DD/MM/YYYY[ HH:mm[:ss]]}; local times are in Europe/Paris.
 */
public final class Dates {

    /** The zone of dates written without offset. */
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter FR_DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm[:ss]");

    private Dates() {
    }

    /**
     * Parses a date or date-time.
     *
     * @param text the text
     * @return the instant, or empty when not a date
     */
    public static Optional<Instant> parse(String text) {
        String s = text.strip();
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Optional.of(LocalDateTime.parse(s).atZone(PARIS).toInstant());
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay(PARIS).toInstant());
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Optional.of(LocalDate.parse(s, FR_DATE).atStartOfDay(PARIS).toInstant());
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Optional.of(LocalDateTime.parse(s, FR_DATE_TIME).atZone(PARIS).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
