package fr.segurbio.ins;

import java.util.OptionalInt;

import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;

/**
 * A matricule INS: 13 characters (sex digit 1 or 2, year, month 01–12 or 20–99, département including Corsica's
 * {@code 2A}/{@code 2B}, commune, order number) and a 2-digit key, {@code 97 - (number mod 97)} where {@code 2A}
 * counts as {@code 19} and {@code 2B} as {@code 18}. NIR and NIA look alike: the {@link AssigningAuthority} of an
 * {@link Ins}, not the digits, tells them apart. Numéros nationaux provisoires (first digit 7/8) and migrant
 * numbers (5/6) are not INS and are refused with that reason.
 *
 * <p>Immutable. {@link #parse} is strict; {@link #isValid} checks without allocating; {@link #validate} lists
 * every problem; {@link #lenient} and {@link #fromInsi} accept what INSi sends even with a wrong key (a CNDA
 * sample carries one) and report it as a warning. {@link #toString()} is masked for logs: use {@link #value()}.
 *
 * <pre>{@code
 * Matricule m = Matricule.parse("275126322074974");
 * m.key();                                       // "74"
 * Matricule.isValid("275126322074975");          // false: wrong key
 * Matricule.validate("2751263220749").errors();  // INS-001: 13 characters
 * Matricule.Received r = Matricule.fromInsi("1810363220456", "60");
 * r.warnings().has(InsError.WRONG_KEY);          // true, and r.matricule() is usable
 * }</pre>
 */
public final class Matricule {

    /** The number of characters of a matricule with its key. */
    public static final int LENGTH = 15;

    private final String value;
    private final boolean keyMatches;

    private Matricule(String value, boolean keyMatches) {
        this.value = value;
        this.keyMatches = keyMatches;
    }

    /**
     * Parses a matricule strictly: 15 characters, no space, a matching key ({@code 2a}/{@code 2b} are accepted and
     * upper-cased).
     *
     * @param text the 15 characters
     * @return the matricule
     * @throws InsException with every problem found, when the text is not a valid matricule INS
     */
    public static Matricule parse(CharSequence text) {
        if (isValid(text)) {
            return new Matricule(upper(text), true);
        }
        throw new InsException(validate(text));
    }

    /**
     * Reads a matricule received from INSi: the key is checked, but a wrong key is a warning, not an error.
     *
     * @param text the 15 characters
     * @return the matricule and the warnings
     * @throws InsException when the text is not a matricule even leniently (length, characters, NNP…)
     */
    public static Received lenient(CharSequence text) {
        ValidationResult result = validate(text);
        ValidationResult.Builder errors = ValidationResult.builder();
        ValidationResult.Builder warnings = ValidationResult.builder();
        for (Problem p : result.problems()) {
            if (p.code() == InsError.WRONG_KEY) {
                warnings.add(new Problem(p.code(), Severity.WARNING, p.path(), p.messageFr(), p.messageEn()));
            } else {
                errors.add(p);
            }
        }
        ValidationResult e = errors.build();
        if (!e.isValid()) {
            throw new InsException(e);
        }
        ValidationResult w = warnings.build();
        return new Received(new Matricule(upper(text), w.problems().isEmpty()), w);
    }

    /**
     * Reads the {@code NumIdentifiant} (13 characters) and {@code Cle} of an INSi answer, leniently (see
     * {@link #lenient}). A missing key is computed and reported as a warning.
     *
     * @param numIdentifiant the 13 characters
     * @param key the 2-digit key, or {@code null} when INSi sent none
     * @return the matricule and the warnings
     * @throws InsException when the number is not a matricule even leniently
     */
    public static Received fromInsi(String numIdentifiant, String key) {
        if (key == null || key.isEmpty()) {
            Received guess = lenient((numIdentifiant == null ? "" : numIdentifiant) + "00");
            Matricule m = new Matricule(guess.matricule().number() + guess.matricule().expectedKey(), true);
            return new Received(m, ValidationResult.of(Problem.of(InsError.KEY_FORMAT, Severity.WARNING, "key", "\"\"")));
        }
        return lenient(numIdentifiant + key);
    }

    /**
     * Every problem of a would-be matricule, never only the first one.
     *
     * @param text the text to check, may be {@code null}
     * @return the problems; valid when the text is a valid matricule INS
     */
    public static ValidationResult validate(CharSequence text) {
        if (isValid(text)) {
            return ValidationResult.ok();
        }
        ValidationResult.Builder b = ValidationResult.builder();
        if (text == null) {
            return b.add(InsError.MATRICULE_LENGTH, "matricule", 0).build();
        }
        int n = text.length();
        if (n != LENGTH) {
            b.add(InsError.MATRICULE_LENGTH, "matricule", n);
        }
        boolean badCharacter = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                continue;
            }
            if (i == 5 || i == 6) {
                if (i == 6 && text.charAt(5) == '2' && isAorB(c)) {
                    continue;
                }
                if (Character.isLetter(c)) {
                    badCharacter = true;
                    String dept = i == 5 && n > 6 ? "" + c + text.charAt(6) : i == 6 ? "" + text.charAt(5) + c : "" + c;
                    b.add(InsError.CORSICA, "matricule", dept);
                    continue;
                }
            }
            badCharacter = true;
            b.add(InsError.MATRICULE_CHARACTER, "matricule", quote(c), i + 1);
        }
        if (n > 0) {
            char sex = text.charAt(0);
            if (sex == '7' || sex == '8') {
                b.add(InsError.NNP, "matricule", sex);
            } else if (sex == '5' || sex == '6') {
                b.add(InsError.MIGRANT, "matricule", sex);
            } else if (isDigit(sex) && sex != '1' && sex != '2') {
                b.add(InsError.SEX_DIGIT, "matricule", sex);
            }
        }
        if (n >= 5 && isDigit(text.charAt(3)) && isDigit(text.charAt(4)) && !validMonth(text.charAt(3), text.charAt(4))) {
            b.add(InsError.MONTH, "matricule", "" + text.charAt(3) + text.charAt(4));
        }
        if (n == LENGTH && !badCharacter) {
            int expected = expectedKey(text);
            int actual = (text.charAt(13) - '0') * 10 + (text.charAt(14) - '0');
            if (actual != expected) {
                b.add(InsError.WRONG_KEY, "matricule", "" + text.charAt(13) + text.charAt(14), twoDigits(expected));
            }
        }
        return b.build();
    }

    /**
     * Whether the text is a valid matricule INS. Allocation-free: fit for checking millions of matricules.
     *
     * @param text the text to check, may be {@code null}
     * @return {@code true} when {@link #parse} would accept it
     */
    public static boolean isValid(CharSequence text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        char sex = text.charAt(0);
        if (sex != '1' && sex != '2') {
            return false;
        }
        long number = sex - '0';
        for (int i = 1; i < 13; i++) {
            char c = text.charAt(i);
            int d;
            if (isDigit(c)) {
                d = c - '0';
            } else if (i == 6 && text.charAt(5) == '2' && isAorB(c)) {
                // 2A counts as 19 and 2B as 18: the '2' already added becomes a '1'
                number -= 1;
                d = (c == 'A' || c == 'a') ? 9 : 8;
            } else {
                return false;
            }
            number = number * 10 + d;
        }
        if (!validMonth(text.charAt(3), text.charAt(4))) {
            return false;
        }
        char k1 = text.charAt(13);
        char k2 = text.charAt(14);
        if (!isDigit(k1) || !isDigit(k2)) {
            return false;
        }
        return (k1 - '0') * 10 + (k2 - '0') == 97 - (int) (number % 97);
    }

    /**
     * The key of the first 13 characters of a matricule, computed with the Corsica substitution.
     *
     * @param text at least 13 characters, of which the first 13 are digits or {@code 2A}/{@code 2B} at 6–7
     * @return the key, 1 to 97
     */
    private static int expectedKey(CharSequence text) {
        long number = 0;
        for (int i = 0; i < 13; i++) {
            char c = text.charAt(i);
            int d;
            if (i == 6 && isAorB(c)) {
                number -= 1;
                d = (c == 'A' || c == 'a') ? 9 : 8;
            } else {
                d = c - '0';
            }
            number = number * 10 + d;
        }
        return 97 - (int) (number % 97);
    }

    private static boolean validMonth(char m1, char m2) {
        if (m1 == '0') {
            return m2 >= '1' && m2 <= '9';
        }
        if (m1 == '1') {
            return m2 >= '0' && m2 <= '2';
        }
        return m1 >= '2' && m1 <= '9' && isDigit(m2);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAorB(char c) {
        return c == 'A' || c == 'B' || c == 'a' || c == 'b';
    }

    private static String quote(char c) {
        return c == ' ' ? "« »" : "'" + c + "'";
    }

    private static String upper(CharSequence text) {
        return text.toString().toUpperCase(java.util.Locale.ROOT);
    }

    private static String twoDigits(int key) {
        return key < 10 ? "0" + key : Integer.toString(key);
    }

    /**
     * The 15 characters (13 + key), upper case. Health data: do not log it (use {@link #toString()}).
     *
     * @return the matricule
     */
    public String value() {
        return value;
    }

    /**
     * The 13 characters without the key ({@code NumIdentifiant} in INSi messages).
     *
     * @return the 13 characters
     */
    public String number() {
        return value.substring(0, 13);
    }

    /**
     * The 2-digit key as written in the matricule.
     *
     * @return the key
     */
    public String key() {
        return value.substring(13);
    }

    /**
     * The key computed from the first 13 characters.
     *
     * @return the expected 2-digit key
     */
    public String expectedKey() {
        return twoDigits(expectedKey(value));
    }

    /**
     * Whether the key matches; always {@code true} for a matricule from {@link #parse}, possibly {@code false} for
     * one from {@link #lenient} or {@link #fromInsi}.
     *
     * @return {@code true} when the key is right
     */
    public boolean keyMatches() {
        return keyMatches;
    }

    /**
     * The first digit: 1 for a man, 2 for a woman at the time the number was given.
     *
     * @return 1 or 2
     */
    public int sexDigit() {
        return value.charAt(0) - '0';
    }

    /**
     * The two digits of the year of birth.
     *
     * @return 0 to 99
     */
    public int birthYearDigits() {
        return Integer.parseInt(value.substring(1, 3));
    }

    /**
     * The month of birth, absent when unknown (20 to 99 in the matricule).
     *
     * @return 1 to 12, or empty
     */
    public OptionalInt birthMonth() {
        int m = Integer.parseInt(value.substring(3, 5));
        return m <= 12 ? OptionalInt.of(m) : OptionalInt.empty();
    }

    /**
     * The 2 characters of the département of birth ({@code 99} abroad, {@code 2A}/{@code 2B} in Corsica).
     *
     * @return the département
     */
    public String department() {
        return value.substring(5, 7);
    }

    /**
     * Whether the person was born abroad (département 99).
     *
     * @return {@code true} for département 99
     */
    public boolean bornAbroad() {
        return value.startsWith("99", 5);
    }

    /**
     * The matricule with its 12 middle characters hidden, for logs.
     *
     * @return for example {@code 2************74}
     */
    public String masked() {
        return value.charAt(0) + "************" + value.substring(13);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matricule other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * The masked matricule (see {@link #masked()}); never the full value.
     *
     * @return the masked matricule
     */
    @Override
    public String toString() {
        return masked();
    }

    /**
     * A matricule read leniently from an INSi answer, with what was wrong in it.
     *
     * @param matricule the matricule, as received
     * @param warnings the problems tolerated (a wrong or missing key)
     */
    public record Received(Matricule matricule, ValidationResult warnings) {

        /**
         * Checks the fields.
         *
         * @param matricule the matricule, as received
         * @param warnings the problems tolerated
         */
        public Received {
            java.util.Objects.requireNonNull(matricule, "matricule");
            java.util.Objects.requireNonNull(warnings, "warnings");
        }
    }
}
