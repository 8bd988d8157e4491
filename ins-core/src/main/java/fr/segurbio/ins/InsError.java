package fr.segurbio.ins;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the INS model and of the INS Datamatrix ({@code INS-001} … {@code INS-099}). The INSi
 * client declares its own codes from {@code INS-100} on.
 *
 * <pre>{@code
 * ValidationResult r = Matricule.validate("109076322083488");
 * r.has(InsError.WRONG_KEY);   // true
 * }</pre>
 */
public enum InsError implements ErrorCode {

    // --- matricule ------------------------------------------------------------------------------------
    /** The matricule does not have 15 characters. */
    MATRICULE_LENGTH("INS-001", "Le matricule INS doit compter 15 caractères (13 + clé de 2 chiffres), pas %s",
            "A matricule INS has 15 characters (13 + a 2-digit key), not %s"),
    /** A character that a matricule cannot hold. */
    MATRICULE_CHARACTER("INS-002", "Caractère %s non autorisé en position %s du matricule INS",
            "Character %s is not allowed at position %s of a matricule INS"),
    /** The key does not match the 13 first characters. */
    WRONG_KEY("INS-003", "La clé %s ne correspond pas au matricule (clé attendue : %s)",
            "Key %s does not match the matricule (expected key: %s)"),
    /** The first digit is neither 1 nor 2. */
    SEX_DIGIT("INS-004", "Le premier chiffre du matricule INS doit être 1 ou 2, pas %s",
            "The first digit of a matricule INS must be 1 or 2, not %s"),
    /** A numéro national provisoire (NNP, first digit 7 or 8). */
    NNP("INS-005", "Le numéro commence par %s : c'est un numéro national provisoire (NNP), pas un INS",
            "The number starts with %s: it is a provisional national number (NNP), not an INS"),
    /** A migrant number (first digit 5 or 6). */
    MIGRANT("INS-006", "Le numéro commence par %s : c'est un numéro de migrant de passage, pas un INS",
            "The number starts with %s: it is a number of a migrant in transit, not an INS"),
    /** Month 00 or 13 to 19. */
    MONTH("INS-007", "Le mois de naissance %s du matricule n'existe pas (01 à 12, ou 20 à 99 si inconnu)",
            "Birth month %s of the matricule does not exist (01 to 12, or 20 to 99 when unknown)"),
    /** A letter in the département other than Corsica's 2A / 2B. */
    CORSICA("INS-008", "Département %s invalide : seuls 2A et 2B (Corse) peuvent contenir une lettre",
            "Département %s is invalid: only 2A and 2B (Corsica) may hold a letter"),
    /** The key is not two digits. */
    KEY_FORMAT("INS-009", "La clé %s du matricule doit être formée de 2 chiffres",
            "Key %s of the matricule must be 2 digits"),

    // --- OID and environment -------------------------------------------------------------------------------
    /** The OID is not an INS assigning authority. */
    OID_UNKNOWN("INS-010", "L'OID %s n'est pas celui d'une autorité d'affectation de l'INS",
            "OID %s is not the OID of an INS assigning authority"),
    /** An INS-C OID. */
    OID_INS_C("INS-011", "L'OID %s est celui d'un INS-C, qui n'est plus un INS depuis 2021",
            "OID %s belongs to an INS-C, which has not been an INS since 2021"),
    /** A test or demonstration OID in production. */
    OID_NOT_IN_PRODUCTION("INS-012", "L'OID %s (%s) est refusé en production",
            "OID %s (%s) is refused in production"),

    // --- identity traits -----------------------------------------------------------------------------------
    /** A required trait is empty. */
    TRAIT_EMPTY("INS-020", "Le trait %s est obligatoire", "Trait %s is required"),
    /** A character that cannot be put into INS form. */
    TRAIT_CHARACTER("INS-021", "Caractère %s non autorisé dans %s (seuls A à Z, espace, apostrophe et tiret)",
            "Character %s is not allowed in %s (only A to Z, space, apostrophe and hyphen)"),
    /** Starts or ends with a separator. */
    TRAIT_EDGE("INS-022", "%s ne peut pas commencer ou finir par « %s »", "%s may not start or end with \"%s\""),
    /** Doubled or combined spaces and apostrophes. */
    TRAIT_DOUBLED("INS-023", "%s contient « %s » : espaces et apostrophes ne peuvent être doublés ni combinés",
            "%s holds \"%s\": spaces and apostrophes may be neither doubled nor combined"),
    /** Three hyphens or more. */
    TRAIT_HYPHENS("INS-024", "%s contient plus de deux tirets de suite", "%s holds more than two hyphens in a row"),
    /** A double hyphen in a first name. */
    FIRST_NAME_DOUBLE_HYPHEN("INS-025", "Le prénom %s contient un double tiret, réservé aux noms",
            "First name %s holds a double hyphen, which only names may hold"),
    /** A normaliser change, for information. */
    TRAIT_NORMALISED("INS-026", "%s : « %s » transformé en « %s » (%s)", "%s: \"%s\" changed into \"%s\" (%s)"),
    /** The first first name is not the start of the list of birth first names. */
    FIRST_FIRST_NAME("INS-027", "Le premier prénom %s n'est pas le début de la liste des prénoms %s",
            "First first name %s is not the start of the list of first names %s"),
    /** Sex other than M/F. */
    SEX("INS-028", "Sexe %s invalide : M ou F", "Sex %s is invalid: M or F"),
    /** Birth place that is not a COG code. */
    BIRTH_PLACE("INS-029", "Lieu de naissance %s invalide : code INSEE (COG) de 5 caractères, 99xxx à l'étranger",
            "Birth place %s is invalid: a 5-character INSEE (COG) code, 99xxx abroad"),

    // --- birth date ------------------------------------------------------------------------------------------
    /** An incomplete date completed with the RNIV rules. */
    BIRTH_DATE_INCOMPLETE("INS-030", Severity.WARNING,
            "Date de naissance incomplète %s remplacée par %s (date fictive, règles RNIV)",
            "Incomplete birth date %s replaced by %s (fictive date, RNIV rules)"),
    /** Not a date. */
    BIRTH_DATE_INVALID("INS-031", "Date de naissance %s invalide", "Birth date %s is invalid"),
    /** In the future. */
    BIRTH_DATE_FUTURE("INS-032", "Date de naissance %s dans le futur", "Birth date %s is in the future"),
    /** An INSi lunar date that is not a calendar date. */
    LUNAR_DATE("INS-033", Severity.WARNING, "Date lunaire %s reçue de l'INSi : date fictive %s",
            "Lunar date %s received from INSi: fictive date %s"),

    // --- identity status -------------------------------------------------------------------------------------
    /** INSi may not be called for a doubtful or fictitious identity. */
    INSI_FORBIDDEN("INS-040", "Identité %s : l'appel au téléservice INSi est interdit",
            "Identity %s: calling the INSi teleservice is forbidden"),
    /** Attributes that cannot be combined. */
    ATTRIBUTES("INS-041", "Les attributs %s ne peuvent pas être combinés (seuls DOUTEUSE et HOMONYME le peuvent)",
            "Attributes %s cannot be combined (only DOUTEUSE and HOMONYME may)"),
    /** Only a qualified identity may be shared. */
    NOT_QUALIFIED("INS-042", "Identité %s : seule une identité qualifiée peut porter l'INS dans un échange",
            "Identity %s: only a qualified identity may carry the INS in an exchange"),
    /** An identity returned by INSi without INS. */
    INS_MISSING("INS-043", "Une identité récupérée par l'INSi doit porter son INS",
            "An identity retrieved from INSi must carry its INS"),
    /** A local identifier without an OID. */
    LOCAL_ID("INS-044", "Identifiant local %s invalide : valeur et OID de l'autorité d'affectation requis",
            "Local identifier %s is invalid: a value and its assigning authority OID are required"),
    /** A trait differs between the local identity and the INSi answer. */
    TRAIT_DIFFERS("INS-050", Severity.WARNING, "%s : « %s » localement, « %s » selon l'INSi",
            "%s: \"%s\" locally, \"%s\" from INSi"),

    // --- INS Datamatrix --------------------------------------------------------------------------------------
    /** No Datamatrix found in the image. */
    DM_NOT_FOUND("INS-060", "Aucun Datamatrix lisible dans %s", "No readable Datamatrix in %s"),
    /** Not the INS Datamatrix header. */
    DM_HEADER("INS-061", "En-tête %s : ce n'est pas un Datamatrix INS (IS01 suivi de 22 zéros attendu)",
            "Header %s: not an INS Datamatrix (IS01 followed by 22 zeros expected)"),
    /** An unknown field identifier. */
    DM_UNKNOWN_FIELD("INS-062", "Identifiant de champ %s inconnu à la position %s",
            "Unknown field identifier %s at position %s"),
    /** A required field is missing. */
    DM_MISSING_FIELD("INS-063", "Champ %s (%s) absent", "Field %s (%s) is missing"),
    /** A field appears twice. */
    DM_DUPLICATE_FIELD("INS-064", "Champ %s présent plusieurs fois", "Field %s appears more than once"),
    /** A field value that is too long or badly formed. */
    DM_FIELD_FORMAT("INS-065", "Champ %s invalide : %s", "Field %s is invalid: %s"),
    /** The data ends inside a fixed-length field. */
    DM_TRUNCATED("INS-066", "Données tronquées : le champ %s compte %s caractères au lieu de %s",
            "Truncated data: field %s has %s characters instead of %s"),
    /** The image cannot be read. */
    DM_IMAGE("INS-067", "Image illisible : %s", "Unreadable image: %s"),
    /** The symbol cannot be written. */
    DM_ENCODE("INS-068", "Le Datamatrix INS ne peut pas être produit : %s", "The INS Datamatrix cannot be written: %s");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    InsError(String id, String fr, String en) {
        this(id, Severity.ERROR, fr, en);
    }

    InsError(String id, Severity severity, String fr, String en) {
        this.id = id;
        this.severity = severity;
        this.fr = fr;
        this.en = en;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String frenchTemplate() {
        return fr;
    }

    @Override
    public String englishTemplate() {
        return en;
    }
}
