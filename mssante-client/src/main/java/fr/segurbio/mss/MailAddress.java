package fr.segurbio.mss;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import fr.segurbio.ins.Ins;

/**
 * A mailbox address ({@code local@domain}), checked and lower-cased in its domain: a professional's, an
 * organisation's or an application's MSSanté mailbox, or a patient's {@code <INS>@patient.mssante.fr}.
 *
 * <pre>{@code
 * MailAddress dr = MailAddress.of("dr.martin@medecin.mssante.fr");
 * MailAddress patient = MailAddress.patient(ins);   // 275126322074974@patient.mssante.fr
 * dr.isMssante();   // true
 * }</pre>
 *
 * @param address the address, {@code local@domain}
 */
public record MailAddress(String address) {

    /** The domain of patients' mailboxes (Mon espace santé). */
    public static final String PATIENT_DOMAIN = "patient.mssante.fr";
    /** The MSSanté space's parent domain. */
    public static final String MSSANTE_DOMAIN = "mssante.fr";

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    /**
     * Checks the address.
     *
     * @param address the address
     * @throws MssException {@code MSS-103} when it is not a plain {@code local@domain} address
     */
    public MailAddress {
        Objects.requireNonNull(address, "address");
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.length() > 254) {
            throw new MssException(MssError.BAD_ADDRESS, address, "local@domain expected");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw new MssException(MssError.BAD_ADDRESS, address, "local part");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new MssException(MssError.BAD_ADDRESS, address, "domain");
        }
        address = local + "@" + domain;
    }

    /**
     * Parses an address.
     *
     * @param address the address
     * @return the address
     */
    public static MailAddress of(String address) {
        return new MailAddress(address == null ? null : address.trim());
    }

    /**
     * The patient's Mon espace santé address, {@code <matricule INS>@patient.mssante.fr}. The caller must have
     * checked that the identity is qualified: {@link MssMessage.Builder#toPatient} does.
     *
     * @param ins the patient's INS
     * @return the address
     */
    public static MailAddress patient(Ins ins) {
        return new MailAddress(ins.matricule().value() + "@" + PATIENT_DOMAIN);
    }

    /**
     * The domain, lower case.
     *
     * @return the domain
     */
    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /**
     * Whether the address is in the MSSanté space ({@code *.mssante.fr}).
     *
     * @return true for an MSSanté mailbox
     */
    public boolean isMssante() {
        return domain().endsWith("." + MSSANTE_DOMAIN);
    }

    /**
     * Whether this is a patient's Mon espace santé address.
     *
     * @return true for {@code …@patient.mssante.fr}
     */
    public boolean isPatient() {
        return domain().equals(PATIENT_DOMAIN);
    }

    @Override
    public String toString() {
        return address;
    }
}
