package fr.segurbio.hl7v2.pam;

import java.time.LocalDate;
import java.util.Optional;

/**
 * How the identity was obtained, from ZFD (PAM FR 2.11): ZFD-5 the mode ({@code INSI}, {@code CV} carte Vitale,
 * {@code CB}, {@code RFID}, {@code SM}…), ZFD-6 the date of the INSi call, ZFD-7 the identity document type
 * ({@code PA}, {@code CN}, {@code AN}, {@code LE}…).
 *
 * <pre>{@code
 * IdentityProvenance p = patient.provenance().orElseThrow();
 * p.fromInsi();        // ZFD-5 = INSI
 * }</pre>
 *
 * @param obtainedBy ZFD-5, {@code ""} when empty
 * @param insiCall ZFD-6
 * @param documentType ZFD-7, {@code ""} when empty
 */
public record IdentityProvenance(String obtainedBy, Optional<LocalDate> insiCall, String documentType) {

    /**
     * Whether ZFD-5 says the identity came from the INSi teleservice.
     *
     * @return {@code true} for {@code INSI}
     */
    public boolean fromInsi() {
        return "INSI".equalsIgnoreCase(obtainedBy);
    }
}
