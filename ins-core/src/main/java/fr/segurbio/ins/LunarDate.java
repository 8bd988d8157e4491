package fr.segurbio.ins;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.segurbio.core.ValidationResult;

/**
 * A date as INSi sends it ({@code DateLunaire}, {@code AAAA-MM-JJ}): three numbers that may not make a calendar
 * date (day or month {@code 00}, 30 February…). Kept as received; {@link #toBirthDate()} completes it with the
 * RNIV rules.
 *
 * <pre>{@code
 * LunarDate d = LunarDate.parse("1980-00-00");
 * d.isCalendarDate();          // false
 * d.toBirthDate().date();      // 1980-12-31, fictive
 * }</pre>
 *
 * @param raw the text as received
 * @param year the year
 * @param month the month as received (0 to 99)
 * @param day the day as received (0 to 99)
 */
public record LunarDate(String raw, int year, int month, int day) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    /**
     * Checks the fields.
     *
     * @param raw the text as received
     * @param year the year
     * @param month the month
     * @param day the day
     */
    public LunarDate {
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * Parses {@code AAAA-MM-JJ} without requiring a calendar date.
     *
     * @param text the date as received
     * @return the lunar date
     * @throws InsException {@code INS-031} when the text is not {@code AAAA-MM-JJ}
     */
    public static LunarDate parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new InsException(InsError.BIRTH_DATE_INVALID, String.valueOf(text));
        }
        return new LunarDate(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /**
     * Whether the three numbers make a real date.
     *
     * @return {@code true} for a calendar date
     */
    public boolean isCalendarDate() {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * The birth date: exact for a calendar date, otherwise completed with the RNIV rules (an impossible month
     * or day counts as unknown) and fictive.
     *
     * @return the birth date
     */
    public BirthDate toBirthDate() {
        if (isCalendarDate()) {
            return BirthDate.of(LocalDate.of(year, month, day));
        }
        int m = month >= 1 && month <= 12 ? month : 0;
        int d = day;
        if (m == 0) {
            d = day >= 1 && day <= 31 ? day : 0;
        } else {
            int length = LocalDate.of(year, m, 1).lengthOfMonth();
            d = day >= 1 && day <= length ? day : 0;
        }
        return BirthDate.complete(year, m, d);
    }

    /**
     * The warning to keep with an identity whose date is not a calendar date.
     *
     * @return empty for a calendar date, else an {@code INS-033} warning
     */
    public ValidationResult problems() {
        if (isCalendarDate()) {
            return ValidationResult.ok();
        }
        return ValidationResult.builder().add(InsError.LUNAR_DATE, "birthDate", raw, toBirthDate().date()).build();
    }

    @Override
    public String toString() {
        return raw;
    }
}
