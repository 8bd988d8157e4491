package fr.segurbio.hl7v2.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** HL7 v2 DTM/TS text ({@code YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]}) to java.time and back. */
public final class Hl7Time {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Hl7Time() {
    }

    /**
     * The local date and time of a TS, missing parts set to their start; empty when the text is not a TS.
     *
     * @param ts the text
     * @return the date-time
     */
    public static Optional<LocalDateTime> dateTime(String ts) {
        String t = strip(ts);
        if (t == null || t.length() < 4 || t.length() % 2 != 0 || !t.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        try {
            int y = Integer.parseInt(t.substring(0, 4));
            int mo = t.length() >= 6 ? Integer.parseInt(t.substring(4, 6)) : 1;
            int d = t.length() >= 8 ? Integer.parseInt(t.substring(6, 8)) : 1;
            int h = t.length() >= 10 ? Integer.parseInt(t.substring(8, 10)) : 0;
            int mi = t.length() >= 12 ? Integer.parseInt(t.substring(10, 12)) : 0;
            int s = t.length() >= 14 ? Integer.parseInt(t.substring(12, 14)) : 0;
            return Optional.of(LocalDateTime.of(y, mo, d, h, mi, s));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The date of a TS with at least year, month and day; empty otherwise.
     *
     * @param ts the text
     * @return the date
     */
    public static Optional<LocalDate> date(String ts) {
        String t = strip(ts);
        if (t == null || t.length() < 8) {
            return Optional.empty();
        }
        return dateTime(t.substring(0, 8)).map(LocalDateTime::toLocalDate);
    }

    private static String strip(String ts) {
        if (ts == null) {
            return null;
        }
        String t = ts.trim();
        int z = Math.max(t.indexOf('+'), t.indexOf('-'));
        if (z > 0) {
            t = t.substring(0, z);
        }
        int dot = t.indexOf('.');
        if (dot > 0) {
            t = t.substring(0, dot);
        }
        return t;
    }

    /**
     * A TS to the second, without offset (the volets' examples: {@code 20240306111154}).
     *
     * @param time the time
     * @return the TS text
     */
    public static String format(OffsetDateTime time) {
        return SECONDS.format(time);
    }

    /**
     * A date as {@code YYYYMMDD}.
     *
     * @param date the date
     * @return the DT text
     */
    public static String format(LocalDate date) {
        return DateTimeFormatter.BASIC_ISO_DATE.format(date);
    }
}
