package fr.segurbio.loinc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.internal.UcumArbitrary;

/**
 * UCUM units (case-sensitive form) with {@code org.fhir:ucum}: validation with hints for the usual lab
 * spellings, commensurability and conversion. Lab rules on top of UCUM's:
 * <ul>
 * <li>an arbitrary unit ({@code [IU]}, {@code [arb'U]} …) is commensurable only with itself;</li>
 * <li>a mass unit and an amount-of-substance unit ({@code g/L} and {@code mmol/L}) are <em>not</em> commensurable:
 * converting needs the analyte's molar mass, which UCUM cannot know ({@code LOINC-032}); a factor is never
 * invented;</li>
 * <li>a substance unit and a pure count ({@code mmol/L} and {@code 10*9/L}) are not commensurable either, though
 * UCUM counts moles;</li>
 * <li>Celsius, Fahrenheit and kelvin convert with their offsets.</li>
 * </ul>
 * Thread-safe; results are cached.
 *
 * <pre>{@code
 * Ucum ucum = Ucum.standard();
 * ucum.isValid("mmol/L");                           // true
 * ucum.validate("µmol/L").errors();                 // LOINC-030, hint "umol/L"
 * ucum.factor("mg/dL", "g/L");                      // 0.01
 * ucum.convert(new BigDecimal("5"), "mmol/L", "umol/L"); // 5000
 * ucum.checkConversion("g/L", "mmol/L");            // LOINC-032: not commensurable without molar mass
 * }</pre>
 */
public final class Ucum {

    /** The OID of UCUM as a code system. */
    public static final String SYSTEM_OID = "2.16.840.1.113883.6.8";
    /** The FHIR canonical URI of UCUM. */
    public static final String SYSTEM_URI = "http://unitsofmeasure.org";

    private static final Pattern BRACKETED = Pattern.compile("\\[[^\\]]*\\]");
    private static final Pattern ANNOTATION = Pattern.compile("\\{[^}]*\\}");
    private static final Pattern SUBSTANCE_ATOM = Pattern.compile("(?:da|[YZEPTGMkhdcmunpfazy])?(?:mol|eq|osm|kat|U)");
    private static final Pattern TOKEN_SPLIT = Pattern.compile("[./()]");
    private static final Pattern LOWER_LITRE = Pattern.compile("(?<![A-Za-z])([mudcnpf]?)l(?![A-Za-z])");
    private static final MathContext MC = MathContext.DECIMAL64;
    private static final String NO_ERROR = "";

    private static volatile Ucum standard;

    private final UcumEssenceService service;
    private final UcumArbitrary arbitrary;
    private final Map<String, String> validity = new ConcurrentHashMap<>();
    private final Map<String, Object> factors = new ConcurrentHashMap<>();
    private final Map<String, Optional<Boolean>> suits = new ConcurrentHashMap<>();
    private final Map<String, ValidationResult> validations = new ConcurrentHashMap<>();

    private Ucum(UcumEssenceService service, UcumArbitrary arbitrary) {
        this.service = service;
        this.arbitrary = arbitrary;
    }

    /**
     * The shared instance over the UCUM essence bundled with {@code org.fhir:ucum}, loaded on first use.
     *
     * @return the shared instance
     */
    public static Ucum standard() {
        Ucum u = standard;
        if (u == null) {
            synchronized (Ucum.class) {
                u = standard;
                if (u == null) {
                    u = load();
                    standard = u;
                }
            }
        }
        return u;
    }

    private static Ucum load() {
        try {
            UcumEssenceService service;
            try (InputStream in = open()) {
                service = new UcumEssenceService(in);
            }
            UcumArbitrary arbitrary;
            try (InputStream in = open()) {
                arbitrary = UcumArbitrary.read(in);
            }
            return new Ucum(service, arbitrary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UcumException e) {
            throw new IllegalStateException("the UCUM essence bundled with org.fhir:ucum cannot be read", e);
        }
    }

    private static InputStream open() throws IOException {
        InputStream in = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml");
        if (in == null) {
            in = UcumEssenceService.class.getClassLoader().getResourceAsStream("ucum-essence.xml");
        }
        if (in == null) {
            throw new IOException("ucum-essence.xml not found beside org.fhir.ucum");
        }
        return in;
    }

    /**
     * The UCUM version of the essence file in use.
     *
     * @return for example {@code "2.2 (2024-06-17)"}
     */
    public String version() {
        return arbitrary.version;
    }

    /**
     * Whether UCUM accepts the unit (case-sensitive). An empty unit is refused: write {@code 1}.
     *
     * @param unit the unit
     * @return {@code true} when valid
     */
    public boolean isValid(String unit) {
        return error(unit).isEmpty();
    }

    private String error(String unit) {
        if (unit == null || unit.isBlank()) {
            return "empty unit (write 1 for a dimensionless quantity)";
        }
        if (validity.size() > 100_000) {
            validity.clear();
        }
        return validity.computeIfAbsent(unit, u -> {
            if (!u.strip().equals(u) || u.indexOf(' ') >= 0) {
                return "spaces are not allowed in a UCUM unit";
            }
            String e;
            synchronized (service) {
                e = service.validate(u);
            }
            return e == null ? NO_ERROR : e;
        });
    }

    /**
     * Validates a unit, with a hint for the usual mistakes ({@code µ} for {@code u}, {@code UI} for
     * {@code [IU]}, upper case {@code MMOL/L}); warns about units UCUM accepts with another meaning
     * ({@code G/L} is gauss per litre, not 10⁹ per litre) and notes {@code l} where the JDV write {@code L}.
     *
     * @param unit the unit
     * @return errors ({@code LOINC-030}), warnings ({@code LOINC-038}) or notes ({@code LOINC-039})
     */
    public ValidationResult validate(String unit) {
        if (unit == null) {
            return computeValidation(null);
        }
        ValidationResult cached = validations.get(unit);
        if (cached == null) {
            cached = computeValidation(unit);
            if (validations.size() < 100_000) {
                validations.put(unit, cached);
            }
        }
        return cached;
    }

    private ValidationResult computeValidation(String unit) {
        String e = error(unit);
        if (!e.isEmpty()) {
            String hint = suggestion(unit).map(s -> " → " + s).orElse("");
            return ValidationResult.of(Problem.of(LoincError.INVALID_UCUM_UNIT, "", unit == null ? "" : unit, e, hint));
        }
        if (unit.equals("G/L") || unit.equals("T/L") || unit.equals("G/l") || unit.equals("T/l")) {
            return ValidationResult.of(Problem.of(LoincError.GIGA_PER_LITRE, "", unit,
                    unit.startsWith("G") ? "10*9/L" : "10*12/L"));
        }
        String upper = capitalLitre(unit);
        if (!upper.equals(unit) && isValid(upper)) {
            return ValidationResult.of(Problem.of(LoincError.LOWERCASE_LITRE, "", unit, upper));
        }
        return ValidationResult.ok();
    }

    /**
     * A valid UCUM spelling of a unit as labs often write it, if one can be found.
     *
     * <pre>{@code
     * Ucum.standard().suggestion("µmol/l"); // Optional["umol/L"]
     * Ucum.standard().suggestion("UI/L");   // Optional["[IU]/L"]
     * }</pre>
     *
     * @param unit the unit as written
     * @return a valid unit with the same intended meaning, or empty
     */
    public Optional<String> suggestion(String unit) {
        if (unit == null || unit.isBlank()) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        String s = unit.strip().replace(" ", "").replace('µ', 'u').replace('μ', 'u')
                .replace("mmHg", "mm[Hg]").replace("cmH2O", "cm[H2O]")
                .replaceAll("/24h$", "/(24.h)").replaceAll("/24H$", "/(24.h)").replaceAll("(?i)/min$", "/min");
        s = s.replaceAll("(?<![A-Za-z\\[])UI(?![A-Za-z\\]])", "[IU]").replaceAll("(?<![A-Za-z\\[])([mu])UI", "$1[IU]");
        candidates.add(capitalLitre(s));
        candidates.add(s);
        String lower = s.toLowerCase(Locale.ROOT).replace("[iu]", "[IU]").replace("[hg]", "[Hg]");
        candidates.add(capitalLitre(lower));
        candidates.add(lower);
        for (String c : candidates) {
            if (!c.equals(unit) && isValid(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The UCUM unit a lab means by a unit as its software writes it: {@code G/L} and {@code T/L} are the
     * 10⁹ and 10¹² per litre of cell counts (not gauss or tesla), {@code UI} is {@code [IU]}, {@code µ} is
     * {@code u}, and the case slips of {@link #suggestion(String)} are mended; a valid UCUM unit is kept.
     *
     * <pre>{@code
     * Ucum.standard().fromLabSpelling("G/l");   // Optional["10*9/L"]
     * Ucum.standard().fromLabSpelling("µmol/l"); // Optional["umol/L"]
     * }</pre>
     *
     * @param localUnit the unit as written by the lab software
     * @return the UCUM unit, or empty when it cannot be read
     */
    public Optional<String> fromLabSpelling(String localUnit) {
        if (localUnit == null || localUnit.isBlank()) {
            return Optional.empty();
        }
        String s = localUnit.strip();
        if (s.equals("G/L") || s.equals("G/l")) {
            return Optional.of("10*9/L");
        }
        if (s.equals("T/L") || s.equals("T/l")) {
            return Optional.of("10*12/L");
        }
        if (isValid(s)) {
            return Optional.of(s);
        }
        return suggestion(s);
    }

    private static String capitalLitre(String unit) {
        return LOWER_LITRE.matcher(unit).replaceAll("$1L");
    }

    /**
     * Whether two valid units measure the same kind of quantity under the lab rules of this class.
     *
     * @param a a unit
     * @param b another unit
     * @return {@code true} when a value in {@code a} can be converted to {@code b}
     */
    public boolean isCommensurable(String a, String b) {
        return checkConversion(a, b).isValid();
    }

    /**
     * Why a value in {@code from} cannot be converted to {@code to}: an invalid unit ({@code LOINC-030}), units
     * of different kinds ({@code LOINC-031}) or mass against substance ({@code LOINC-032}).
     *
     * @param from the unit of the value
     * @param to the wanted unit
     * @return valid when the conversion is possible
     */
    public ValidationResult checkConversion(String from, String to) {
        ValidationResult units = validate(from).and(validate(to));
        if (!units.isValid()) {
            return ValidationResult.of(units.errors());
        }
        Object f = factorOrProblem(from, to);
        return f instanceof Problem p ? ValidationResult.of(p) : ValidationResult.ok();
    }

    /**
     * The factor that turns a value in {@code from} into a value in {@code to}.
     *
     * @param from the unit of the value
     * @param to the wanted unit
     * @return the factor, such as {@code 0.01} for {@code mg/dL} → {@code g/L}
     * @throws LoincException when the units are invalid or not commensurable, or when they are temperatures
     *         with an offset (use {@link #convert(BigDecimal, String, String)})
     */
    public BigDecimal factor(String from, String to) {
        ValidationResult units = validate(from).and(validate(to));
        if (!units.isValid()) {
            throw new LoincException(ValidationResult.of(units.errors()));
        }
        Object f = factorOrProblem(from, to);
        if (f instanceof Problem p) {
            throw new LoincException(p, null);
        }
        if (f instanceof Temperature) {
            throw new LoincException(LoincError.UNSUPPORTED_CONVERSION, from, to,
                    "offset scale: no single factor, convert values");
        }
        return (BigDecimal) f;
    }

    /**
     * Converts a value.
     *
     * @param value the value in {@code from}
     * @param from its unit
     * @param to the wanted unit
     * @return the value in {@code to}
     * @throws LoincException when the units are invalid or not commensurable
     */
    public BigDecimal convert(BigDecimal value, String from, String to) {
        ValidationResult units = validate(from).and(validate(to));
        if (!units.isValid()) {
            throw new LoincException(ValidationResult.of(units.errors()));
        }
        Object f = factorOrProblem(from, to);
        if (f instanceof Problem p) {
            throw new LoincException(p, null);
        }
        if (f instanceof Temperature) {
            return Temperature.fromKelvin(Temperature.toKelvin(value, from), to);
        }
        return value.multiply((BigDecimal) f, MC).stripTrailingZeros();
    }

    /**
     * Whether a unit expresses an amount of substance ({@code mol}, {@code eq}, {@code osm}, {@code kat},
     * the enzyme unit {@code U}, with any prefix).
     *
     * @param unit a unit
     * @return {@code true} when one of its atoms is a substance unit
     */
    public static boolean isSubstance(String unit) {
        String s = ANNOTATION.matcher(BRACKETED.matcher(unit).replaceAll("")).replaceAll("");
        for (String token : TOKEN_SPLIT.split(s)) {
            String atom = token.replaceAll("[-+]?\\d+$", "");
            if (!atom.isEmpty() && SUBSTANCE_ATOM.matcher(atom).matches()) {
                return true;
            }
        }
        return false;
    }

    private List<String> arbitraryAtoms(String unit) {
        List<String> out = new ArrayList<>();
        Matcher m = BRACKETED.matcher(unit);
        while (m.find()) {
            if (arbitrary.codes.contains(m.group())) {
                out.add(m.group());
            }
        }
        out.sort(null);
        return out;
    }

    private Object factorOrProblem(String from, String to) {
        return factors.computeIfAbsent(from + '\u0000' + to, k -> computeFactor(from, to));
    }

    private Object computeFactor(String from, String to) {
        if (from.equals(to)) {
            return BigDecimal.ONE;
        }
        if (Temperature.is(from) || Temperature.is(to)) {
            return Temperature.is(from) && Temperature.is(to) ? new Temperature()
                    : Problem.of(LoincError.NOT_COMMENSURABLE, "", from, to);
        }
        if (!arbitraryAtoms(from).equals(arbitraryAtoms(to))) {
            return Problem.of(LoincError.NOT_COMMENSURABLE, "", from, to);
        }
        boolean substanceFrom = isSubstance(from);
        boolean substanceTo = isSubstance(to);
        synchronized (service) {
            try {
                boolean comparable = service.isComparable(from, to);
                if (comparable && substanceFrom == substanceTo) {
                    Decimal d = service.convert(new Decimal("1"), from, to);
                    return new BigDecimal(d.asDecimal()).round(MC).stripTrailingZeros();
                }
                if (substanceFrom != substanceTo && (service.isComparable(from, "(" + to + ")/g")
                        || service.isComparable(from, "(" + to + ").g"))) {
                    return Problem.of(LoincError.NEEDS_MOLAR_MASS, "", from, to);
                }
                return Problem.of(LoincError.NOT_COMMENSURABLE, "", from, to);
            } catch (UcumException | RuntimeException e) {
                return Problem.of(LoincError.UNSUPPORTED_CONVERSION, "", from, to, String.valueOf(e.getMessage()));
            }
        }
    }

    /**
     * Whether a UCUM unit suits a LOINC property ({@code MCnc} needs a mass concentration such as {@code g/L},
     * {@code SCnc} a substance concentration such as {@code mmol/L}, {@code NCnc} a count such as
     * {@code 10*9/L} …).
     *
     * <pre>{@code
     * Ucum.standard().suitsProperty("mmol/L", "MCnc"); // Optional[false]: needs a molar mass
     * Ucum.standard().suitsProperty("g/L", "MCnc");    // Optional[true]
     * Ucum.standard().suitsProperty("[IU]/L", "ACnc"); // Optional.empty(): not checkable
     * }</pre>
     *
     * @param unit a valid UCUM unit
     * @param property the LOINC property ({@code PROPERTY} column)
     * @return whether it suits, or empty when this property cannot be checked
     */
    public Optional<Boolean> suitsProperty(String unit, String property) {
        if (unit == null || property == null) {
            return Optional.empty();
        }
        return suits.computeIfAbsent(property + '\u0000' + unit, k -> computeSuits(unit, property));
    }

    private Optional<Boolean> computeSuits(String unit, String property) {
        PropertyRule rule = PropertyRule.of(property);
        if (rule == null || !isValid(unit)) {
            return Optional.empty();
        }
        if (rule.substance == Boolean.TRUE && !isSubstance(unit) || rule.substance == Boolean.FALSE && isSubstance(unit)) {
            return Optional.of(false);
        }
        if (!arbitraryAtoms(unit).isEmpty()) {
            return Optional.of(false);
        }
        if (Temperature.is(unit) || Temperature.is(rule.reference)) {
            return Optional.of(Temperature.is(unit) && Temperature.is(rule.reference));
        }
        synchronized (service) {
            try {
                return Optional.of(service.isComparable(unit, rule.reference));
            } catch (UcumException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * A unit that suits a LOINC property, for messages.
     *
     * @param property the LOINC property
     * @return an example unit, or empty when the property is not checked
     */
    public static Optional<String> exampleUnit(String property) {
        PropertyRule rule = PropertyRule.of(property);
        return rule == null ? Optional.empty() : Optional.of(rule.example);
    }

    /** What a LOINC property asks of a unit: a reference to compare with and whether it is a substance. */
    private record PropertyRule(String reference, Boolean substance, String example) {
        static PropertyRule of(String property) {
            if (property == null) {
                return null;
            }
            return switch (property.strip()) {
                case "MCnc" -> new PropertyRule("g/L", false, "g/L, mg/dL");
                case "SCnc" -> new PropertyRule("mol/L", true, "mmol/L, umol/L");
                case "NCnc" -> new PropertyRule("/L", false, "10*9/L, /uL");
                case "CCnc" -> new PropertyRule("kat/L", true, "U/L, ukat/L");
                case "CAct" -> new PropertyRule("kat", true, "U, ukat");
                case "MCnt" -> new PropertyRule("g/kg", false, "mg/kg");
                case "SCnt" -> new PropertyRule("mol/kg", true, "mmol/kg");
                case "MFr", "NFr", "VFr" -> new PropertyRule("1", false, "%");
                case "SFr" -> new PropertyRule("1", null, "mmol/mol, %");
                case "MRat" -> new PropertyRule("g/d", false, "g/(24.h)");
                case "SRat" -> new PropertyRule("mol/d", true, "mmol/(24.h)");
                case "VRat" -> new PropertyRule("L/s", false, "mL/min");
                case "Osmol" -> new PropertyRule("osm/kg", true, "mosm/kg");
                case "Osmlr" -> new PropertyRule("osm/L", true, "mosm/L");
                case "Time" -> new PropertyRule("s", false, "s, min");
                case "Len" -> new PropertyRule("m", false, "mm, cm");
                case "Mass" -> new PropertyRule("g", false, "g, kg");
                case "Vol" -> new PropertyRule("L", false, "mL");
                case "Temp" -> new PropertyRule("Cel", false, "Cel");
                case "Pres", "PPres" -> new PropertyRule("Pa", false, "mm[Hg], kPa");
                case "MRto", "SRto", "Ratio", "VRto", "NRto" -> new PropertyRule("1", null, "1, %");
                case "EntVol" -> new PropertyRule("L", false, "fL");
                case "EntMass" -> new PropertyRule("g", false, "pg");
                case "EntMCnc" -> new PropertyRule("g/L", false, "g/dL");
                default -> null;
            };
        }
    }

    /** Celsius, Fahrenheit and kelvin: affine conversions through kelvin. */
    private static final class Temperature {
        private static final BigDecimal ZERO_C = new BigDecimal("273.15");
        private static final BigDecimal NINE_FIFTHS = new BigDecimal("1.8");

        static boolean is(String unit) {
            return unit.equals("Cel") || unit.equals("K") || unit.equals("[degF]");
        }

        static BigDecimal toKelvin(BigDecimal v, String unit) {
            return switch (unit) {
                case "Cel" -> v.add(ZERO_C);
                case "[degF]" -> v.subtract(new BigDecimal(32)).divide(NINE_FIFTHS, MC).add(ZERO_C);
                default -> v;
            };
        }

        static BigDecimal fromKelvin(BigDecimal k, String unit) {
            BigDecimal r = switch (unit) {
                case "Cel" -> k.subtract(ZERO_C);
                case "[degF]" -> k.subtract(ZERO_C).multiply(NINE_FIFTHS).add(new BigDecimal(32));
                default -> k;
            };
            return r.round(MC).stripTrailingZeros();
        }
    }
}
