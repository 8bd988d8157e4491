package fr.segurbio.loinc;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the {@code loinc-catalog} module ({@code LOINC-001} …), with French and English messages.
 *
 * <pre>{@code
 * ValidationResult r = LoincCode.check("2345-8");
 * r.has(LoincError.WRONG_CHECK_DIGIT); // true
 * }</pre>
 */
public enum LoincError implements ErrorCode {

    // LOINC code format (001-009)
    /** The code is empty. */
    EMPTY_CODE("LOINC-001", Severity.ERROR,
            "Le code LOINC est vide",
            "The LOINC code is empty"),
    /** No hyphen before the check digit. */
    MISSING_HYPHEN("LOINC-002", Severity.ERROR,
            "Le code LOINC « %s » n'a pas de tiret avant le chiffre de contrôle (format NNNNN-N)%s",
            "The LOINC code '%s' has no hyphen before the check digit (format NNNNN-N)%s"),
    /** A character other than a digit or the hyphen. */
    INVALID_CHARACTER("LOINC-003", Severity.ERROR,
            "Le code LOINC « %s » contient le caractère « %s » en position %s : seuls des chiffres et un tiret sont permis",
            "The LOINC code '%s' contains the character '%s' at position %s: only digits and one hyphen are allowed"),
    /** Wrong number of digits. */
    WRONG_LENGTH("LOINC-004", Severity.ERROR,
            "Le code LOINC « %s » doit avoir de 1 à 7 chiffres, un tiret et un chiffre de contrôle",
            "The LOINC code '%s' must have 1 to 7 digits, a hyphen and one check digit"),
    /** The mod-10 check digit does not match. */
    WRONG_CHECK_DIGIT("LOINC-005", Severity.ERROR,
            "Le chiffre de contrôle du code LOINC « %s » est faux : attendu %s (%s)",
            "The check digit of the LOINC code '%s' is wrong: expected %s (%s)"),
    /** A leading zero. */
    LEADING_ZERO("LOINC-006", Severity.ERROR,
            "Le code LOINC « %s » commence par un zéro, ce qu'aucun code LOINC ne fait",
            "The LOINC code '%s' starts with a zero, which no LOINC code does"),
    /** Several hyphens. */
    EXTRA_HYPHEN("LOINC-007", Severity.ERROR,
            "Le code LOINC « %s » contient plus d'un tiret (format NNNNN-N)",
            "The LOINC code '%s' contains more than one hyphen (format NNNNN-N)"),
    /** A LOINC part, answer or answer-list code where an observation code is expected. */
    NOT_AN_OBSERVATION_CODE("LOINC-008", Severity.ERROR,
            "« %s » est un code de partie ou de réponse LOINC (LP, LA, LL), pas un code d'observation",
            "'%s' is a LOINC part or answer code (LP, LA, LL), not an observation code"),

    // LOINC table (010-019)
    /** The code is not in the configured LOINC table. */
    UNKNOWN_CODE("LOINC-010", Severity.ERROR,
            "Le code LOINC %s n'existe pas dans la table LOINC %s",
            "The LOINC code %s does not exist in the LOINC table %s"),
    /** The code is deprecated. */
    DEPRECATED_CODE("LOINC-011", Severity.ERROR,
            "Le code LOINC %s est obsolète (DEPRECATED)%s",
            "The LOINC code %s is deprecated%s"),
    /** The code is discouraged. */
    DISCOURAGED_CODE("LOINC-012", Severity.WARNING,
            "L'usage du code LOINC %s est déconseillé (DISCOURAGED)%s",
            "The LOINC code %s is discouraged%s"),
    /** A LOINC release file cannot be read. */
    LOINC_TABLE_UNREADABLE("LOINC-013", Severity.ERROR,
            "Le fichier de la table LOINC %s est illisible : %s",
            "The LOINC table file %s cannot be read: %s"),
    /** The LOINC scale and the local result type disagree. */
    SCALE_MISMATCH("LOINC-014", Severity.WARNING,
            "Le type de résultat local %s ne correspond pas à l'échelle LOINC %s du code %s",
            "The local result type %s does not match the LOINC scale %s of code %s"),

    // Value sets (020-029)
    /** The code is not in the value set. */
    NOT_IN_VALUE_SET("LOINC-020", Severity.ERROR,
            "Le code %s n'appartient pas au jeu de valeurs %s",
            "The code %s is not in the value set %s"),
    /** A value set file cannot be read. */
    VALUE_SET_UNREADABLE("LOINC-021", Severity.ERROR,
            "Le jeu de valeurs %s est illisible : %s",
            "The value set %s cannot be read: %s"),
    /** An XML document carries a DTD, which is refused. */
    XML_DTD_REFUSED("LOINC-022", Severity.ERROR,
            "Le document XML %s contient une DTD ou des entités, refusées pour des raisons de sécurité",
            "The XML document %s contains a DTD or entities, refused for security reasons"),

    // UCUM (030-039)
    /** UCUM rejects the unit. */
    INVALID_UCUM_UNIT("LOINC-030", Severity.ERROR,
            "L'unité « %s » n'est pas une unité UCUM valide : %s%s",
            "The unit '%s' is not a valid UCUM unit: %s%s"),
    /** The two units measure different quantities. */
    NOT_COMMENSURABLE("LOINC-031", Severity.ERROR,
            "Les unités « %s » et « %s » ne sont pas commensurables : aucune conversion n'est possible",
            "The units '%s' and '%s' are not commensurable: no conversion is possible"),
    /** Mass and substance units: conversion needs a molar mass. */
    NEEDS_MOLAR_MASS("LOINC-032", Severity.ERROR,
            "Les unités « %s » et « %s » ne sont pas commensurables sans masse molaire (masse ↔ quantité de matière) : choisir le code LOINC de l'unité, ne pas convertir sans la masse molaire validée",
            "The units '%s' and '%s' are not commensurable without molar mass (mass ↔ amount of substance): pick the LOINC code of that unit, never convert without a validated molar mass"),
    /** A unit of offset scale (Celsius, Fahrenheit) the conversion cannot handle. */
    UNSUPPORTED_CONVERSION("LOINC-033", Severity.ERROR,
            "La conversion de « %s » en « %s » n'est pas prise en charge : %s",
            "Converting '%s' to '%s' is not supported: %s"),
    /** The UCUM unit does not suit the LOINC property. */
    UNIT_PROPERTY_MISMATCH("LOINC-034", Severity.ERROR,
            "L'unité « %s » ne convient pas à la grandeur LOINC %s du code %s (unités attendues comme %s)",
            "The unit '%s' does not suit the LOINC property %s of code %s (expected units such as %s)"),
    /** The conversion factor disagrees with UCUM. */
    WRONG_CONVERSION_FACTOR("LOINC-035", Severity.ERROR,
            "Le facteur de conversion %s de « %s » vers « %s » est faux : UCUM donne %s",
            "The conversion factor %s from '%s' to '%s' is wrong: UCUM gives %s"),
    /** The local unit differs from the UCUM unit and no factor is given. */
    MISSING_CONVERSION_FACTOR("LOINC-036", Severity.ERROR,
            "L'unité locale « %s » diffère de l'unité UCUM « %s » : un facteur de conversion est requis (UCUM donne %s)",
            "The local unit '%s' differs from the UCUM unit '%s': a conversion factor is required (UCUM gives %s)"),
    /** A factor resting on a molar mass, which UCUM cannot verify. */
    UNVERIFIED_CONVERSION_FACTOR("LOINC-037", Severity.WARNING,
            "Le facteur de conversion %s de « %s » vers « %s » repose sur une masse molaire que UCUM ne peut vérifier : à valider par un biologiste",
            "The conversion factor %s from '%s' to '%s' rests on a molar mass UCUM cannot verify: a biologist must validate it"),

    /** A unit UCUM accepts with another meaning than the lab's: G/L is gauss per litre. */
    GIGA_PER_LITRE("LOINC-038", Severity.WARNING,
            "L'unité « %s » est valide en UCUM mais signifie gauss (ou tesla) par litre ; le « giga par litre » des numérations s'écrit « %s »",
            "The unit '%s' is valid UCUM but means gauss (or tesla) per litre; the 'giga per litre' of cell counts is written '%s'"),
    /** The litre written l where the JDV write L. */
    LOWERCASE_LITRE("LOINC-039", Severity.INFO,
            "L'unité « %s » est valide (l et L désignent tous deux le litre en UCUM) ; les JDV et la plupart des SIS écrivent « %s »",
            "The unit '%s' is valid (both l and L are the litre in UCUM); the value sets and most systems write '%s'"),

    // Catalogue checks (040-049)
    /** Two exams with the same local code. */
    DUPLICATE_LOCAL_CODE("LOINC-040", Severity.ERROR,
            "Le code local %s est en double (%s)",
            "The local code %s is duplicated (%s)"),
    /** An exam without a transcoding. */
    NOT_TRANSCODED("LOINC-041", Severity.WARNING,
            "L'examen local %s (%s) n'est pas transcodé en LOINC",
            "The local exam %s (%s) is not transcoded to LOINC"),
    /** Exams mapped to one LOINC code with different units. */
    SAME_LOINC_DIFFERENT_UNITS("LOINC-042", Severity.ERROR,
            "Les examens locaux %s sont transcodés vers le même code LOINC %s avec des unités différentes (%s) : un code LOINC par unité",
            "The local exams %s map to the same LOINC code %s with different units (%s): one LOINC code per unit"),
    /** A transcoding rejected by a biologist. */
    REJECTED_TRANSCODING("LOINC-043", Severity.WARNING,
            "Le transcodage de l'examen %s vers %s a été rejeté%s",
            "The transcoding of exam %s to %s was rejected%s"),
    /** A transcoding not validated yet. */
    UNVALIDATED_TRANSCODING("LOINC-044", Severity.INFO,
            "Le transcodage de l'examen %s vers %s attend la validation d'un biologiste",
            "The transcoding of exam %s to %s awaits a biologist's validation"),
    /** A local chapter code absent from the chapters value set. */
    CHAPTER_NOT_IN_VALUE_SET("LOINC-045", Severity.ERROR,
            "Le chapitre %s de l'examen %s n'appartient pas au jeu de valeurs des chapitres %s",
            "The chapter %s of exam %s is not in the chapters value set %s"),
    /** A numeric exam transcoded without a UCUM unit. */
    MISSING_UCUM_UNIT("LOINC-046", Severity.WARNING,
            "L'examen numérique %s est transcodé vers %s sans unité UCUM",
            "The numeric exam %s is transcoded to %s without a UCUM unit"),

    // Import (050-069)
    /** A CSV line that cannot be split into fields (quotes). */
    MALFORMED_LINE("LOINC-050", Severity.ERROR,
            "Ligne %s mal formée (guillemet non fermé ou mal placé) : %s",
            "Line %s is malformed (unclosed or misplaced quote): %s"),
    /** A line whose bytes are not in the file's encoding. */
    WRONG_ENCODING("LOINC-051", Severity.ERROR,
            "Ligne %s : octets invalides en %s (le fichier semble être en ISO-8859-1 / Windows-1252 : déclarer cet encodage ou laisser la détection)",
            "Line %s: invalid bytes for %s (the file looks like ISO-8859-1 / Windows-1252: declare that encoding or let it be detected)"),
    /** A required column is missing from the header. */
    MISSING_COLUMN("LOINC-052", Severity.ERROR,
            "La colonne %s est absente de l'en-tête (noms acceptés : %s)",
            "The column %s is missing from the header (accepted names: %s)"),
    /** A line with too many or too few fields. */
    COLUMN_COUNT("LOINC-053", Severity.ERROR,
            "Ligne %s : %s champs au lieu des %s de l'en-tête (séparateur « %s »)",
            "Line %s: %s fields instead of the header's %s (delimiter '%s')"),
    /** A mandatory field is empty. */
    EMPTY_FIELD("LOINC-054", Severity.ERROR,
            "Ligne %s : le champ obligatoire %s est vide",
            "Line %s: the mandatory field %s is empty"),
    /** The file is empty. */
    EMPTY_FILE("LOINC-055", Severity.ERROR,
            "Le fichier %s est vide",
            "The file %s is empty"),
    /** Not a positive decimal number. */
    INVALID_DECIMAL("LOINC-056", Severity.ERROR,
            "Ligne %s, champ %s : « %s » n'est pas un nombre décimal positif",
            "Line %s, field %s: '%s' is not a positive decimal number"),
    /** Not a transcoding status. */
    INVALID_STATUS("LOINC-057", Severity.ERROR,
            "Ligne %s, champ %s : « %s » n'est pas un statut de transcodage (proposé, validé, rejeté)",
            "Line %s, field %s: '%s' is not a transcoding status (proposed, validated, rejected)"),
    /** Not a date. */
    INVALID_DATE("LOINC-058", Severity.ERROR,
            "Ligne %s, champ %s : « %s » n'est pas une date (AAAA-MM-JJ, JJ/MM/AAAA ou date-heure ISO 8601)",
            "Line %s, field %s: '%s' is not a date (YYYY-MM-DD, DD/MM/YYYY or an ISO 8601 date-time)"),
    /** Not a result type. */
    INVALID_RESULT_TYPE("LOINC-059", Severity.ERROR,
            "Ligne %s, champ %s : « %s » n'est pas un type de résultat (numérique, ordinal, nominal, texte)",
            "Line %s, field %s: '%s' is not a result type (numeric, ordinal, nominal, text)"),
    /** A JSON document that is not the expected FHIR resource. */
    WRONG_FHIR_RESOURCE("LOINC-060", Severity.ERROR,
            "Le document FHIR %s est de type %s, alors que %s est attendu",
            "The FHIR document %s is a %s, while a %s is expected"),
    /** A JSON document that cannot be parsed. */
    INVALID_JSON("LOINC-061", Severity.ERROR,
            "Le document %s n'est pas un JSON valide : %s",
            "The document %s is not valid JSON: %s"),
    /** An element of a FHIR resource that cannot be used. */
    INVALID_FHIR_ELEMENT("LOINC-062", Severity.ERROR,
            "Élément FHIR %s invalide : %s",
            "Invalid FHIR element %s: %s"),
    /** A ConceptMap element whose local code is not in the catalogue. */
    UNKNOWN_LOCAL_CODE("LOINC-063", Severity.ERROR,
            "%s : le code local %s n'existe pas dans le catalogue",
            "%s: the local code %s is not in the catalogue"),
    /** Transcoding fields without a LOINC code. */
    TRANSCODING_WITHOUT_CODE("LOINC-064", Severity.ERROR,
            "Ligne %s : des champs de transcodage (unité, facteur, statut…) sont remplis sans code LOINC",
            "Line %s: transcoding fields (unit, factor, status…) are filled without a LOINC code"),
    /** A local code already seen on an earlier line of the same file. */
    DUPLICATE_LOCAL_CODE_LINE("LOINC-065", Severity.ERROR,
            "Ligne %s : le code local %s figure déjà ligne %s",
            "Line %s: the local code %s already appears on line %s"),
    /** The import left an exam of the current catalogue unchanged because its line was rejected. */
    KEPT_CURRENT_EXAM("LOINC-066", Severity.WARNING,
            "Ligne %s rejetée : l'examen %s du catalogue actuel est conservé tel quel",
            "Line %s rejected: exam %s of the current catalogue is kept as it was"),
    /** An input/output failure. */
    IO_ERROR("LOINC-070", Severity.ERROR,
            "Erreur d'entrée/sortie sur %s : %s",
            "Input/output error on %s: %s");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    LoincError(String id, Severity severity, String fr, String en) {
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
