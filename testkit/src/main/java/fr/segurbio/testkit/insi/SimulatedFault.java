package fr.segurbio.testkit.insi;

import java.util.Objects;

/**
 * A SOAP 1.2 fault as INSi sends it: {@code Code/Value} {@code Sender} or {@code Receiver}, an optional
 * {@code Subcode/Value} ({@code siram_NNN}), a generic {@code Reason/Text}, and a {@code Detail/siram:Erreur}
 * carrying the detailed code ({@code desir_NNN}, {@code insi_NNN}), its severity and the detailed text.
 *
 * <pre>{@code
 * InsiPersona broken = InsiPersona.builder().birthName("PANNE").firstNames("SERVICE").sex("M")
 *         .birthDate("1970-01-01").fault(SimulatedFault.SERVICE_UNAVAILABLE).build();
 * }</pre>
 *
 * @param receiver {@code true} for a {@code Receiver} (server-side) fault, {@code false} for {@code Sender}
 * @param subcode the {@code siram_NNN} subcode, or {@code null} for none
 * @param detailCode the {@code code} attribute of {@code siram:Erreur}
 * @param severity the {@code severite} attribute
 * @param reason the {@code Reason/Text}
 * @param detail the text of {@code siram:Erreur}
 */
public record SimulatedFault(boolean receiver, String subcode, String detailCode, String severity, String reason,
        String detail) {

    /** {@code siram_40} / {@code insi_102}: the service is temporarily unavailable (Receiver). */
    public static final SimulatedFault SERVICE_UNAVAILABLE = new SimulatedFault(true, "siram_40", "insi_102",
            "fatale", "Le service est temporairement inaccessible. Veuillez renouveler votre demande ultérieurement.",
            "L'appel au service de recherche avec les traits d'identité renvoie une erreur technique.");

    /** {@code siram_100} / {@code desir_550}: the software's authorisation number (IDAM) is unknown (Sender). */
    public static final SimulatedFault UNKNOWN_SOFTWARE = new SimulatedFault(false, "siram_100", "desir_550",
            "fatale", "L'accès par ce progiciel au service n'est pas autorisé. Contactez l'éditeur du progiciel"
                    + " ou votre caisse de rattachement.",
            "Numéro d'autorisation du logiciel inconnu.");

    /** {@code DESIR_560}: the certificate's CN is neither {@code INSI-AUTO} nor {@code INSI-MANU} (Sender). */
    public static final SimulatedFault ACCESS_DENIED = new SimulatedFault(false, null, "DESIR_560", "fatale",
            "Niveau d'accès insuffisant",
            "Vous ne disposez pas des droits suffisants pour accéder à ce service");

    /**
     * Checks the fields.
     *
     * @param receiver {@code true} for a {@code Receiver} fault
     * @param subcode the subcode or {@code null}
     * @param detailCode the detailed code
     * @param severity the severity
     * @param reason the reason text
     * @param detail the detailed text
     */
    public SimulatedFault {
        Objects.requireNonNull(detailCode, "detailCode");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * The fault the simulator sends for a request that its schemas refuse. Its codes are the simulator's own
     * ({@code SIMULATEUR_XSD}): the official catalogue of schema-error codes is not public.
     *
     * @param messages the schema validator's messages
     * @return the fault
     */
    public static SimulatedFault invalidRequest(String messages) {
        return new SimulatedFault(false, null, "SIMULATEUR_XSD", "erreur",
                "La requête n'est pas conforme aux schémas du service.", messages);
    }
}
