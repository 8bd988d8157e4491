package fr.segurbio.cda.xds;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the XDS metadata and HL7 v2 composites ({@code CDA-701}…), with French and English
 * messages. The problem's path names the component ({@code XCN-9.2}, {@code PID-7}).
 *
 * <pre>{@code
 * try {
 *     Xcn author = Xcn.parse(value);
 * } catch (CdaException e) {
 *     e.problems().forEach(p -> System.out.println(p.code().id() + " " + p.path() + " " + p.message()));
 * }
 * }</pre>
 */
public enum XdsError implements ErrorCode {
    /** An HL7 v2 escape sequence is unknown or not closed. */
    BAD_ESCAPE("CDA-701", Severity.ERROR, "Séquence d'échappement HL7 v2 invalide dans « %s » : %s",
            "Invalid HL7 v2 escape sequence in \"%s\": %s"),
    /** A composite carries a component this SDK does not model (it would be lost). */
    UNSUPPORTED_COMPONENT("CDA-702", Severity.ERROR,
            "Composant non pris en charge, il serait perdu : « %s » dans « %s »",
            "Unsupported component, it would be lost: \"%s\" in \"%s\""),
    /** A required component is empty. */
    MISSING_COMPONENT("CDA-703", Severity.ERROR, "Composant obligatoire absent dans « %s »",
            "Required component missing in \"%s\""),
    /** A component's value is not allowed. */
    BAD_COMPONENT("CDA-704", Severity.ERROR, "Valeur « %s » non autorisée : %s", "Value \"%s\" not allowed: %s"),
    /** A composite holds a delimiter it cannot hold unescaped (a repetition or a field separator). */
    STRAY_DELIMITER("CDA-705", Severity.ERROR, "Délimiteur « %s » non échappé dans « %s »",
            "Unescaped delimiter \"%s\" in \"%s\"");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    XdsError(String id, Severity severity, String fr, String en) {
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
