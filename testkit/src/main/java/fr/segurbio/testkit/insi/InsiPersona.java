package fr.segurbio.testkit.insi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * A person the INSi simulator knows: the five INS traits a search is matched on, and what INSi answers for
 * them, an identity (active INS, history) or a fault. A persona may also be read from an official CNDA test
 * response file, which the simulator then sends back byte for byte.
 *
 * <pre>{@code
 * InsiPersona zoe = InsiPersona.builder()
 *         .birthName("ADRUN").firstNames("ZOE").sex("F").birthDate("1975-12-31").birthPlace("63220")
 *         .active("2751263220749", "74", InsiPersona.OID_NIR)
 *         .build();
 * }</pre>
 */
public final class InsiPersona {

    /** OID of the INS-NIR assigning authority. */
    public static final String OID_NIR = "1.2.250.1.213.1.4.8";
    /** OID of the INS-NIA assigning authority. */
    public static final String OID_NIA = "1.2.250.1.213.1.4.9";

    static final String NS_RESULT = "http://www.cnamts.fr/INSiResultat";

    private final String birthName;
    private final List<String> firstNames;
    private final String sex;
    private final String birthDate;
    private final String birthPlace;
    private final Ins active;
    private final List<Ins> history;
    private final SimulatedFault fault;
    private final byte[] verbatim;
    private final String source;

    private InsiPersona(Builder b) {
        this.birthName = require(b.birthName, "birthName");
        this.firstNames = List.copyOf(b.firstNames);
        if (firstNames.isEmpty()) {
            throw new IllegalArgumentException("a persona needs at least one first name");
        }
        this.sex = require(b.sex, "sex");
        this.birthDate = require(b.birthDate, "birthDate");
        this.birthPlace = b.birthPlace;
        this.fault = b.fault;
        this.active = b.active;
        this.history = List.copyOf(b.history);
        this.verbatim = b.verbatim;
        this.source = b.source;
        if (fault == null && active == null && verbatim == null) {
            throw new IllegalArgumentException("a persona needs an active INS, a fault or a response file");
        }
    }

    private static String require(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
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
     * A persona read from a CNDA test response file (a SOAP envelope whose {@code RESULTAT} has a {@code 00} and
     * a {@code TIQ}): the search traits are taken from its {@code TIQ}, and the file is sent back unchanged.
     *
     * <pre>{@code
     * InsiPersona ecetinsi = InsiPersona.fromResponseFile(samples.resolve("TEST_2.04_cas2.xml"));
     * }</pre>
     *
     * @param file the response file
     * @return the persona
     * @throws IOException when the file cannot be read or has no identity
     */
    public static InsiPersona fromResponseFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Document doc;
        try {
            doc = SafeXml.parse(bytes);
        } catch (SAXException e) {
            throw new IOException(file + ": not a well-formed XML file: " + e.getMessage(), e);
        }
        var results = doc.getElementsByTagNameNS(NS_RESULT, "RESULTAT");
        if (results.getLength() != 1) {
            throw new IOException(file + ": no INSi RESULTAT element");
        }
        Element result = (Element) results.item(0);
        Element individu = SafeXml.child(result, NS_RESULT, "INDIVIDU");
        Element tiq = individu == null ? null : SafeXml.child(individu, NS_RESULT, "TIQ");
        if (tiq == null) {
            throw new IOException(file + ": the response carries no identity (TIQ) to match a search on");
        }
        String list = SafeXml.text(tiq, NS_RESULT, "ListePrenom");
        if (list == null) {
            list = SafeXml.text(tiq, NS_RESULT, "Prenom");
        }
        Builder b = builder()
                .birthName(SafeXml.text(tiq, NS_RESULT, "NomNaissance"))
                .firstNames(list == null ? new String[0] : list.split(" +"))
                .sex(SafeXml.text(tiq, NS_RESULT, "Sexe"))
                .birthDate(SafeXml.text(tiq, NS_RESULT, "DateNaissance"))
                .birthPlace(SafeXml.text(tiq, NS_RESULT, "LieuNaissance"));
        Element actif = SafeXml.child(individu, NS_RESULT, "INSACTIF");
        if (actif != null) {
            b.active = readIns(actif);
        }
        for (Element h : SafeXml.children(individu, NS_RESULT, "INSHISTO")) {
            b.history.add(readIns(h));
        }
        b.verbatim = bytes;
        b.source = file.getFileName().toString();
        return b.build();
    }

    private static Ins readIns(Element e) {
        Element id = SafeXml.child(e, NS_RESULT, "IdIndividu");
        return new Ins(SafeXml.text(id, NS_RESULT, "NumIdentifiant"), SafeXml.text(id, NS_RESULT, "Cle"),
                SafeXml.text(e, NS_RESULT, "OID"), SafeXml.text(e, NS_RESULT, "DateDeb"),
                SafeXml.text(e, NS_RESULT, "DateFin"));
    }

    /**
     * The personae the simulator knows by default, after the CNDA test cases and the INSi qualification
     * environment's test persons (see {@code specs/ins.md} §4.8), plus two homonyms of the simulator's own for
     * the {@code 02} answer and one persona whose search ends in a fault:
     * <ul>
     * <li>{@code ECETINSI PIERRE-ALAIN MURIEL FLORIANT} M 2009-07-14 (63220): {@code 00} with two history
     * entries (CNDA TEST_2.04 cas 2);</li>
     * <li>{@code PROVISOIRE MATRICULE} M 2009-07-01: {@code 00}, an NIA (TEST_2.05);</li>
     * <li>{@code CORSE ANTHONY} M 1980-03-02 (2B020): {@code 00}, a Corsica matricule (TEST_2.08 cas 1);</li>
     * <li>{@code HERMANN GATIEN} M 1981-03-24: {@code 00} whose keys are wrong, as in TEST_2.08 cas 2;</li>
     * <li>{@code ADRUN ZOE} F 1975-12-31 (63220): {@code 00};</li>
     * <li>{@code HOMONYME CAMILLE} F 1990-01-01, born in 63220 and in 75056: {@code 02} unless the birth place
     * is given;</li>
     * <li>{@code PANNE SERVICE} M 1970-01-01: the fault {@code siram_40}/{@code insi_102};</li>
     * <li>anyone else, for example {@code HOUILLES PIERRE} (CNDA REP_CR01): {@code 01}.</li>
     * </ul>
     *
     * @return the default personae
     */
    public static List<InsiPersona> defaults() {
        return List.of(
                builder().birthName("ECETINSI").firstNames("PIERRE-ALAIN", "MURIEL", "FLORIANT").sex("M")
                        .birthDate("2009-07-14").birthPlace("63220").active("1090763220834", "89", OID_NIR)
                        .history(new Ins("2090763220834", "39", OID_NIR, "2019-03-01", "2019-02-28"))
                        .history(new Ins("2090663220123", "55", OID_NIR, null, null)).build(),
                builder().birthName("PROVISOIRE").firstNames("MATRICULE").sex("M").birthDate("2009-07-01")
                        .birthPlace("63220").active("1090763220888", "35", OID_NIA).build(),
                builder().birthName("CORSE").firstNames("ANTHONY").sex("M").birthDate("1980-03-02")
                        .birthPlace("2B020").active("180032B020401", "23", OID_NIR)
                        .history(new Ins("180032B020401", "23", OID_NIR, null, null)).build(),
                builder().birthName("HERMANN").firstNames("GATIEN").sex("M").birthDate("1981-03-24")
                        .birthPlace("63220").active("1810363220456", "60", OID_NIR)
                        .history(new Ins("1810363220456", "60", OID_NIR, null, null))
                        .history(new Ins("2810363220456", "10", OID_NIR, null, null)).build(),
                builder().birthName("ADRUN").firstNames("ZOE").sex("F").birthDate("1975-12-31")
                        .birthPlace("63220").active("2751263220749", "74", OID_NIR).build(),
                builder().birthName("HOMONYME").firstNames("CAMILLE").sex("F").birthDate("1990-01-01")
                        .birthPlace("63220").active("2900163220017", null, OID_NIR).build(),
                builder().birthName("HOMONYME").firstNames("CAMILLE").sex("F").birthDate("1990-01-01")
                        .birthPlace("75056").active("2900175056031", null, OID_NIR).build(),
                builder().birthName("PANNE").firstNames("SERVICE").sex("M").birthDate("1970-01-01")
                        .fault(SimulatedFault.SERVICE_UNAVAILABLE).build());
    }

    /**
     * Whether a search with traits finds this persona: same birth name, sex and birth date, every first name
     * asked for is one of the persona's (or the whole list), and the birth place, when given, is the same.
     */
    boolean matchesTraits(String name, List<String> prenoms, String sexe, String date, String lieu) {
        if (!birthName.equals(name) || !sex.equals(sexe) || !birthDate.equals(date)) {
            return false;
        }
        if (lieu != null && !lieu.equals(birthPlace)) {
            return false;
        }
        if (prenoms.isEmpty()) {
            return false;
        }
        String all = String.join(" ", firstNames);
        for (String p : prenoms) {
            if (!firstNames.contains(p) && !all.equals(p)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a search with carte Vitale data finds this persona: one of its matricules and the birth date. */
    boolean matchesVitale(String number, String key, String date) {
        if (number == null || !birthDate.equals(date)) {
            return false;
        }
        if (active != null && active.matches(number, key)) {
            return true;
        }
        return history.stream().anyMatch(i -> i.matches(number, key));
    }

    /**
     * The birth name.
     *
     * @return the birth name
     */
    public String birthName() {
        return birthName;
    }

    /**
     * The birth first names, in order.
     *
     * @return the first names
     */
    public List<String> firstNames() {
        return firstNames;
    }

    /**
     * The sex, {@code M} or {@code F}.
     *
     * @return the sex
     */
    public String sex() {
        return sex;
    }

    /**
     * The birth date as INSi writes it ({@code YYYY-MM-DD}).
     *
     * @return the birth date
     */
    public String birthDate() {
        return birthDate;
    }

    /**
     * The birth place (INSEE COG code).
     *
     * @return the birth place, if known
     */
    public Optional<String> birthPlace() {
        return Optional.ofNullable(birthPlace);
    }

    /**
     * The active INS, absent for a fault persona.
     *
     * @return the active INS
     */
    public Optional<Ins> active() {
        return Optional.ofNullable(active);
    }

    /**
     * The INS history.
     *
     * @return the former INS
     */
    public List<Ins> history() {
        return history;
    }

    /**
     * The fault a search for this persona ends in, if any.
     *
     * @return the fault
     */
    public Optional<SimulatedFault> fault() {
        return Optional.ofNullable(fault);
    }

    /**
     * The name of the response file this persona was read from.
     *
     * @return the file name, if it came from a file
     */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    byte[] verbatim() {
        return verbatim;
    }

    @Override
    public String toString() {
        return birthName + " " + String.join(" ", firstNames) + " " + sex + " " + birthDate
                + (source == null ? "" : " (" + source + ")");
    }

    /**
     * One INS as INSi returns it ({@code INSACTIF} or {@code INSHISTO}).
     *
     * @param number the 13-character matricule
     * @param key the 2-digit key as sent; {@code null} to let the simulator compute the right one
     * @param oid the assigning authority's OID
     * @param startDate {@code DateDeb}, or {@code null}
     * @param endDate {@code DateFin}, or {@code null}
     */
    public record Ins(String number, String key, String oid, String startDate, String endDate) {

        /**
         * Checks the fields; computes the key when it is {@code null}.
         *
         * @param number the matricule
         * @param key the key or {@code null}
         * @param oid the OID
         * @param startDate the start date or {@code null}
         * @param endDate the end date or {@code null}
         */
        public Ins {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(oid, "oid");
            if (!number.matches("\\d{5}(\\d{2}|2[AB])\\d{6}")) {
                throw new IllegalArgumentException("not a 13-character matricule: " + number);
            }
            if (key == null) {
                key = computeKey(number);
            }
        }

        boolean matches(String otherNumber, String otherKey) {
            return number.equals(otherNumber) && (otherKey == null || otherKey.equals(key));
        }

        /**
         * The right key of a 13-character matricule: 97 − (number mod 97), with 2A → 19 and 2B → 18.
         *
         * @param number the matricule
         * @return the two-digit key
         */
        public static String computeKey(String number) {
            String digits = number.substring(0, 5)
                    + switch (number.substring(5, 7)) {
                        case "2A" -> "19";
                        case "2B" -> "18";
                        default -> number.substring(5, 7);
                    }
                    + number.substring(7);
            long key = 97 - Long.parseLong(digits) % 97;
            return key < 10 ? "0" + key : Long.toString(key);
        }
    }

    /**
     * Builds a persona.
     */
    public static final class Builder {
        private String birthName;
        private final List<String> firstNames = new ArrayList<>();
        private String sex;
        private String birthDate;
        private String birthPlace;
        private Ins active;
        private final List<Ins> history = new ArrayList<>();
        private SimulatedFault fault;
        private byte[] verbatim;
        private String source;

        private Builder() {
        }

        /**
         * The birth name, as INSi writes it.
         *
         * @param v the birth name
         * @return this builder
         */
        public Builder birthName(String v) {
            birthName = v;
            return this;
        }

        /**
         * The birth first names, in order.
         *
         * @param v the first names
         * @return this builder
         */
        public Builder firstNames(String... v) {
            firstNames.clear();
            firstNames.addAll(Arrays.asList(v));
            return this;
        }

        /**
         * The sex.
         *
         * @param v {@code M} or {@code F}
         * @return this builder
         */
        public Builder sex(String v) {
            sex = v;
            return this;
        }

        /**
         * The birth date.
         *
         * @param v {@code YYYY-MM-DD}
         * @return this builder
         */
        public Builder birthDate(String v) {
            birthDate = v;
            return this;
        }

        /**
         * The birth place.
         *
         * @param v the INSEE COG code, or {@code null}
         * @return this builder
         */
        public Builder birthPlace(String v) {
            birthPlace = v;
            return this;
        }

        /**
         * The active INS.
         *
         * @param number the 13-character matricule
         * @param key the key as INSi sends it, {@code null} to compute the right one
         * @param oid the OID
         * @return this builder
         */
        public Builder active(String number, String key, String oid) {
            active = new Ins(number, key, oid, null, null);
            return this;
        }

        /**
         * Adds a former INS.
         *
         * @param ins the former INS
         * @return this builder
         */
        public Builder history(Ins ins) {
            history.add(Objects.requireNonNull(ins, "ins"));
            return this;
        }

        /**
         * Makes a search for this persona end in a fault.
         *
         * @param v the fault
         * @return this builder
         */
        public Builder fault(SimulatedFault v) {
            fault = v;
            return this;
        }

        /**
         * The persona.
         *
         * @return the persona
         * @throws IllegalArgumentException when a trait is missing
         */
        public InsiPersona build() {
            return new InsiPersona(this);
        }
    }
}
