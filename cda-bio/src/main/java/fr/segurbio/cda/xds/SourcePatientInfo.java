package fr.segurbio.cda.xds;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Gender;
import fr.segurbio.cda.Patient;

/**
 * The XDS {@code sourcePatientInfo} of a document, as the DMP reads it: one slot value per line,
 * {@code PID-3|} each identifier (CX), {@code PID-5|NOM^Prénom^^^^^L} the birth name (legal name type),
 * {@code PID-7|yyyyMMdd} the birth date, {@code PID-8|M/F/U} the administrative gender.
 *
 * <pre>{@code
 * SourcePatientInfo info = SourcePatientInfo.of(report.patient());
 * info.lines();   // [PID-3|279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH, PID-3|…^PI,
 *                 //  PID-5|PAT-TROIS^DOMINIQUE^^^^^L, PID-7|19790328, PID-8|F]
 * SourcePatientInfo.parse(info.lines()).equals(info);   // true
 * }</pre>
 *
 * @param identifiers the PID-3 identifiers (the INS when qualified, then the local identifier)
 * @param familyName PID-5.1, the birth family name
 * @param givenName PID-5.2, the first birth given name, if known
 * @param birthDate PID-7, if known
 * @param gender PID-8
 */
public record SourcePatientInfo(List<Cx> identifiers, String familyName, Optional<String> givenName,
        Optional<LocalDate> birthDate, Gender gender) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private static final String LEGAL = "L";

    /**
     * Checks the traits.
     *
     * @param identifiers the identifiers
     * @param familyName the family name
     * @param givenName the given name
     * @param birthDate the birth date
     * @param gender the gender
     * @throws CdaException {@code CDA-703} when the family name is empty
     */
    public SourcePatientInfo {
        identifiers = List.copyOf(identifiers);
        familyName = Components.blankToNull(familyName);
        givenName = Objects.requireNonNull(givenName, "givenName").filter(s -> !s.isBlank());
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(gender, "gender");
        if (familyName == null) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "PID-5", "PID-5");
        }
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The traits of a report's patient: the INS (only when qualified) and the local identifier, the birth names,
     * the birth date and the gender.
     *
     * @param patient the patient
     * @return the source patient info
     */
    public static SourcePatientInfo of(Patient patient) {
        Objects.requireNonNull(patient, "patient");
        List<Cx> ids = new ArrayList<>(2);
        patient.shareableIns().map(Cx::ins).ifPresent(ids::add);
        ids.add(Cx.local(patient.localId()));
        return new SourcePatientInfo(ids, patient.birthFamilyName(),
                patient.firstBirthGivenName().or(patient::birthGivenNames), patient.birthDate(), patient.gender());
    }

    /**
     * The slot values.
     *
     * @return one {@code PID-n|value} line per identifier and trait
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>(identifiers.size() + 3);
        for (Cx id : identifiers) {
            out.add("PID-3|" + id.format());
        }
        out.add("PID-5|" + Components.join(Hl7Escape.COMPONENT, Hl7Escape.escape(familyName),
                Hl7Escape.escape(givenName.orElse(null)), "", "", "", "", LEGAL));
        birthDate.ifPresent(d -> out.add("PID-7|" + DATE.format(d)));
        out.add("PID-8|" + gender.name());
        return out;
    }

    /**
     * Reads the slot values.
     *
     * @param lines the {@code PID-n|value} lines
     * @return the source patient info
     * @throws CdaException {@code CDA-70x} when a line is malformed, repeated (PID-5, 7, 8), or names a field
     *         not modelled
     */
    public static SourcePatientInfo parse(List<String> lines) {
        Builder b = builder();
        boolean name = false;
        boolean date = false;
        boolean sex = false;
        for (String line : Objects.requireNonNull(lines, "lines")) {
            int bar = line == null ? -1 : line.indexOf('|');
            if (bar < 0) {
                throw Components.fail(XdsError.BAD_COMPONENT, "sourcePatientInfo", String.valueOf(line),
                        "a line is PID-n|value");
            }
            String field = line.substring(0, bar);
            String value = line.substring(bar + 1);
            switch (field) {
                case "PID-3" -> b.identifier(Cx.parse(value));
                case "PID-5" -> {
                    once(name, field);
                    name = true;
                    String[] c = Components.split("PID-5", value, 7, 1, 2, 7);
                    if (!c[6].isEmpty() && !LEGAL.equals(c[6])) {
                        throw Components.fail(XdsError.BAD_COMPONENT, "PID-5.7", c[6],
                                "only the legal (birth) name, type L, is modelled");
                    }
                    b.familyName(Components.text("PID-5.1", c[0], value))
                            .givenName(Components.text("PID-5.2", c[1], value));
                }
                case "PID-7" -> {
                    once(date, field);
                    date = true;
                    try {
                        b.birthDate(LocalDate.parse(value, DATE));
                    } catch (DateTimeParseException e) {
                        throw Components.fail(XdsError.BAD_COMPONENT, "PID-7", value, "a birth date is yyyyMMdd");
                    }
                }
                case "PID-8" -> {
                    once(sex, field);
                    sex = true;
                    b.gender(switch (value) {
                        case "M" -> Gender.M;
                        case "F" -> Gender.F;
                        case "U" -> Gender.U;
                        default -> throw Components.fail(XdsError.BAD_COMPONENT, "PID-8", value,
                                "the gender is M, F or U");
                    });
                }
                default -> throw Components.fail(XdsError.UNSUPPORTED_COMPONENT, field, line, "sourcePatientInfo");
            }
        }
        if (!sex) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "PID-8", "PID-8");
        }
        return b.build();
    }

    private static void once(boolean seen, String field) {
        if (seen) {
            throw Components.fail(XdsError.UNSUPPORTED_COMPONENT, field, field + " (repeated)", "sourcePatientInfo");
        }
    }

    /** Builds a {@link SourcePatientInfo}. */
    public static final class Builder {
        private final List<Cx> identifiers = new ArrayList<>();
        private String familyName;
        private String givenName;
        private LocalDate birthDate;
        private Gender gender;

        private Builder() {
        }

        /**
         * Adds a PID-3 identifier.
         *
         * @param identifier the identifier
         * @return this builder
         */
        public Builder identifier(Cx identifier) {
            identifiers.add(Objects.requireNonNull(identifier, "identifier"));
            return this;
        }

        /**
         * PID-5.1.
         *
         * @param familyName the birth family name
         * @return this builder
         */
        public Builder familyName(String familyName) {
            this.familyName = familyName;
            return this;
        }

        /**
         * PID-5.2.
         *
         * @param givenName the first birth given name, or {@code null}
         * @return this builder
         */
        public Builder givenName(String givenName) {
            this.givenName = givenName;
            return this;
        }

        /**
         * PID-7.
         *
         * @param birthDate the birth date, or {@code null}
         * @return this builder
         */
        public Builder birthDate(LocalDate birthDate) {
            this.birthDate = birthDate;
            return this;
        }

        /**
         * PID-8.
         *
         * @param gender the gender
         * @return this builder
         */
        public Builder gender(Gender gender) {
            this.gender = gender;
            return this;
        }

        /**
         * Builds the source patient info.
         *
         * @return the source patient info
         * @throws CdaException {@code CDA-703} when the family name or the gender is missing
         */
        public SourcePatientInfo build() {
            if (gender == null) {
                throw Components.fail(XdsError.MISSING_COMPONENT, "PID-8", "PID-8");
            }
            return new SourcePatientInfo(identifiers, familyName, Optional.ofNullable(givenName),
                    Optional.ofNullable(birthDate), gender);
        }
    }
}
