package fr.segurbio.dmp;

import java.net.URI;
import java.util.Objects;

import fr.segurbio.ins.Ins;

/**
 * TD0.9: the Web PS DMP addresses for a patient. The public material does not give the parameters that put the
 * patient in context: the addresses are the entry pages, and {@link #patient()} is the patient to select there.
 *
 * <pre>{@code
 * WebPsUrl u = dmp.webPsUrl(ins);
 * Desktop.getDesktop().browse(u.proSanteConnect());
 * }</pre>
 *
 * @param proSanteConnect the Pro Santé Connect access (e-CPS)
 * @param certificate the CPS card access
 * @param patient the patient to open
 */
public record WebPsUrl(URI proSanteConnect, URI certificate, Ins patient) {

    /**
     * Checks the fields.
     *
     * @param proSanteConnect the PSC address
     * @param certificate the CPS address
     * @param patient the patient
     */
    public WebPsUrl {
        Objects.requireNonNull(proSanteConnect, "proSanteConnect");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(patient, "patient");
    }
}
