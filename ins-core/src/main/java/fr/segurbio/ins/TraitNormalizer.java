package fr.segurbio.ins;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.internal.Messages;

/**
 * Puts what a receptionist types into the form INSi and the INS Datamatrix impose on names and first names
 * (SEL-MP-043 v05): upper-case {@code A}–{@code Z}, space, apostrophe ({@code '}), hyphen and double hyphen;
 * no lower case, no diacritic, no ligature. The normaliser upper-cases, removes accents, expands ligatures
 * ({@code Œ} → {@code OE}, {@code Æ} → {@code AE}), replaces typographic apostrophes and dashes, trims and
 * collapses spaces, and reports each change. What it cannot fix (a digit, a leading hyphen, a double hyphen in a
 * first name…) is an error with its reason: it never drops a character silently.
 *
 * <p>{@link #validate(Trait, String)} applies the same rules to a value that must already be in INS form (what
 * INSi returned, or what a builder receives): it changes nothing and refuses lower case or accents.
 *
 * <pre>{@code
 * TraitNormalizer.normalize(Trait.BIRTH_NAME, "  Lœuvre-d'Étienne ").value();   // "LOEUVRE-D'ETIENNE"
 * TraitNormalizer.normalize(Trait.BIRTH_NAME, "Dupont2").isValid();             // false, INS-021
 * TraitNormalizer.validate(Trait.BIRTH_NAME, "Dupont").isValid();              // false: lower case
 * }</pre>
 */
public final class TraitNormalizer {

    private TraitNormalizer() {
    }

    /**
     * Normalises a typed name or first name.
     *
     * @param trait a text trait ({@link Trait#isText()})
     * @param input what was typed, may be {@code null}
     * @return the value, the changes and the problems
     */
    public static NormalizedTrait normalize(Trait trait, String input) {
        requireText(trait);
        String in = input == null ? "" : input;
        List<TraitChange> changes = new ArrayList<>();
        Set<TraitChange> seen = new LinkedHashSet<>();
        ValidationResult.Builder problems = ValidationResult.builder();
        StringBuilder out = new StringBuilder(in.length() + 4);
        for (int i = 0; i < in.length(); ) {
            int cp = in.codePointAt(i);
            i += Character.charCount(cp);
            String from = new String(Character.toChars(cp));
            if ((cp >= 'A' && cp <= 'Z') || cp == ' ' || cp == '\'' || cp == '-') {
                out.appendCodePoint(cp);
            } else if (cp >= 'a' && cp <= 'z') {
                out.append((char) (cp - 32));
                note(seen, new TraitChange(TraitChange.Kind.UPPER_CASED, from, from.toUpperCase(java.util.Locale.ROOT)));
            } else if (ligature(cp) != null) {
                String to = ligature(cp);
                out.append(to);
                note(seen, new TraitChange(TraitChange.Kind.LIGATURE_EXPANDED, from, to));
            } else if (isApostrophe(cp)) {
                out.append('\'');
                note(seen, new TraitChange(TraitChange.Kind.APOSTROPHE_REPLACED, from, "'"));
            } else if (isDash(cp)) {
                out.append('-');
                note(seen, new TraitChange(TraitChange.Kind.HYPHEN_REPLACED, from, "-"));
            } else if (cp == '\t' || cp == '\u00A0' || cp == '\u202F' || cp == '\u2007' || cp == '\u2009') {
                out.append(' ');
                note(seen, new TraitChange(TraitChange.Kind.SPACE_REPLACED, from, " "));
            } else {
                String base = stripAccent(from);
                if (base != null) {
                    out.append(base);
                    note(seen, new TraitChange(TraitChange.Kind.ACCENT_REMOVED, from, base));
                } else {
                    problems.add(Messages.problem(InsError.TRAIT_CHARACTER, trait.path(), describe(cp), trait));
                }
            }
        }
        String value = out.toString();
        String trimmed = value.strip();
        if (!trimmed.equals(value)) {
            note(seen, new TraitChange(TraitChange.Kind.TRIMMED, value, trimmed));
            value = trimmed;
        }
        String collapsed = value.replaceAll(" {2,}", " ");
        if (!collapsed.equals(value)) {
            note(seen, new TraitChange(TraitChange.Kind.SPACES_COLLAPSED, value, collapsed));
            value = collapsed;
        }
        changes.addAll(seen);
        ValidationResult.Builder all = ValidationResult.builder();
        for (TraitChange c : changes) {
            all.add(Messages.problem(InsError.TRAIT_NORMALISED, Severity.INFO, trait.path(), trait, c.from(), c.to(),
                    new Messages.Bilingual(c.kind().label(true), c.kind().label(false))));
        }
        all.addAll(problems.build());
        if (!problems.hasErrors()) {
            all.addAll(validate(trait, value));
        } else {
            all.addAll(ValidationResult.of(structure(trait, value)));
        }
        return new NormalizedTrait(trait, in, value, changes, all.build());
    }

    /**
     * Checks a value that must already be in INS form, without changing it.
     *
     * @param trait a text trait ({@link Trait#isText()})
     * @param value the value, may be {@code null}
     * @return every problem; valid when the value is in INS form
     */
    public static ValidationResult validate(Trait trait, String value) {
        requireText(trait);
        ValidationResult.Builder b = ValidationResult.builder();
        if (value == null || value.isEmpty()) {
            return b.add(Messages.problem(InsError.TRAIT_EMPTY, trait.path(), trait)).build();
        }
        Set<Integer> reported = new LinkedHashSet<>();
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            boolean ok = (cp >= 'A' && cp <= 'Z') || cp == ' ' || cp == '\'' || cp == '-';
            if (!ok && reported.add(cp)) {
                b.add(Messages.problem(InsError.TRAIT_CHARACTER, trait.path(), describe(cp), trait));
            }
        }
        structure(trait, value).forEach(b::add);
        return b.build();
    }

    /**
     * Whether a value is in INS form for a trait.
     *
     * @param trait a text trait
     * @param value the value
     * @return {@code true} when {@link #validate} finds nothing
     */
    public static boolean isValid(Trait trait, String value) {
        return validate(trait, value).problems().isEmpty();
    }

    private static List<fr.segurbio.core.Problem> structure(Trait trait, String value) {
        List<fr.segurbio.core.Problem> problems = new ArrayList<>();
        if (value.isEmpty()) {
            problems.add(Messages.problem(InsError.TRAIT_EMPTY, trait.path(), trait));
            return problems;
        }
        String path = trait.path();
        char first = value.charAt(0);
        if (first == ' ' || first == '-') {
            problems.add(Messages.problem(InsError.TRAIT_EDGE, path, trait, String.valueOf(first)));
        }
        Trait.Kind kind = trait.kind();
        boolean firstName = kind != Trait.Kind.NAME;
        List<String> words = kind == Trait.Kind.FIRST_NAMES ? List.of(value.split(" ", -1)) : List.of(value);
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            char last = w.charAt(w.length() - 1);
            if (last == ' ' || last == '-' || (firstName && last == '\'')) {
                problems.add(Messages.problem(InsError.TRAIT_EDGE, path, trait, String.valueOf(last)));
                break;
            }
        }
        for (String pair : new String[] {"  ", "''", " '", "' "}) {
            if (value.contains(pair)) {
                problems.add(Messages.problem(InsError.TRAIT_DOUBLED, path, trait, pair));
            }
        }
        if (value.contains("---")) {
            problems.add(Messages.problem(InsError.TRAIT_HYPHENS, path, trait));
        }
        if (firstName && value.contains("--")) {
            problems.add(Messages.problem(InsError.FIRST_NAME_DOUBLE_HYPHEN, path, value));
        }
        return problems;
    }

    private static void requireText(Trait trait) {
        if (!trait.isText()) {
            throw new IllegalArgumentException(trait + " is not a text trait");
        }
    }

    private static void note(Set<TraitChange> seen, TraitChange change) {
        seen.add(change);
    }

    private static String ligature(int cp) {
        switch (cp) {
            case 'Œ':
            case 'œ':
                return "OE";
            case 'Æ':
            case 'æ':
                return "AE";
            case 'ß':
                return "SS";
            default:
                return null;
        }
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\u2019' || cp == '\u2018' || cp == '\u02BC' || cp == '`' || cp == '\u00B4' || cp == '\u2032';
    }

    private static boolean isDash(int cp) {
        return cp == '\u2010' || cp == '\u2011' || cp == '\u2012' || cp == '\u2013' || cp == '\u2014'
                || cp == '\u2212';
    }

    /** The upper-case A–Z letter under a letter with diacritics, or {@code null}. */
    private static String stripAccent(String letter) {
        String decomposed = Normalizer.normalize(letter, Normalizer.Form.NFD);
        if (decomposed.isEmpty()) {
            return null;
        }
        char base = decomposed.charAt(0);
        if (!((base >= 'A' && base <= 'Z') || (base >= 'a' && base <= 'z'))) {
            return null;
        }
        for (int i = 1; i < decomposed.length(); i++) {
            if (Character.getType(decomposed.charAt(i)) != Character.NON_SPACING_MARK) {
                return null;
            }
        }
        if (decomposed.length() == 1) {
            return null;
        }
        return String.valueOf(Character.toUpperCase(base));
    }

    private static String describe(int cp) {
        if (cp == ' ') {
            return "« »";
        }
        String s = new String(Character.toChars(cp));
        return Character.isISOControl(cp) ? String.format("U+%04X", cp) : "'" + s + "' (U+" + String.format("%04X", cp) + ")";
    }
}
