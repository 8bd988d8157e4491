package fr.segurbio.cda;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import fr.segurbio.cda.internal.Bilingual;

/**
 * A postal address (HL7 AD) with its parts as a document writes them: street lines ({@code streetAddressLine}),
 * house number, street name, additional locator (building, staircase, lieu-dit), postal box, postal code, city,
 * county (the INSEE code of a birthplace), country, the {@code use} (H, WP…) and any other AD part kept in
 * {@link #otherParts()}; or no address at all with its {@code nullFlavor} (MSK, NAV, UNK…). What a document
 * writes is what the writer writes back, part by part.
 *
 * <pre>{@code
 * Address a = Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT");
 * Address home = Address.builder().houseNumber("28").streetName("Avenue de Breteuil").postalCode("75007")
 *         .city("PARIS").country("FRANCE").use("H").build();
 * Address masked = Address.unknown("MSK");
 * }</pre>
 *
 * @param streetLines the street lines ({@code streetAddressLine}), in order
 * @param houseNumber the house number, or {@code null}
 * @param streetName the street name, or {@code null}
 * @param additionalLocator the additional locator (complement), or {@code null}
 * @param postBox the postal box, or {@code null}
 * @param postalCode the postal code, or {@code null}
 * @param city the city, or {@code null} (an address given by its street lines only, as some documents write it)
 * @param county the county (INSEE code of a French birthplace), or {@code null}
 * @param country the country (name or code as written), or {@code null}
 * @param use the {@code use} attribute (H, WP, HP, TMP…), or {@code null}
 * @param otherParts the other AD parts, in order
 * @param nullFlavor the reason the address is not given (then every part is empty), or {@code null}
 */
public record Address(List<String> streetLines, String houseNumber, String streetName, String additionalLocator,
        String postBox, String postalCode, String city, String county, String country, String use,
        List<Part> otherParts, String nullFlavor) {

    /** The AD parts that {@link #otherParts()} may hold (every AD part the record has no own field for). */
    public static final Set<String> OTHER_PART_NAMES = Set.of("delimiter", "state", "precinct", "houseNumberNumeric",
            "direction", "streetNameBase", "streetNameType", "unitType", "unitID", "careOf", "censusTract",
            "deliveryAddressLine", "deliveryInstallationType", "deliveryInstallationArea",
            "deliveryInstallationQualifier", "deliveryMode", "deliveryModeIdentifier", "buildingNumberSuffix");

    /** The {@code nullFlavor}s an address may carry instead of its parts. */
    public static final Set<String> NULL_FLAVORS = Set.of("NI", "UNK", "ASKU", "NAV", "NASK", "MSK", "NA", "OTH", "NP");

    /**
     * An AD part the record has no own field for, such as {@code unitID} or {@code censusTract}.
     *
     * @param name the AD element name
     * @param value its text
     */
    public record Part(String name, String value) {

        /**
         * Checks the fields.
         *
         * @param name one of {@link Address#OTHER_PART_NAMES}
         * @param value the text
         */
        public Part {
            if (name == null || !OTHER_PART_NAMES.contains(name)) {
                throw new CdaException(CdaError.BAD_VALUE, String.valueOf(name), Bilingual.of(
                        "une partie d'adresse HL7 AD (" + String.join(", ", new java.util.TreeSet<>(OTHER_PART_NAMES)) + ")",
                        "an HL7 AD part (" + String.join(", ", new java.util.TreeSet<>(OTHER_PART_NAMES)) + ")"));
            }
            value = InstanceId.requireText(value, "addr/" + name);
        }
    }

    /**
     * Checks the fields.
     *
     * @param streetLines the street lines
     * @param houseNumber the house number, or {@code null}
     * @param streetName the street name, or {@code null}
     * @param additionalLocator the additional locator, or {@code null}
     * @param postBox the postal box, or {@code null}
     * @param postalCode the postal code, or {@code null}
     * @param city the city, or {@code null}
     * @param county the county, or {@code null}
     * @param country the country, or {@code null}
     * @param use the use, or {@code null}
     * @param otherParts the other parts
     * @param nullFlavor the nullFlavor, or {@code null}
     */
    public Address {
        streetLines = streetLines == null ? List.of() : List.copyOf(streetLines);
        otherParts = otherParts == null ? List.of() : List.copyOf(otherParts);
        houseNumber = blankToNull(houseNumber);
        streetName = blankToNull(streetName);
        additionalLocator = blankToNull(additionalLocator);
        postBox = blankToNull(postBox);
        postalCode = blankToNull(postalCode);
        county = blankToNull(county);
        country = blankToNull(country);
        use = blankToNull(use);
        nullFlavor = blankToNull(nullFlavor);
        if (nullFlavor != null) {
            if (!NULL_FLAVORS.contains(nullFlavor)) {
                throw new CdaException(CdaError.BAD_VALUE, nullFlavor, Bilingual.of("un nullFlavor HL7 (" + NULL_FLAVORS + ")",
                        "an HL7 nullFlavor (" + NULL_FLAVORS + ")"));
            }
            if (!streetLines.isEmpty() || houseNumber != null || streetName != null || additionalLocator != null
                    || postBox != null || postalCode != null || blankToNull(city) != null || county != null
                    || country != null || !otherParts.isEmpty()) {
                throw new CdaException(CdaError.BAD_STRUCTURE, Bilingual.of(
                        "une adresse avec nullFlavor n'a pas de parties", "an address with a nullFlavor has no parts"));
            }
            city = null;
        } else {
            city = blankToNull(city);
            if (city == null && streetLines.isEmpty() && houseNumber == null && streetName == null
                    && additionalLocator == null && postBox == null && postalCode == null && county == null
                    && country == null && otherParts.isEmpty()) {
                throw new CdaException(CdaError.MISSING, Bilingual.of("une partie de l'adresse (addr) ou son nullFlavor",
                        "an address part (addr) or its nullFlavor"));
            }
        }
    }

    /**
     * An address of street lines, postal code, city and country.
     *
     * @param streetLines the street lines ({@code streetAddressLine})
     * @param postalCode the postal code, or {@code null}
     * @param city the city
     * @param country the country, or {@code null}
     */
    public Address(List<String> streetLines, String postalCode, String city, String country) {
        this(streetLines, null, null, null, null, postalCode, city, null, country, null, List.of(), null);
    }

    /**
     * An address of one street line.
     *
     * @param streetLine the street (number and name), or {@code null}
     * @param postalCode the postal code, or {@code null}
     * @param city the city
     * @return the address
     */
    public static Address of(String streetLine, String postalCode, String city) {
        return new Address(streetLine == null ? List.of() : List.of(streetLine), postalCode, city, null);
    }

    /**
     * No address, for the reason given ({@code <addr nullFlavor="MSK"/>}).
     *
     * @param nullFlavor MSK, NAV, UNK, ASKU…
     * @return the address
     */
    public static Address unknown(String nullFlavor) {
        return new Address(List.of(), null, null, null, null, null, null, null, null, null, List.of(),
                Objects.requireNonNull(nullFlavor, "nullFlavor"));
    }

    /**
     * A builder of a structured address.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the address is only a {@code nullFlavor}.
     *
     * @return {@code true} when no part is given
     */
    public boolean isUnknown() {
        return nullFlavor != null;
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
     * The address on one line, for display ({@code "28 Avenue de Breteuil, 75007 PARIS, FRANCE"}).
     *
     * @return the text, empty for an unknown address
     */
    public String oneLine() {
        if (nullFlavor != null) {
            return "";
        }
        List<String> parts = new ArrayList<>(streetLines);
        String street = join(houseNumber, streetName);
        if (!street.isEmpty()) {
            parts.add(street);
        }
        if (additionalLocator != null) {
            parts.add(additionalLocator);
        }
        if (postBox != null) {
            parts.add(postBox);
        }
        String town = join(postalCode, city);
        if (!town.isEmpty()) {
            parts.add(town);
        }
        if (country != null) {
            parts.add(country);
        }
        return String.join(", ", parts);
    }

    private static String join(String a, String b) {
        return a == null ? (b == null ? "" : b) : b == null ? a : a + " " + b;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Builds a structured {@link Address}. */
    public static final class Builder {
        private final List<String> streetLines = new ArrayList<>();
        private final List<Part> otherParts = new ArrayList<>();
        private String houseNumber;
        private String streetName;
        private String additionalLocator;
        private String postBox;
        private String postalCode;
        private String city;
        private String county;
        private String country;
        private String use;

        private Builder() {
        }

        /**
         * Adds a street line ({@code streetAddressLine}).
         *
         * @param line the line
         * @return this builder
         */
        public Builder streetLine(String line) {
            streetLines.add(line);
            return this;
        }

        /**
         * Sets the house number.
         *
         * @param v the house number
         * @return this builder
         */
        public Builder houseNumber(String v) {
            houseNumber = v;
            return this;
        }

        /**
         * Sets the street name.
         *
         * @param v the street name
         * @return this builder
         */
        public Builder streetName(String v) {
            streetName = v;
            return this;
        }

        /**
         * Sets the additional locator.
         *
         * @param v the complement
         * @return this builder
         */
        public Builder additionalLocator(String v) {
            additionalLocator = v;
            return this;
        }

        /**
         * Sets the postal box.
         *
         * @param v the postal box
         * @return this builder
         */
        public Builder postBox(String v) {
            postBox = v;
            return this;
        }

        /**
         * Sets the postal code.
         *
         * @param v the postal code
         * @return this builder
         */
        public Builder postalCode(String v) {
            postalCode = v;
            return this;
        }

        /**
         * Sets the city.
         *
         * @param v the city
         * @return this builder
         */
        public Builder city(String v) {
            city = v;
            return this;
        }

        /**
         * Sets the county.
         *
         * @param v the county
         * @return this builder
         */
        public Builder county(String v) {
            county = v;
            return this;
        }

        /**
         * Sets the country.
         *
         * @param v the country
         * @return this builder
         */
        public Builder country(String v) {
            country = v;
            return this;
        }

        /**
         * Sets the use.
         *
         * @param v the use
         * @return this builder
         */
        public Builder use(String v) {
            use = v;
            return this;
        }

        /**
         * Adds another AD part.
         *
         * @param name the AD element name
         * @param value its text
         * @return this builder
         */
        public Builder part(String name, String value) {
            otherParts.add(new Part(name, value));
            return this;
        }

        /**
         * Whether no part is set yet.
         *
         * @return {@code true} when the address would be empty
         */
        public boolean hasNoPart() {
            return streetLines.isEmpty() && otherParts.isEmpty() && houseNumber == null && streetName == null
                    && additionalLocator == null && postBox == null && postalCode == null && city == null
                    && county == null && country == null;
        }

        /**
         * Builds the address.
         *
         * @return the address
         */
        public Address build() {
            return new Address(streetLines, houseNumber, streetName, additionalLocator, postBox, postalCode, city,
                    county, country, use, otherParts, null);
        }
    }
}
