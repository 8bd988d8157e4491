package fr.segurbio.ins.insi;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.InsException;
import fr.segurbio.ins.LunarDate;
import fr.segurbio.ins.Trait;
import fr.segurbio.ins.TraitNormalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A search with the data read from a carte Vitale ({@code rechercherInsAvecCarteVitale}, body
 * {@code RECVITALE}): the beneficiary's NIR and key, optionally the insured person's ("ouvrant droit"), the birth
 * name, the birth date (a "lunar" date as on the card) and the birth rank; the coverage (grand régime, caisse,
 * centre) travels in the {@code ContexteBAM} header.
 *
 * <pre>{@code
 * VitaleSearch search = VitaleSearch.builder()
 *         .beneficiary("180032B020401", "23")
 *         .birthName("CORSE").birthDate("1980-03-02").birthRank(1)
 *         .coverage("01", "349", "9881")
 *         .build();
 * }</pre>
 *
 * @param beneficiaryNumber the beneficiary's NIR, 13 characters
 * @param beneficiaryKey its key, 2 digits
 * @param insuredNumber the insured person's NIR, or {@code null} when the beneficiary is the insured
 * @param insuredKey its key, or {@code null}
 * @param birthName the birth name as on the card, or {@code null}
 * @param birthDate the birth date as on the card
 * @param birthRank the birth rank (1 unless twins), 1 to 9
 * @param grandRegime the coverage's grand régime code, or {@code null}
 * @param organisme the coverage's caisse code, or {@code null}
 * @param codeCentre the coverage's centre code, or {@code null}
 */
public record VitaleSearch(String beneficiaryNumber, String beneficiaryKey, String insuredNumber, String insuredKey,
        String birthName, LunarDate birthDate, int birthRank, String grandRegime, String organisme,
        String codeCentre) {

    private static final Pattern NIR = Pattern.compile("\\d{5}(\\d{2}|2[AB])\\d{6}");
    private static final Pattern KEY = Pattern.compile("\\d{2}");

    /**
     * Checks the fields; reports every problem at once.
     *
     * @param beneficiaryNumber the beneficiary's NIR
     * @param beneficiaryKey its key
     * @param insuredNumber the insured person's NIR or {@code null}
     * @param insuredKey its key or {@code null}
     * @param birthName the birth name or {@code null}
     * @param birthDate the birth date
     * @param birthRank the birth rank
     * @param grandRegime the grand régime or {@code null}
     * @param organisme the caisse or {@code null}
     * @param codeCentre the centre or {@code null}
     * @throws InsException listing every problem
     */
    public VitaleSearch {
        ValidationResult.Builder b = ValidationResult.builder();
        if (beneficiaryNumber == null || !NIR.matcher(beneficiaryNumber).matches()) {
            b.add(Problem.of(InsiError.SEARCH_INVALID, "beneficiaryNumber",
                    "NIR du bénéficiaire invalide (13 caractères) / invalid beneficiary NIR (13 characters): "
                            + beneficiaryNumber));
        }
        if (beneficiaryKey == null || !KEY.matcher(beneficiaryKey).matches()) {
            b.add(Problem.of(InsiError.SEARCH_INVALID, "beneficiaryKey", "clé du NIR invalide / invalid NIR key: "
                    + beneficiaryKey));
        }
        if (insuredNumber != null && (!NIR.matcher(insuredNumber).matches() || insuredKey == null
                || !KEY.matcher(insuredKey).matches())) {
            b.add(Problem.of(InsiError.SEARCH_INVALID, "insuredNumber", "NIR de l'assuré invalide / invalid"
                    + " insured NIR: " + insuredNumber + " " + insuredKey));
        }
        if (birthName != null) {
            b.addAll(TraitNormalizer.validate(Trait.BIRTH_NAME, birthName));
        }
        if (birthDate == null) {
            b.add(Problem.of(InsiError.SEARCH_INVALID, "birthDate", "date de naissance absente / no birth date"));
        }
        if (birthRank < 1 || birthRank > 9) {
            b.add(Problem.of(InsiError.SEARCH_INVALID, "birthRank", "rang de naissance " + birthRank
                    + " hors de 1 à 9 / birth rank out of 1 to 9"));
        }
        ValidationResult r = b.build();
        if (!r.isValid()) {
            throw new InsException(r);
        }
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The insured person's NIR, when it is not the beneficiary.
     *
     * @return the insured person's NIR
     */
    public Optional<String> insured() {
        return Optional.ofNullable(insuredNumber);
    }

    /**
     * A description without any data in clear, for logs and audit.
     *
     * @return the masked description
     */
    public String masked() {
        return "vitale(" + beneficiaryNumber.charAt(0) + "************, " + birthDate.year() + ")";
    }

    /**
     * Builds a {@link VitaleSearch}.
     */
    public static final class Builder {
        private String beneficiaryNumber;
        private String beneficiaryKey;
        private String insuredNumber;
        private String insuredKey;
        private String birthName;
        private LunarDate birthDate;
        private int birthRank = 1;
        private String grandRegime;
        private String organisme;
        private String codeCentre;

        private Builder() {
        }

        /**
         * The beneficiary's NIR and key, as read from the card.
         *
         * @param number 13 characters
         * @param key 2 digits
         * @return this builder
         */
        public Builder beneficiary(String number, String key) {
            beneficiaryNumber = number;
            beneficiaryKey = key;
            return this;
        }

        /**
         * The insured person's NIR and key ("ouvrant droit"), when not the beneficiary.
         *
         * @param number 13 characters
         * @param key 2 digits
         * @return this builder
         */
        public Builder insured(String number, String key) {
            insuredNumber = number;
            insuredKey = key;
            return this;
        }

        /**
         * The birth name as on the card.
         *
         * @param v the birth name, in INS form
         * @return this builder
         */
        public Builder birthName(String v) {
            birthName = v;
            return this;
        }

        /**
         * The birth date as on the card, {@code AAAA-MM-JJ} ("lunar": {@code 00} or impossible dates allowed).
         *
         * @param v the date
         * @return this builder
         * @throws InsException when the text is not {@code AAAA-MM-JJ}
         */
        public Builder birthDate(String v) {
            birthDate = LunarDate.parse(v);
            return this;
        }

        /**
         * The birth rank (default 1).
         *
         * @param v 1 to 9
         * @return this builder
         */
        public Builder birthRank(int v) {
            birthRank = v;
            return this;
        }

        /**
         * The coverage read from the card.
         *
         * @param grandRegimeCode the grand régime
         * @param organismeCode the caisse
         * @param centreCode the centre
         * @return this builder
         */
        public Builder coverage(String grandRegimeCode, String organismeCode, String centreCode) {
            grandRegime = grandRegimeCode;
            organisme = organismeCode;
            codeCentre = centreCode;
            return this;
        }

        /**
         * The search.
         *
         * @return the search
         * @throws InsException listing every problem
         */
        public VitaleSearch build() {
            return new VitaleSearch(beneficiaryNumber, beneficiaryKey, insuredNumber, insuredKey, birthName,
                    birthDate, birthRank, grandRegime, organisme, codeCentre);
        }
    }
}
