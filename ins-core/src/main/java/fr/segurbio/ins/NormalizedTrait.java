package fr.segurbio.ins;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import fr.segurbio.core.ValidationResult;

/**
 * What the {@link TraitNormalizer} made of a typed trait: the value in INS form, the changes made (also listed
 * as {@code INS-026} information problems) and the errors that no normalisation can fix.
 *
 * <pre>{@code
 * NormalizedTrait n = TraitNormalizer.normalize(Trait.BIRTH_NAME, "Hélène");
 * n.isValid();   // true
 * n.value();     // "HELENE"
 * }</pre>
 *
 * @param trait the trait
 * @param input what was typed
 * @param value the value in INS form (meaningful only when valid)
 * @param changes the changes made
 * @param problems the information on each change and the errors
 */
public record NormalizedTrait(Trait trait, String input, String value, List<TraitChange> changes,
        ValidationResult problems) {

    /**
     * Checks the fields.
     *
     * @param trait the trait
     * @param input what was typed
     * @param value the value in INS form
     * @param changes the changes made
     * @param problems the problems
     */
    public NormalizedTrait {
        Objects.requireNonNull(trait, "trait");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(value, "value");
        changes = List.copyOf(changes);
        Objects.requireNonNull(problems, "problems");
    }

    /**
     * Whether the input could be put into INS form.
     *
     * @return {@code true} when there is no error
     */
    public boolean isValid() {
        return problems.isValid();
    }

    /**
     * Whether the value differs from the input.
     *
     * @return {@code true} when at least one change was made
     */
    public boolean changed() {
        return !changes.isEmpty();
    }

    /**
     * The value, when valid.
     *
     * @return the value in INS form
     * @throws InsException with every error when the input could not be normalised
     */
    public String orThrow() {
        problems.orThrow(InsException::new);
        return value;
    }

    /**
     * For {@link Trait#BIRTH_FIRST_NAMES}: the first names one by one.
     *
     * @return the space-separated parts of the value
     */
    public List<String> parts() {
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(" "));
    }
}
