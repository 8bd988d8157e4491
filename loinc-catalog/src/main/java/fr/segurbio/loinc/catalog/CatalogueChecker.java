package fr.segurbio.loinc.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincEntry;
import fr.segurbio.loinc.LoincError;
import fr.segurbio.loinc.LoincTable;
import fr.segurbio.loinc.Ucum;
import fr.segurbio.loinc.ValueSet;

/**
 * The checks a biologist reads before validating a transcoded catalogue: LOINC codes unknown or deprecated
 * (with the replacement), codes outside the value sets (JDV), chapters outside the chapters value set, UCUM
 * units unsuited to the LOINC property, conversion factors missing, wrong or resting on a molar mass, local
 * codes duplicated, exams left untranscoded, one LOINC code reached from several local exams with different
 * units, result types unlike the LOINC scale. Every problem is reported, located by the exam's local code.
 * Thread-safe once built; the LOINC table and value sets are optional.
 *
 * <pre>{@code
 * CatalogueChecker checker = CatalogueChecker.builder()
 *         .loincTable(LoincTable.load(Path.of("/opt/loinc")))
 *         .valueSets(List.of(ValueSets.load(Path.of("jdv-circuit-biologie.xml"))))
 *         .build();
 * ValidationResult report = checker.check(catalogue);
 * report.errors().forEach(p -> System.out.println(p.path() + " " + p.message(Locale.FRENCH)));
 * }</pre>
 */
public final class CatalogueChecker {

    /** The relative difference tolerated between a stated conversion factor and UCUM's. */
    public static final BigDecimal FACTOR_TOLERANCE = new BigDecimal("0.005");

    private final LoincTable table;
    private final List<ValueSet> valueSets;
    private final ValueSet chapters;
    private final Ucum ucum;

    private CatalogueChecker(Builder b) {
        this.table = b.table;
        this.valueSets = List.copyOf(b.valueSets);
        this.chapters = b.chapters;
        this.ucum = Ucum.standard();
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
     * Checks a catalogue.
     *
     * @param catalogue the catalogue
     * @return every problem found
     */
    public ValidationResult check(Catalogue catalogue) {
        return check(catalogue.exams());
    }

    /**
     * Checks a list of exams, which may hold duplicate local codes (as a file can).
     *
     * @param exams the exams
     * @return every problem found
     */
    public ValidationResult check(Collection<Exam> exams) {
        List<Problem> out = new ArrayList<>();
        Map<String, List<Exam>> byCode = new LinkedHashMap<>();
        Map<LoincCode, List<Exam>> byLoinc = new LinkedHashMap<>();
        for (Exam e : exams) {
            byCode.computeIfAbsent(e.localCode(), k -> new ArrayList<>(1)).add(e);
        }
        for (Map.Entry<String, List<Exam>> d : byCode.entrySet()) {
            if (d.getValue().size() > 1) {
                out.add(Problem.of(LoincError.DUPLICATE_LOCAL_CODE, d.getKey(), d.getKey(),
                        d.getValue().stream().map(Exam::label).collect(Collectors.joining(" / "))));
            }
        }
        for (Exam e : exams) {
            checkExam(e, out);
            e.transcoding().filter(t -> t.status() != TranscodingStatus.REJECTED)
                    .ifPresent(t -> byLoinc.computeIfAbsent(t.code(), k -> new ArrayList<>(2)).add(e));
        }
        for (Map.Entry<LoincCode, List<Exam>> g : byLoinc.entrySet()) {
            if (g.getValue().size() > 1) {
                checkUnitsOfOneCode(g.getKey(), g.getValue(), out);
            }
        }
        return ValidationResult.of(out);
    }

    private void checkExam(Exam e, List<Problem> out) {
        String path = e.localCode();
        if (chapters != null && !e.chapter().isEmpty() && chapters.findCode(e.chapter()).isEmpty()) {
            out.add(Problem.of(LoincError.CHAPTER_NOT_IN_VALUE_SET, path, e.chapter(), path, chapters.title()));
        }
        Optional<Transcoding> ot = e.transcoding();
        if (ot.isEmpty()) {
            out.add(Problem.of(LoincError.NOT_TRANSCODED, path, path, e.label()));
            return;
        }
        Transcoding t = ot.get();
        LoincCode code = t.code();
        if (t.status() == TranscodingStatus.REJECTED) {
            out.add(Problem.of(LoincError.REJECTED_TRANSCODING, path, path, code,
                    t.comment().isEmpty() ? "" : " — " + t.comment()));
            return;
        }
        if (t.status() == TranscodingStatus.PROPOSED) {
            out.add(Problem.of(LoincError.UNVALIDATED_TRANSCODING, path, path, code));
        }
        LoincEntry entry = null;
        if (table != null) {
            table.check(code).problems().forEach(p -> out.add(p.under(path)));
            entry = table.find(code).orElse(null);
        }
        if (!valueSets.isEmpty() && valueSets.stream().noneMatch(v -> v.contains(code))) {
            out.add(Problem.of(LoincError.NOT_IN_VALUE_SET, path, code,
                    valueSets.stream().map(ValueSet::title).collect(Collectors.joining(", "))));
        }
        String unit = t.ucumUnit().orElse(null);
        if (unit == null) {
            if (e.resultType().orElse(null) == ResultType.NUMERIC) {
                out.add(Problem.of(LoincError.MISSING_UCUM_UNIT, path, path, code));
            }
        } else {
            ucum.validate(unit).problems().forEach(p -> out.add(p.under(path)));
            if (entry != null) {
                checkProperty(unit, entry, path, out);
            }
        }
        if (entry != null && e.resultType().isPresent() && !entry.scale().isEmpty()
                && !e.resultType().get().loincScale().equals(entry.scale())
                && !(e.resultType().get() == ResultType.NOMINAL && entry.scale().equals("Ord"))) {
            out.add(Problem.of(LoincError.SCALE_MISMATCH, path, e.resultType().get().code(), entry.scale(), code));
        }
        checkFactor(e, t, unit, path, out);
    }

    private void checkProperty(String unit, LoincEntry entry, String path, List<Problem> out) {
        Optional<Boolean> suits = ucum.suitsProperty(unit, entry.property());
        if (suits.isPresent()) {
            if (!suits.get()) {
                out.add(Problem.of(LoincError.UNIT_PROPERTY_MISMATCH, path, unit, entry.property(), entry.code(),
                        Ucum.exampleUnit(entry.property()).orElse("?")));
            }
            return;
        }
        List<String> examples = entry.exampleUcumUnits().stream().filter(ucum::isValid).toList();
        if (!examples.isEmpty() && examples.stream().noneMatch(x -> ucum.isCommensurable(unit, x))) {
            out.add(Problem.of(LoincError.UNIT_PROPERTY_MISMATCH, path, unit, entry.property(), entry.code(),
                    String.join(", ", examples)));
        }
    }

    private void checkFactor(Exam e, Transcoding t, String unit, String path, List<Problem> out) {
        if (unit == null || e.localUnit().isEmpty()) {
            return;
        }
        Optional<String> local = ucum.fromLabSpelling(e.localUnit());
        if (local.isEmpty()) {
            return;
        }
        String from = local.get();
        ValidationResult conv = ucum.checkConversion(from, unit);
        Optional<BigDecimal> stated = t.conversionFactor();
        if (conv.isValid()) {
            BigDecimal expected = ucum.factor(from, unit);
            if (stated.isPresent()) {
                BigDecimal diff = stated.get().subtract(expected).abs();
                if (diff.compareTo(expected.abs().multiply(FACTOR_TOLERANCE, MathContext.DECIMAL64)) > 0) {
                    out.add(Problem.of(LoincError.WRONG_CONVERSION_FACTOR, path, stated.get().toPlainString(),
                            e.localUnit(), unit, expected.toPlainString()));
                }
            } else if (expected.compareTo(BigDecimal.ONE) != 0) {
                out.add(Problem.of(LoincError.MISSING_CONVERSION_FACTOR, path, e.localUnit(), unit,
                        expected.toPlainString()));
            }
        } else if (conv.has(LoincError.NEEDS_MOLAR_MASS) && stated.isPresent()) {
            out.add(Problem.of(LoincError.UNVERIFIED_CONVERSION_FACTOR, path, stated.get().toPlainString(),
                    e.localUnit(), unit));
        } else {
            conv.errors().forEach(p -> out.add(p.under(path)));
        }
    }

    private void checkUnitsOfOneCode(LoincCode code, List<Exam> group, List<Problem> out) {
        List<String> units = new ArrayList<>();
        for (Exam e : group) {
            String u = e.transcoding().flatMap(Transcoding::ucumUnit).orElse("");
            boolean same = false;
            for (String known : units) {
                if (known.equals(u) || !u.isEmpty() && !known.isEmpty() && ucum.isCommensurable(known, u)
                        && ucum.factor(known, u).compareTo(BigDecimal.ONE) == 0) {
                    same = true;
                    break;
                }
            }
            if (!same) {
                units.add(u);
            }
        }
        if (units.size() > 1) {
            out.add(Problem.of(LoincError.SAME_LOINC_DIFFERENT_UNITS, code.value(),
                    group.stream().map(Exam::localCode).collect(Collectors.joining(", ")), code,
                    units.stream().map(u -> u.isEmpty() ? "∅" : u).collect(Collectors.joining(", "))));
        }
    }

    /**
     * Builds a {@link CatalogueChecker}; not thread-safe.
     */
    public static final class Builder {
        private LoincTable table;
        private final List<ValueSet> valueSets = new ArrayList<>();
        private ValueSet chapters;

        private Builder() {
        }

        /**
         * Checks codes against the LOINC table (existence, status, property, scale).
         *
         * @param table the table, or {@code null}
         * @return this builder
         */
        public Builder loincTable(LoincTable table) {
            this.table = table;
            return this;
        }

        /**
         * Requires every LOINC code to be in one of these value sets (such as the "circuit de la biologie").
         *
         * @param sets the value sets
         * @return this builder
         */
        public Builder valueSets(Collection<ValueSet> sets) {
            this.valueSets.addAll(sets);
            return this;
        }

        /**
         * Requires every exam's chapter to be a code of this value set (the chapters tab of the "circuit de la
         * biologie").
         *
         * @param chapters the chapters value set, or {@code null}
         * @return this builder
         */
        public Builder chapters(ValueSet chapters) {
            this.chapters = chapters;
            return this;
        }

        /**
         * The checker.
         *
         * @return the checker
         */
        public CatalogueChecker build() {
            return new CatalogueChecker(this);
        }
    }
}
