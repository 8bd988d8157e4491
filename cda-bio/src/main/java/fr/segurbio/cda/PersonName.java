package fr.segurbio.cda;

import java.util.Optional;

/**
 * A health professional's name (PN).
 *
 * <pre>{@code
 * PersonName n = new PersonName("M", "Marcel", "CAMPARINI", "DR");
 * }</pre>
 *
 * @param prefix the civility ({@code M}, {@code MME}), or {@code null}
 * @param given the given name, or {@code null}
 * @param family the family name
 * @param suffix the title ({@code DR}, {@code PR}), or {@code null}
 */
public record PersonName(String prefix, String given, String family, String suffix) {

    /**
     * Checks the fields.
     *
     * @param prefix the civility, or {@code null}
     * @param given the given name, or {@code null}
     * @param family the family name
     * @param suffix the title, or {@code null}
     */
    public PersonName {
        family = InstanceId.requireText(family, "name/family");
        prefix = Address.blankToNull(prefix);
        given = Address.blankToNull(given);
        suffix = Address.blankToNull(suffix);
    }

    /**
     * A name without prefix nor suffix.
     *
     * @param given the given name
     * @param family the family name
     * @return the name
     */
    public static PersonName of(String given, String family) {
        return new PersonName(null, given, family, null);
    }

    /**
     * The given name, if any.
     *
     * @return the given name
     */
    public Optional<String> optionalGiven() {
        return Optional.ofNullable(given);
    }

    /**
     * The name as printed: {@code "DR Marcel CAMPARINI"}.
     *
     * @return the display form
     */
    public String display() {
        StringBuilder b = new StringBuilder();
        if (suffix != null) {
            b.append(suffix).append(' ');
        }
        if (given != null) {
            b.append(given).append(' ');
        }
        return b.append(family).toString();
    }
}
