package fr.segurbio.dispatch;

import java.util.Objects;
import java.util.Optional;

/**
 * A professional who receives the report by MSSanté: the prescriber or a copy recipient.
 *
 * <pre>{@code
 * Correspondent dr = new Correspondent("Dr Paul MARTIN", Optional.of("paul.martin@hopital.mssante.fr"));
 * Correspondent unknown = new Correspondent("Dr Jeanne DURAND", Optional.empty());   // not sent, explained
 * }</pre>
 *
 * @param displayName the name shown in the plan and the status
 * @param address the MSSanté address, if the professional has one
 */
public record Correspondent(String displayName, Optional<String> address) {

    /**
     * Checks the fields.
     *
     * @param displayName the name
     * @param address the address, if any
     */
    public Correspondent {
        Objects.requireNonNull(displayName, "displayName");
        address = Objects.requireNonNull(address, "address").map(String::strip).filter(a -> !a.isEmpty());
        address.ifPresent(a -> {
            if (a.indexOf('@') < 1 || a.indexOf('@') != a.lastIndexOf('@') || a.endsWith("@")) {
                throw new IllegalArgumentException("not a mail address: " + a);
            }
        });
    }
}
