package fr.segurbio.loinc;

import java.util.Optional;

import fr.segurbio.core.ValidationResult;

/**
 * A LOINC observation code: 1 to 7 digits, a hyphen and the LOINC mod-10 check digit ({@code 2345-7}).
 * An instance is always well formed; whether the code exists or is deprecated is the business of a
 * {@link LoincTable}.
 *
 * <p>{@link #isValid(CharSequence)} allocates nothing and is meant for hot paths; {@link #check(CharSequence)}
 * gives every reason a text is not a LOINC code; {@link #parse(CharSequence)} throws them.
 *
 * <pre>{@code
 * LoincCode glucose = LoincCode.parse("2345-7");
 * LoincCode.isValid("2345-8");                // false: the check digit is 7
 * LoincCode.check("23457").errors();          // LOINC-002 missing hyphen (→ 2345-7)
 * LoincCode.of(11502).value();                // "11502-2"
 * }</pre>
 */
public final class LoincCode implements Comparable<LoincCode> {

    /** The OID of LOINC as a code system ({@code codeSystem} in CDA). */
    public static final String SYSTEM_OID = "2.16.840.1.113883.6.1";
    /** The FHIR canonical URI of LOINC. */
    public static final String SYSTEM_URI = "http://loinc.org";
    /** The most digits before the hyphen that this SDK accepts. */
    public static final int MAX_DIGITS = 7;

    private final String value;
    private final int number;

    private LoincCode(String value, int number) {
        this.value = value;
        this.number = number;
    }

    /**
     * Whether the text is a well-formed LOINC code with the right check digit. Allocation-free.
     *
     * @param text the text, may be {@code null}
     * @return {@code true} when {@link #parse(CharSequence)} would succeed
     */
    public static boolean isValid(CharSequence text) {
        if (text == null) {
            return false;
        }
        int n = text.length();
        if (n < 3 || n > MAX_DIGITS + 2 || text.charAt(n - 2) != '-' || text.charAt(0) == '0') {
            return false;
        }
        int check = text.charAt(n - 1) - '0';
        if (check < 0 || check > 9) {
            return false;
        }
        int sum = 0;
        boolean twice = true;
        for (int i = n - 3; i >= 0; i--) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d <<= 1;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10 == check;
    }

    /**
     * The LOINC mod-10 check digit of a run of digits (the Luhn algorithm: from the right, every other digit
     * doubled, the digits summed, the complement to the next multiple of ten).
     *
     * <pre>{@code
     * LoincCode.checkDigit("2345"); // 7
     * }</pre>
     *
     * @param digits the digits before the hyphen
     * @return the check digit, 0 to 9
     * @throws IllegalArgumentException when {@code digits} is empty or holds anything but ASCII digits
     */
    public static int checkDigit(CharSequence digits) {
        if (digits.length() == 0) {
            throw new IllegalArgumentException("no digits");
        }
        return checkDigit(digits, 0, digits.length());
    }

    private static int checkDigit(CharSequence s, int start, int end) {
        int sum = 0;
        boolean twice = true;
        for (int i = end - 1; i >= start; i--) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a digit at " + i);
            }
            if (twice) {
                d <<= 1;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    /**
     * The code for a LOINC number, with its check digit computed.
     *
     * @param number the number before the hyphen, 1 to 9999999
     * @return the code
     */
    public static LoincCode of(int number) {
        if (number < 1 || number > 9_999_999) {
            throw new IllegalArgumentException("a LOINC number is between 1 and 9999999: " + number);
        }
        String digits = Integer.toString(number);
        return new LoincCode(digits + '-' + checkDigit(digits), number);
    }

    /**
     * Parses a LOINC code.
     *
     * @param text the code, such as {@code "2345-7"}
     * @return the code
     * @throws LoincException with every reason when the text is not a LOINC code
     */
    public static LoincCode parse(CharSequence text) {
        if (isValid(text)) {
            String s = text.toString();
            return new LoincCode(s, Integer.parseInt(s, 0, s.length() - 2, 10));
        }
        throw new LoincException(check(text));
    }

    /**
     * Parses a LOINC code, or nothing when the text is not one.
     *
     * @param text the text
     * @return the code, or empty
     */
    public static Optional<LoincCode> tryParse(CharSequence text) {
        return isValid(text) ? Optional.of(parse(text)) : Optional.empty();
    }

    /**
     * Every reason the text is not a LOINC code (empty, missing or extra hyphen, letters, length, leading
     * zero, wrong check digit); a valid result when it is one.
     *
     * @param text the text, may be {@code null}
     * @return the problems found
     */
    public static ValidationResult check(CharSequence text) {
        if (isValid(text)) {
            return ValidationResult.ok();
        }
        ValidationResult.Builder r = ValidationResult.builder();
        if (text == null || text.length() == 0) {
            return r.add(LoincError.EMPTY_CODE, "").build();
        }
        String s = text.toString();
        if (s.length() > 2 && (s.regionMatches(true, 0, "LP", 0, 2) || s.regionMatches(true, 0, "LA", 0, 2)
                || s.regionMatches(true, 0, "LL", 0, 2)) && Character.isDigit(s.charAt(2))) {
            return r.add(LoincError.NOT_AN_OBSERVATION_CODE, "", s).build();
        }
        int hyphens = 0;
        int hyphenAt = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                hyphens++;
                hyphenAt = i;
            } else if (c < '0' || c > '9') {
                r.add(LoincError.INVALID_CHARACTER, "", s, printable(c), i + 1);
            }
        }
        if (r.hasErrors()) {
            return r.build();
        }
        if (hyphens == 0) {
            String hint = "";
            if (s.length() >= 2 && s.length() <= MAX_DIGITS + 1 && s.charAt(0) != '0'
                    && checkDigit(s, 0, s.length() - 1) == s.charAt(s.length() - 1) - '0') {
                hint = " → " + s.substring(0, s.length() - 1) + "-" + s.charAt(s.length() - 1);
            }
            return r.add(LoincError.MISSING_HYPHEN, "", s, hint).build();
        }
        if (hyphens > 1) {
            return r.add(LoincError.EXTRA_HYPHEN, "", s).build();
        }
        if (hyphenAt != s.length() - 2 || hyphenAt == 0 || hyphenAt > MAX_DIGITS) {
            return r.add(LoincError.WRONG_LENGTH, "", s).build();
        }
        if (s.charAt(0) == '0') {
            return r.add(LoincError.LEADING_ZERO, "", s).build();
        }
        int expected = checkDigit(s, 0, hyphenAt);
        return r.add(LoincError.WRONG_CHECK_DIGIT, "", s, expected, s.substring(0, hyphenAt) + "-" + expected)
                .build();
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    /**
     * The code as written, {@code "2345-7"}.
     *
     * @return the code
     */
    public String value() {
        return value;
    }

    /**
     * The number before the hyphen.
     *
     * @return the number, {@code 2345} for {@code 2345-7}
     */
    public int number() {
        return number;
    }

    /**
     * The check digit.
     *
     * @return the digit after the hyphen
     */
    public int checkDigit() {
        return value.charAt(value.length() - 1) - '0';
    }

    @Override
    public int compareTo(LoincCode other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoincCode other && number == other.number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    @Override
    public String toString() {
        return value;
    }
}
