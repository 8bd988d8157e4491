package fr.segurbio.ins;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;

/**
 * A birth date and its "fictive" flag. A date whose day or month is unknown is completed with the RNIV rules
 * and flagged fictive: day unknown → {@code 01/MM/AAAA}; month unknown → {@code JJ/01/AAAA}; day and month
 * unknown → {@code 31/12/AAAA}. A birth date is never in the future.
 *
 * <pre>{@code
 * BirthDate d = BirthDate.complete(1980, 0, 0);   // 31/12/1980, fictive
 * d.isFictive();                                  // true
 * BirthDate.parse("00/05/1980").date();           // 1980-05-01
 * BirthDate.of(LocalDate.of(1975, 12, 31)).toDatamatrix();   // "31-12-1975"
 * }</pre>
 */
public final class BirthDate {

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern FRENCH = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})");
    private static final DateTimeFormatter DATAMATRIX = DateTimeFormatter.ofPattern("dd-MM-uuuu");

    private final LocalDate date;
    private final boolean fictive;

    private BirthDate(LocalDate date, boolean fictive) {
        this.date = date;
        this.fictive = fictive;
    }

    /**
     * A known, exact birth date.
     *
     * @param date the date, not in the future
     * @return the birth date
     * @throws InsException {@code INS-032} for a date in the future
     */
    public static BirthDate of(LocalDate date) {
        return of(date, false);
    }

    /**
     * A birth date with an explicit fictive flag (a date declared uncertain by the patient, or completed
     * elsewhere with the RNIV rules).
     *
     * @param date the date, not in the future
     * @param fictive whether the date is fictive or uncertain
     * @return the birth date
     * @throws InsException {@code INS-032} for a date in the future
     */
    public static BirthDate of(LocalDate date, boolean fictive) {
        Objects.requireNonNull(date, "date");
        if (date.isAfter(LocalDate.now())) {
            throw new InsException(InsError.BIRTH_DATE_FUTURE, date);
        }
        return new BirthDate(date, fictive);
    }

    /**
     * A birth date whose day or month may be unknown ({@code 0}), completed with the RNIV rules.
     *
     * @param year the year
     * @param month 1 to 12, or 0 when unknown
     * @param day 1 to 31, or 0 when unknown
     * @return the birth date, fictive when the day or the month was unknown
     * @throws InsException {@code INS-031} when the known parts do not make a date, {@code INS-032} in the future
     */
    public static BirthDate complete(int year, int month, int day) {
        boolean dayUnknown = day == 0;
        boolean monthUnknown = month == 0;
        int d = day;
        int m = month;
        if (dayUnknown && monthUnknown) {
            d = 31;
            m = 12;
        } else if (dayUnknown) {
            d = 1;
        } else if (monthUnknown) {
            m = 1;
        }
        try {
            return of(LocalDate.of(year, m, d), dayUnknown || monthUnknown);
        } catch (DateTimeException e) {
            throw new InsException(Problem.of(InsError.BIRTH_DATE_INVALID, "birthDate",
                    String.format("%02d/%02d/%04d", day, month, year)), e);
        }
    }

    /**
     * Parses {@code AAAA-MM-JJ} or {@code JJ/MM/AAAA}, where {@code 00} stands for an unknown day or month
     * (completed with the RNIV rules, see {@link #validate(String)} for the warning).
     *
     * @param text the date
     * @return the birth date
     * @throws InsException when the text is not a date
     */
    public static BirthDate parse(String text) {
        int[] ymd = split(text);
        if (ymd == null) {
            throw new InsException(InsError.BIRTH_DATE_INVALID, String.valueOf(text));
        }
        return complete(ymd[0], ymd[1], ymd[2]);
    }

    /**
     * Every problem of a birth date text: an error when it is not a date or in the future, a warning
     * ({@code INS-030}) when it was completed with the RNIV rules.
     *
     * @param text {@code AAAA-MM-JJ} or {@code JJ/MM/AAAA}
     * @return the problems
     */
    public static ValidationResult validate(String text) {
        try {
            BirthDate d = parse(text);
            if (d.isFictive()) {
                return ValidationResult.builder().add(InsError.BIRTH_DATE_INCOMPLETE, "birthDate", text,
                        d.date.toString()).build();
            }
            return ValidationResult.ok();
        } catch (InsException e) {
            return ValidationResult.of(e.problems());
        }
    }

    private static int[] split(String text) {
        if (text == null) {
            return null;
        }
        Matcher iso = ISO.matcher(text);
        if (iso.matches()) {
            return new int[] {Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                Integer.parseInt(iso.group(3))};
        }
        Matcher fr = FRENCH.matcher(text);
        if (fr.matches()) {
            return new int[] {Integer.parseInt(fr.group(3)), Integer.parseInt(fr.group(2)),
                Integer.parseInt(fr.group(1))};
        }
        return null;
    }

    /**
     * The date (completed with the RNIV rules when fictive).
     *
     * @return the date
     */
    public LocalDate date() {
        return date;
    }

    /**
     * Whether the date is fictive or uncertain.
     *
     * @return {@code true} for a completed or declared-uncertain date
     */
    public boolean isFictive() {
        return fictive;
    }

    /**
     * The date as the INS Datamatrix writes it.
     *
     * @return {@code JJ-MM-AAAA}
     */
    public String toDatamatrix() {
        return date.format(DATAMATRIX);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BirthDate other && date.equals(other.date) && fictive == other.fictive;
    }

    @Override
    public int hashCode() {
        return date.hashCode() * 31 + (fictive ? 1 : 0);
    }

    @Override
    public String toString() {
        return date + (fictive ? " (fictive)" : "");
    }
}
