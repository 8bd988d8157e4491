package fr.segurbio.loinc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.internal.Csv;

/**
 * The LOINC table read from the user's own copy of the LOINC release ({@code LoincTable/Loinc.csv}, its
 * {@code MapTo.csv} and the French linguistic variant {@code frFR…LinguisticVariant.csv}). The SDK ships no
 * LOINC content: the LOINC licence asks each user to obtain the release from loinc.org. Columns are found by
 * their header name, so any release of the 2.x format reads. Immutable and thread-safe.
 *
 * <pre>{@code
 * LoincTable table = LoincTable.load(Path.of("/opt/loinc/Loinc_2.80"));
 * table.check(LoincCode.parse("87421-4"));  // LOINC-011 deprecated → 88365-2
 * table.find("2345-7").map(e -> e.name(Locale.FRENCH));
 * }</pre>
 */
public final class LoincTable {

    private final Map<LoincCode, LoincEntry> entries;
    private final String source;
    private final ValidationResult problems;

    private LoincTable(Map<LoincCode, LoincEntry> entries, String source, ValidationResult problems) {
        this.entries = entries;
        this.source = source;
        this.problems = problems;
    }

    /**
     * Loads a LOINC release folder: {@code Loinc.csv} (required) and {@code MapTo.csv} under the folder or its
     * {@code LoincTable/}, and the first {@code frFR*LinguisticVariant.csv} found under the folder (usually
     * {@code AccessoryFiles/LinguisticVariants/}).
     *
     * @param releaseDir the folder of the unpacked release
     * @return the table
     * @throws LoincException ({@code LOINC-013}) when {@code Loinc.csv} is absent or unreadable
     */
    public static LoincTable load(Path releaseDir) {
        Path loinc = first(releaseDir, "LoincTable/Loinc.csv", "Loinc.csv");
        if (loinc == null) {
            throw new LoincException(LoincError.LOINC_TABLE_UNREADABLE, releaseDir.resolve("LoincTable/Loinc.csv"),
                    "not found");
        }
        Path mapTo = first(releaseDir, "LoincTable/MapTo.csv", "MapTo.csv");
        Path french = null;
        try (Stream<Path> s = Files.find(releaseDir, 4, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().matches("frFR\\d*LinguisticVariant\\.csv"))) {
            french = s.sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new LoincException(Problem.of(LoincError.LOINC_TABLE_UNREADABLE, "", releaseDir, e.getMessage()), e);
        }
        return load(loinc, mapTo, french);
    }

    private static Path first(Path dir, String... names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Loads the given files.
     *
     * @param loincCsv {@code Loinc.csv}
     * @param mapToCsv {@code MapTo.csv}, or {@code null}
     * @param frenchVariantCsv the French linguistic variant file, or {@code null}
     * @return the table
     * @throws LoincException ({@code LOINC-013}) when a file cannot be read
     */
    public static LoincTable load(Path loincCsv, Path mapToCsv, Path frenchVariantCsv) {
        ValidationResult.Builder problems = ValidationResult.builder();
        Map<LoincCode, String[]> base = new HashMap<>();
        Map<String, Integer>[] header = headerHolder();
        read(loincCsv, problems, header, row -> {
            String code = field(row, header[0], "LOINC_NUM");
            LoincCode.tryParse(code).ifPresent(c -> base.put(c, row));
        });
        Map<String, Integer> h = header[0];
        Map<LoincCode, List<LoincCode>> mapTo = new HashMap<>();
        if (mapToCsv != null) {
            Map<String, Integer>[] mh = headerHolder();
            read(mapToCsv, problems, mh, row -> {
                Optional<LoincCode> from = LoincCode.tryParse(field(row, mh[0], "LOINC"));
                Optional<LoincCode> to = LoincCode.tryParse(field(row, mh[0], "MAP_TO"));
                if (from.isPresent() && to.isPresent()) {
                    mapTo.computeIfAbsent(from.get(), k -> new ArrayList<>(1)).add(to.get());
                }
            });
        }
        Map<LoincCode, String> frenchNames = new HashMap<>();
        if (frenchVariantCsv != null) {
            Map<String, Integer>[] fh = headerHolder();
            read(frenchVariantCsv, problems, fh, row -> {
                Optional<LoincCode> c = LoincCode.tryParse(field(row, fh[0], "LOINC_NUM"));
                if (c.isEmpty()) {
                    return;
                }
                String name = field(row, fh[0], "LinguisticVariantDisplayName");
                if (name.isEmpty()) {
                    name = field(row, fh[0], "LONG_COMMON_NAME");
                }
                if (name.isEmpty()) {
                    name = composeFrench(field(row, fh[0], "COMPONENT"), field(row, fh[0], "PROPERTY"),
                            field(row, fh[0], "SYSTEM"), field(row, fh[0], "SCALE_TYP"),
                            field(row, fh[0], "METHOD_TYP"));
                }
                if (!name.isEmpty()) {
                    frenchNames.put(c.get(), name);
                }
            });
        }
        Map<LoincCode, LoincEntry> entries = new HashMap<>(base.size() * 2);
        for (Map.Entry<LoincCode, String[]> e : base.entrySet()) {
            String[] row = e.getValue();
            LoincStatus status;
            String st = field(row, h, "STATUS");
            try {
                status = st.isEmpty() ? LoincStatus.ACTIVE : LoincStatus.parse(st);
            } catch (IllegalArgumentException ex) {
                problems.add(Problem.of(LoincError.LOINC_TABLE_UNREADABLE, Severity.WARNING, e.getKey().value(),
                        loincCsv, "unknown STATUS " + st));
                status = LoincStatus.ACTIVE;
            }
            String units = field(row, h, "EXAMPLE_UCUM_UNITS");
            List<String> ucum = units.isEmpty() ? List.of()
                    : Arrays.stream(units.split(";")).map(String::strip).filter(u -> !u.isEmpty()).toList();
            entries.put(e.getKey(), new LoincEntry(e.getKey(), field(row, h, "COMPONENT"), field(row, h, "PROPERTY"),
                    field(row, h, "TIME_ASPCT"), field(row, h, "SYSTEM"), field(row, h, "SCALE_TYP"),
                    field(row, h, "METHOD_TYP"), field(row, h, "CLASS"), status, field(row, h, "LONG_COMMON_NAME"),
                    field(row, h, "SHORTNAME"), ucum, frenchNames.get(e.getKey()),
                    mapTo.getOrDefault(e.getKey(), List.of())));
        }
        return new LoincTable(Map.copyOf(entries), loincCsv.toString(), problems.build());
    }

    private static String composeFrench(String component, String property, String system, String scale,
            String method) {
        if (component.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(component);
        if (!property.isEmpty()) {
            b.append(" [").append(property).append(']');
        }
        if (!system.isEmpty()) {
            b.append(' ').append(system);
        }
        if (!scale.isEmpty()) {
            b.append(" ; ").append(scale);
        }
        if (!method.isEmpty()) {
            b.append(" ; ").append(method);
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer>[] headerHolder() {
        return new Map[1];
    }

    private static String field(String[] row, Map<String, Integer> header, String name) {
        Integer i = header.get(name.toUpperCase(Locale.ROOT));
        return i == null || i >= row.length ? "" : row[i].strip();
    }

    /** Streams a release CSV (comma, quoted, UTF-8 with or without BOM; quoted fields may span lines). */
    private static void read(Path file, ValidationResult.Builder problems, Map<String, Integer>[] header,
            Consumer<String[]> sink) {
        try (InputStream in = Files.newInputStream(file);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder record = new StringBuilder(512);
            String line;
            int lineNo = 0;
            int recordLine = 0;
            int quotes = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (record.length() == 0) {
                    recordLine = lineNo;
                    if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                        line = line.substring(1);
                    }
                } else {
                    record.append('\n');
                }
                record.append(line);
                for (int i = 0; i < line.length(); i++) {
                    if (line.charAt(i) == '"') {
                        quotes++;
                    }
                }
                if ((quotes & 1) == 1) {
                    continue;
                }
                quotes = 0;
                List<Csv.Row> rows = Csv.parse(record, ',');
                record.setLength(0);
                if (rows.isEmpty()) {
                    continue;
                }
                Csv.Row row = rows.get(0);
                if (!row.ok()) {
                    problems.add(Problem.of(LoincError.LOINC_TABLE_UNREADABLE, Severity.WARNING, "line " + recordLine,
                            file.getFileName(), row.error()));
                    continue;
                }
                String[] fields = row.fields().toArray(new String[0]);
                if (header[0] == null) {
                    Map<String, Integer> h = new HashMap<>();
                    for (int i = 0; i < fields.length; i++) {
                        h.putIfAbsent(fields[i].strip().toUpperCase(Locale.ROOT), i);
                    }
                    header[0] = h;
                    continue;
                }
                sink.accept(fields);
            }
            if (record.length() > 0) {
                problems.add(Problem.of(LoincError.LOINC_TABLE_UNREADABLE, Severity.WARNING, "line " + recordLine,
                        file.getFileName(), "unclosed quote"));
            }
            if (header[0] == null) {
                throw new LoincException(LoincError.LOINC_TABLE_UNREADABLE, file, "empty file");
            }
        } catch (IOException e) {
            throw new LoincException(Problem.of(LoincError.LOINC_TABLE_UNREADABLE, "", file, e.toString()), e);
        }
    }

    /**
     * The term with this code.
     *
     * @param code the code
     * @return the term, or empty when the table does not have it
     */
    public Optional<LoincEntry> find(LoincCode code) {
        return Optional.ofNullable(entries.get(code));
    }

    /**
     * The term with this code, given as text.
     *
     * @param code the code; an invalid code finds nothing
     * @return the term, or empty
     */
    public Optional<LoincEntry> find(String code) {
        return LoincCode.tryParse(code).flatMap(this::find);
    }

    /**
     * Whether a code may be used: present, not deprecated (with its replacements), not discouraged (warning).
     *
     * @param code the code
     * @return {@code LOINC-010}, {@code LOINC-011} or {@code LOINC-012} problems; valid otherwise
     */
    public ValidationResult check(LoincCode code) {
        LoincEntry e = entries.get(code);
        if (e == null) {
            return ValidationResult.of(Problem.of(LoincError.UNKNOWN_CODE, "", code, source));
        }
        String replacement = e.replacedBy().isEmpty() ? ""
                : " → " + String.join(", ", e.replacedBy().stream().map(LoincCode::value).toList());
        return switch (e.status()) {
            case DEPRECATED -> ValidationResult.of(Problem.of(LoincError.DEPRECATED_CODE, "", code, replacement));
            case DISCOURAGED -> ValidationResult.of(Problem.of(LoincError.DISCOURAGED_CODE, "", code, replacement));
            default -> ValidationResult.ok();
        };
    }

    /**
     * How many terms.
     *
     * @return the number of terms
     */
    public int size() {
        return entries.size();
    }

    /**
     * The lines of the release files that could not be read (the rest was loaded).
     *
     * @return warnings, valid when none
     */
    public ValidationResult problems() {
        return problems;
    }
}
