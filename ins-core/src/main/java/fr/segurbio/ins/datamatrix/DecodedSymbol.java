package fr.segurbio.ins.datamatrix;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.AssigningAuthority;
import fr.segurbio.ins.BirthDate;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.Matricule;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Sex;

/**
 * What was read from one INS Datamatrix: the fields as found (each may be absent) and every problem (header,
 * unknown or missing fields, truncated data, wrong key, OID, traits). An identity read from a Datamatrix is
 * <em>not</em> qualified by itself (RNIV: collection method "code-barre"): use it to prefill the traits, then call
 * INSi and check an identity document.
 *
 * <pre>{@code
 * DecodedSymbol s = InsDatamatrix.parse(text);
 * if (s.isValid()) {
 *     Ins ins = s.ins().orElseThrow();
 *     IdentityTraits traits = s.traits().orElseThrow();
 * } else {
 *     s.problems().errors().forEach(p -> show(p.message(Locale.FRENCH)));
 * }
 * }</pre>
 */
public final class DecodedSymbol {

    private final String text;
    private final String matricule;
    private final String oid;
    private final String firstNames;
    private final String birthName;
    private final String sex;
    private final String birthDateText;
    private final LocalDate birthDate;
    private final String birthPlace;
    private final ValidationResult problems;

    DecodedSymbol(String text, String[] fields, LocalDate birthDate, ValidationResult problems) {
        this.text = Objects.requireNonNull(text, "text");
        this.matricule = fields[0];
        this.oid = fields[1];
        this.firstNames = fields[2];
        this.birthName = fields[3];
        this.sex = fields[4];
        this.birthDateText = fields[5];
        this.birthPlace = fields[6];
        this.birthDate = birthDate;
        this.problems = problems;
    }

    /**
     * The text read from the symbol, as decoded. Health data: do not log it.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * Whether the symbol is a well-formed INS Datamatrix whose matricule key, OID and traits are right.
     *
     * @return {@code true} when there is no error
     */
    public boolean isValid() {
        return problems.isValid();
    }

    /**
     * Every problem found.
     *
     * @return the problems, located by field ({@code S1} … {@code S7})
     */
    public ValidationResult problems() {
        return problems;
    }

    /**
     * S1 as read.
     *
     * @return the matricule text, if present
     */
    public Optional<String> matricule() {
        return Optional.ofNullable(matricule);
    }

    /**
     * S2 as read.
     *
     * @return the OID, if present
     */
    public Optional<String> oid() {
        return Optional.ofNullable(oid);
    }

    /**
     * S3 as read, split on spaces.
     *
     * @return the birth first names (empty when S3 is absent)
     */
    public List<String> firstNames() {
        return firstNames == null || firstNames.isEmpty() ? List.of() : List.of(firstNames.split(" ", -1));
    }

    /**
     * S4 as read.
     *
     * @return the birth name, if present
     */
    public Optional<String> birthName() {
        return Optional.ofNullable(birthName);
    }

    /**
     * S5 as read.
     *
     * @return {@code M}, {@code F} or whatever was found, if present
     */
    public Optional<String> sex() {
        return Optional.ofNullable(sex);
    }

    /**
     * S6 as read ({@code JJ-MM-AAAA}).
     *
     * @return the date text, if present
     */
    public Optional<String> birthDateText() {
        return Optional.ofNullable(birthDateText);
    }

    /**
     * S6 as a date, when it is one.
     *
     * @return the birth date, if S6 is a valid date
     */
    public Optional<LocalDate> birthDate() {
        return Optional.ofNullable(birthDate);
    }

    /**
     * S7 as read.
     *
     * @return the COG code, if present
     */
    public Optional<String> birthPlace() {
        return Optional.ofNullable(birthPlace);
    }

    /**
     * The INS, when S1 and S2 are valid.
     *
     * @return the INS, if valid
     */
    public Optional<Ins> ins() {
        if (matricule == null || oid == null || !Matricule.isValid(matricule)
                || AssigningAuthority.find(oid).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Ins.of(matricule, oid));
    }

    /**
     * The traits, when the whole symbol is valid.
     *
     * @return the traits, if valid
     */
    public Optional<IdentityTraits> traits() {
        if (!isValid()) {
            return Optional.empty();
        }
        return Optional.of(IdentityTraits.builder().birthName(birthName).birthFirstNames(firstNames)
                .sex(Sex.fromCode(sex)).birthDate(BirthDate.of(birthDate)).birthPlace(birthPlace).build());
    }

    /**
     * Masked: validity and problem codes only.
     *
     * @return for example {@code DecodedSymbol[valid]}
     */
    @Override
    public String toString() {
        return "DecodedSymbol[" + (isValid() ? "valid" : problems.errors().stream().map(p -> p.code().id()).toList())
                + "]";
    }
}
