package fr.segurbio.cda;

import java.util.List;
import java.util.Optional;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A postal address (AD).
 *
 * <pre>{@code
 * Address a = Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT");
 * }</pre>
 *
 * @param streetLines at most two street lines: the street (house number and street name) and a complement
 *        (building, staircase, lieu-dit)
 * @param postalCode the postal code, or {@code null}
 * @param city the city
 * @param country the country, or {@code null}
 */
public record Address(List<String> streetLines, String postalCode, String city, String country) {

    /**
     * Checks the fields.
     *
     * @param streetLines the street lines
     * @param postalCode the postal code, or {@code null}
     * @param city the city
     * @param country the country, or {@code null}
     */
    public Address {
        streetLines = streetLines == null ? List.of() : List.copyOf(streetLines);
        if (streetLines.size() > 2) {
            throw new CdaException(CdaError.BAD_VALUE, String.join(" / ", streetLines),
                    Bilingual.of("au plus deux lignes de voie (voie, complément)", "at most two street lines (street, complement)"));
        }
        city = InstanceId.requireText(city, "addr/city");
        postalCode = blankToNull(postalCode);
        country = blankToNull(country);
    }

    /**
     * An address in France.
     *
     * @param streetLine the street line
     * @param postalCode the postal code
     * @param city the city
     * @return the address
     */
    public static Address of(String streetLine, String postalCode, String city) {
        return new Address(streetLine == null ? List.of() : List.of(streetLine), postalCode, city, null);
    }

    /**
     * The postal code, if any.
     *
     * @return the postal code
     */
    public Optional<String> optionalPostalCode() {
        return Optional.ofNullable(postalCode);
    }

    /**
     * The country, if any.
     *
     * @return the country
     */
    public Optional<String> optionalCountry() {
        return Optional.ofNullable(country);
    }

    /**
     * The address on one line.
     *
     * @return e.g. {@code "8 rue Frédéric Bastia, 92100 BOULOGNE-BILLANCOURT"}
     */
    public String oneLine() {
        StringBuilder b = new StringBuilder();
        for (String l : streetLines) {
            b.append(l).append(", ");
        }
        if (postalCode != null) {
            b.append(postalCode).append(' ');
        }
        b.append(city);
        if (country != null) {
            b.append(", ").append(country);
        }
        return b.toString();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
