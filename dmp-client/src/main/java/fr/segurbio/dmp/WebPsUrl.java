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

    /**
     * The Web PS DMP addresses of an environment for a patient, without a {@link DmpClient} (the browser side
     * needs no certificate): for an SGL button that opens the DMP after a Pro Santé Connect login.
     *
     * <pre>{@code
     * WebPsUrl u = WebPsUrl.of(DmpEnvironment.PRODUCTION, ins);
     * }</pre>
     *
     * @param environment the DMP environment
     * @param patient the patient, whose INS OID must belong to that environment
     * @return the addresses
     * @throws DmpException {@code DMP-011} for an INS of the other environment, {@code DMP-043} for a test
     *         environment, whose Web PS addresses are not public
     */
    public static WebPsUrl of(DmpEnvironment environment, Ins patient) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(patient, "patient");
        boolean production = environment == DmpEnvironment.PRODUCTION;
        if (patient.authority().isProduction() != production) {
            throw new DmpException(DmpError.INS_WRONG_ENVIRONMENT, patient.oid(), environment.name());
        }
        if (!production) {
            throw new DmpException(DmpError.WEBPS_UNAVAILABLE,
                    "the Web PS DMP addresses of the test environments are not public");
        }
        return new WebPsUrl(URI.create("https://wps-psc.dmp.monespacesante.fr/"),
                URI.create("https://wps-cps.cv.dmp.gouv.fr/"), patient);
    }
}
