package fr.segurbio.ins.insi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A SOAP fault from INSi, with its codes: the SOAP code ({@code Sender} or {@code Receiver}), the
 * {@code siram_NNN} subcode, and the {@code siram:Erreur} detail's {@code desir_NNN}/{@code insi_NNN} code,
 * severity and text.
 *
 * <pre>{@code
 * fault.codes();          // [siram_100, desir_550]
 * fault.isReceiver();     // false: the request must be fixed, retrying is useless
 * }</pre>
 *
 * @param code {@code Sender} or {@code Receiver}
 * @param subcode the {@code siram_NNN} subcode, or {@code null}
 * @param detailCode the detailed code ({@code desir_550}, {@code insi_102}, {@code DESIR_560}…), or {@code null}
 * @param severity the detailed severity as sent ({@code fatale}, {@code fatal}, {@code erreur}…), or {@code null}
 * @param reason the generic reason
 * @param detail the detailed text, or {@code null}
 */
public record InsiFault(String code, String subcode, String detailCode, String severity, String reason,
        String detail) {

    /**
     * Checks the fields.
     *
     * @param code the SOAP code
     * @param subcode the subcode or {@code null}
     * @param detailCode the detailed code or {@code null}
     * @param severity the severity or {@code null}
     * @param reason the reason
     * @param detail the detail or {@code null}
     */
    public InsiFault {
        Objects.requireNonNull(code, "code");
        reason = reason == null ? "" : reason;
    }

    /**
     * Whether the fault is the service's (code {@code Receiver}): the same request may succeed later.
     *
     * @return {@code true} for a {@code Receiver} fault
     */
    public boolean isReceiver() {
        return "Receiver".equals(code);
    }

    /**
     * The service's own codes, subcode first.
     *
     * @return the {@code siram_…}, {@code desir_…}, {@code insi_…} codes sent
     */
    public List<String> codes() {
        List<String> c = new ArrayList<>(2);
        if (subcode != null) {
            c.add(subcode);
        }
        if (detailCode != null) {
            c.add(detailCode);
        }
        return List.copyOf(c);
    }

    /**
     * The most precise text: the detail when sent, else the reason.
     *
     * @return the text
     */
    public String text() {
        return detail == null || detail.isBlank() ? reason : detail;
    }
}
