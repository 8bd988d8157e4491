package fr.segurbio.ins;

import java.util.Objects;
import java.util.regex.Pattern;

import fr.segurbio.core.ValidationResult;

/**
 * A birth place: the 5-character INSEE code (COG) of the commune of birth ({@code 2A004} in Corsica) or, for a
 * birth abroad, {@code 99} followed by the INSEE code of the country.
 *
 * <pre>{@code
 * BirthPlace.of("63220").isAbroad();   // false
 * BirthPlace.of("99134").isAbroad();   // true (born in Spain)
 * }</pre>
 *
 * @param code the 5 characters
 */
public record BirthPlace(String code) {

    private static final Pattern COG = Pattern.compile("\\d{5}|2[AB]\\d{3}");

    /**
     * Checks the code.
     *
     * @param code the 5 characters
     * @throws InsException {@code INS-029} when the code is not a COG code
     */
    public BirthPlace {
        Objects.requireNonNull(code, "code");
        if (!COG.matcher(code).matches()) {
            throw new InsException(InsError.BIRTH_PLACE, code);
        }
    }

    /**
     * A birth place.
     *
     * @param code the 5 characters
     * @return the birth place
     * @throws InsException {@code INS-029} when the code is not a COG code
     */
    public static BirthPlace of(String code) {
        return new BirthPlace(code);
    }

    /**
     * The problems of a birth place code.
     *
     * @param code the code
     * @return valid for a 5-character COG code
     */
    public static ValidationResult validate(String code) {
        if (code != null && COG.matcher(code).matches()) {
            return ValidationResult.ok();
        }
        return ValidationResult.builder().add(InsError.BIRTH_PLACE, "birthPlace", String.valueOf(code)).build();
    }

    /**
     * Whether the person was born abroad.
     *
     * @return {@code true} for a {@code 99xxx} code
     */
    public boolean isAbroad() {
        return code.startsWith("99");
    }

    @Override
    public String toString() {
        return code;
    }
}
