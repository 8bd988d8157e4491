package fr.segurbio.ins;

/**
 * The identity traits: the five strict INS traits returned by INSi (birth name, birth first names, sex, birth
 * date, birth place), the first first name derived from them, and the local used name and first name.
 *
 * <pre>{@code
 * Trait.BIRTH_NAME.path();           // "birthName"
 * Trait.BIRTH_NAME.label(true);      // "nom de naissance"
 * }</pre>
 */
public enum Trait {
    /** Nom de naissance. */
    BIRTH_NAME("birthName", "nom de naissance", "birth name", Kind.NAME),
    /** Liste des prénoms de naissance (space-separated in INSi and in the Datamatrix). */
    BIRTH_FIRST_NAMES("birthFirstNames", "liste des prénoms de naissance", "birth first names", Kind.FIRST_NAMES),
    /** Premier prénom de naissance. */
    FIRST_FIRST_NAME("firstFirstName", "premier prénom de naissance", "first birth first name", Kind.FIRST_NAME),
    /** Nom utilisé (local). */
    USED_NAME("usedName", "nom utilisé", "used name", Kind.NAME),
    /** Prénom utilisé (local). */
    USED_FIRST_NAME("usedFirstName", "prénom utilisé", "used first name", Kind.FIRST_NAME),
    /** Sexe. */
    SEX("sex", "sexe", "sex", Kind.OTHER),
    /** Date de naissance. */
    BIRTH_DATE("birthDate", "date de naissance", "birth date", Kind.OTHER),
    /** Lieu de naissance (COG). */
    BIRTH_PLACE("birthPlace", "lieu de naissance", "birth place", Kind.OTHER);

    /** The lexical rules a text trait follows. */
    enum Kind {
        NAME, FIRST_NAME, FIRST_NAMES, OTHER
    }

    private final String path;
    private final String fr;
    private final String en;
    private final Kind kind;

    Trait(String path, String fr, String en, Kind kind) {
        this.path = path;
        this.fr = fr;
        this.en = en;
        this.kind = kind;
    }

    /**
     * The field name used in problem paths and JSON.
     *
     * @return for example {@code birthName}
     */
    public String path() {
        return path;
    }

    /**
     * The trait's name for a reader.
     *
     * @param french {@code true} for French
     * @return for example {@code "nom de naissance"}
     */
    public String label(boolean french) {
        return french ? fr : en;
    }

    /**
     * Whether this trait is text that the INS lexical rules (A–Z, space, apostrophe, hyphen) apply to.
     *
     * @return {@code true} for names and first names
     */
    public boolean isText() {
        return kind != Kind.OTHER;
    }

    Kind kind() {
        return kind;
    }
}
