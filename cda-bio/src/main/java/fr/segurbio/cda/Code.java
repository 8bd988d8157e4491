package fr.segurbio.cda;

import java.util.Optional;

/**
 * A coded concept (CD): code, code system OID and display name. Use the factories for the code systems a
 * CR-BIO uses; {@link #codeSystemName()} is derived for the well-known systems.
 *
 * <pre>{@code
 * Code chapter = Code.loinc("18719-5", "Biochimie");
 * Code urine = Code.of("UR", CodeSystems.SPECIMEN_TYPE, "Urine");
 * }</pre>
 *
 * @param code the code
 * @param codeSystem the code system's OID
 * @param displayName the display name, or {@code null}
 */
public record Code(String code, String codeSystem, String displayName) {

    /**
     * Checks the fields.
     *
     * @param code the code
     * @param codeSystem the code system's OID
     * @param displayName the display name, or {@code null}
     */
    public Code {
        code = InstanceId.requireText(code, "code/@code");
        codeSystem = InstanceId.requireText(codeSystem, "code/@codeSystem");
        if (displayName != null && displayName.isBlank()) {
            displayName = null;
        }
    }

    /**
     * A code of any system.
     *
     * @param code the code
     * @param codeSystem the code system OID
     * @param displayName the display name, or {@code null}
     * @return the code
     */
    public static Code of(String code, String codeSystem, String displayName) {
        return new Code(code, codeSystem, displayName);
    }

    /**
     * A LOINC code; the format and check digit are verified.
     *
     * @param code the LOINC code, e.g. {@code "3016-3"}
     * @param displayName the display name (French label of the JDV "circuit de la biologie")
     * @return the code
     * @throws CdaException {@code CDA-006} when the code is malformed or its check digit is wrong
     */
    public static Code loinc(String code, String displayName) {
        Terminology.requireLoinc(code, "code");
        return new Code(code, CodeSystems.LOINC, displayName);
    }

    /**
     * The display name, if any.
     *
     * @return the display name
     */
    public Optional<String> optionalDisplayName() {
        return Optional.ofNullable(displayName);
    }

    /**
     * Whether this is a LOINC code.
     *
     * @return {@code true} for code system {@link CodeSystems#LOINC}
     */
    public boolean isLoinc() {
        return CodeSystems.LOINC.equals(codeSystem);
    }

    /**
     * The usual name of the code system, for the {@code codeSystemName} attribute.
     *
     * @return the name, or empty for an unknown system
     */
    public Optional<String> codeSystemName() {
        return Optional.ofNullable(CodeSystems.nameOf(codeSystem));
    }

    /**
     * The display name, else the code.
     *
     * @return a label for people
     */
    public String label() {
        return displayName != null ? displayName : code;
    }
}
