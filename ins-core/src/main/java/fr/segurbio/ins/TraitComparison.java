package fr.segurbio.ins;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.internal.Messages;

/**
 * The differences between the traits recorded locally and those INSi returned, which the receptionist must
 * resolve before accepting the INSi identity. The local used name and first name are not compared (INSi does not
 * know them).
 *
 * <pre>{@code
 * TraitComparison c = TraitComparison.compare(localTraits, insiTraits);
 * if (!c.isIdentical()) {
 *     c.differences().forEach(d -> show(d.trait(), d.local(), d.insi()));
 * }
 * }</pre>
 *
 * @param differences one entry per trait that differs, in trait order
 */
public record TraitComparison(List<Difference> differences) {

    /**
     * Copies the list.
     *
     * @param differences the differences
     */
    public TraitComparison {
        differences = List.copyOf(differences);
    }

    /**
     * Compares local traits with the traits INSi returned.
     *
     * @param local the traits recorded locally
     * @param insi the traits INSi returned
     * @return the differences
     */
    public static TraitComparison compare(IdentityTraits local, IdentityTraits insi) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(insi, "insi");
        List<Difference> d = new ArrayList<>();
        add(d, Trait.BIRTH_NAME, local.birthName(), insi.birthName());
        add(d, Trait.BIRTH_FIRST_NAMES, local.birthFirstNamesText(), insi.birthFirstNamesText());
        add(d, Trait.FIRST_FIRST_NAME, local.firstFirstName(), insi.firstFirstName());
        add(d, Trait.SEX, local.sex().code(), insi.sex().code());
        add(d, Trait.BIRTH_DATE, local.birthDate().date().toString(), insi.birthDate().date().toString());
        add(d, Trait.BIRTH_PLACE, local.birthPlace().map(BirthPlace::code).orElse(""),
                insi.birthPlace().map(BirthPlace::code).orElse(""));
        return new TraitComparison(d);
    }

    private static void add(List<Difference> d, Trait trait, String local, String insi) {
        if (!local.equals(insi)) {
            d.add(new Difference(trait, local, insi));
        }
    }

    /**
     * Whether every compared trait is the same.
     *
     * @return {@code true} when there is no difference
     */
    public boolean isIdentical() {
        return differences.isEmpty();
    }

    /**
     * The differences as {@code INS-050} warnings, one per trait, for display.
     *
     * @return the warnings
     */
    public ValidationResult problems() {
        ValidationResult.Builder b = ValidationResult.builder();
        for (Difference diff : differences) {
            b.add(Messages.problem(InsError.TRAIT_DIFFERS, diff.trait().path(), diff.trait(), diff.local(),
                    diff.insi()));
        }
        return b.build();
    }

    /**
     * One trait that differs.
     *
     * @param trait the trait
     * @param local the local value ({@code ""} when not recorded; dates as {@code AAAA-MM-JJ})
     * @param insi the INSi value ({@code ""} when not returned)
     */
    public record Difference(Trait trait, String local, String insi) {

        /**
         * Checks the fields.
         *
         * @param trait the trait
         * @param local the local value
         * @param insi the INSi value
         */
        public Difference {
            Objects.requireNonNull(trait, "trait");
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(insi, "insi");
        }
    }
}
