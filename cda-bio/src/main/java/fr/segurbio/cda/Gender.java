package fr.segurbio.cda;

import fr.segurbio.cda.internal.Bilingual;

/**
 * Administrative gender (JDV_J143, code system {@code 2.16.840.1.113883.5.1}).
 *
 * <pre>{@code
 * Gender g = Gender.fromCode("F");
 * }</pre>
 */
public enum Gender {
    /** Féminin. */
    F("Féminin"),
    /** Masculin. */
    M("Masculin"),
    /** Inconnu. */
    U("Inconnu");

    private final String displayName;

    Gender(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The French display name.
     *
     * @return the display name
     */
    public String displayName() {
        return displayName;
    }

    /**
     * The gender of a code.
     *
     * @param code {@code F}, {@code M} or {@code U}
     * @return the gender
     * @throws CdaException {@code CDA-008} for another code
     */
    public static Gender fromCode(String code) {
        for (Gender g : values()) {
            if (g.name().equals(code)) {
                return g;
            }
        }
        throw new CdaException(CdaError.BAD_VALUE, String.valueOf(code), Bilingual.of("le sexe est F, M ou U", "gender is F, M or U"));
    }
}
