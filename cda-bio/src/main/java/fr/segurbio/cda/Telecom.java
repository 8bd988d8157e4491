package fr.segurbio.cda;

import java.util.Optional;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A telecom address (TEL): a URL ({@code tel:}, {@code mailto:}, {@code fax:}) and its use.
 *
 * <pre>{@code
 * Telecom t = Telecom.phone("0174589607", "WP");
 * Telecom m = Telecom.email("labo@labo.mssante.fr", null);
 * }</pre>
 *
 * @param value the URL
 * @param use the HL7 use code ({@code H}, {@code WP}, {@code MC}, {@code EC}…), or {@code null}
 */
public record Telecom(String value, String use) {

    /**
     * Checks the fields.
     *
     * @param value the URL
     * @param use the use, or {@code null}
     */
    public Telecom {
        value = InstanceId.requireText(value, "telecom/@value");
        if (!value.matches("(tel|mailto|fax|http|https):.+")) {
            throw new CdaException(CdaError.BAD_VALUE, value, Bilingual.of("un télécom commence par tel:, mailto:, fax: ou http(s):", "telecom must start with tel:, mailto:, fax: or http(s):"));
        }
        use = Address.blankToNull(use);
    }

    /**
     * A phone number.
     *
     * @param number the number
     * @param use the use, or {@code null}
     * @return the telecom
     */
    public static Telecom phone(String number, String use) {
        return new Telecom("tel:" + InstanceId.requireText(number, "telecom").replace(" ", ""), use);
    }

    /**
     * An e-mail address.
     *
     * @param address the address
     * @param use the use, or {@code null}
     * @return the telecom
     */
    public static Telecom email(String address, String use) {
        return new Telecom("mailto:" + InstanceId.requireText(address, "telecom"), use);
    }

    /**
     * The use, if any.
     *
     * @return the use code
     */
    public Optional<String> optionalUse() {
        return Optional.ofNullable(use);
    }
}
