package fr.segurbio.loinc.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincError;
import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.Ucum;
import fr.segurbio.loinc.catalog.Catalogue;
import fr.segurbio.loinc.catalog.CatalogueDiff;
import fr.segurbio.loinc.catalog.Exam;
import fr.segurbio.loinc.catalog.ResultType;
import fr.segurbio.loinc.catalog.Transcoding;
import fr.segurbio.loinc.catalog.TranscodingStatus;
import fr.segurbio.loinc.internal.Csv;
import fr.segurbio.loinc.internal.Dates;
import fr.segurbio.loinc.internal.TextDecoding;

/**
 * Reads and writes the catalogue and its transcoding as CSV, the way French lab tools exchange it: {@code ;}
 * or {@code ,}, UTF-8 or ISO-8859-1/Windows-1252 (declared or detected), with or without BOM, quoted fields
 * (holding delimiters, quotes, line breaks), configurable headers. An import never stops at the first bad line:
 * it takes every valid line and reports each rejected one with its number and reasons, then what changed
 * against the current catalogue. Writing then reading gives back the same catalogue. A file with the local code
 * and LOINC columns but no label column, read against a current catalogue, is a transcoding file: it sets the
 * transcodings of the current exams (as a provider returns them) and leaves the other exams as they are.
 *
 * <pre>{@code
 * ImportResult r = CatalogueCsv.read(Path.of("transcodage.csv"), CsvOptions.defaults(), current);
 * r.rejected().forEach(l -> System.out.println("ligne " + l.line() + " : " + l.reasons()));
 * CatalogueCsv.write(r.catalogue(), Path.of("catalogue.csv"), CsvOptions.defaults());
 * }</pre>
 */
public final class CatalogueCsv {

    private CatalogueCsv() {
    }

    /**
     * Imports a file.
     *
     * @param file the CSV file
     * @param options the options
     * @param current the current catalogue (its system URI and name are kept; the changes are computed against
     *        it), or {@code null} for none
     * @return the import report
     * @throws LoincException ({@code LOINC-070}) when the file cannot be read
     */
    public static ImportResult read(Path file, CsvOptions options, Catalogue current) {
        try {
            return read(Files.readAllBytes(file), file.getFileName().toString(), options, current);
        } catch (IOException e) {
            throw new LoincException(Problem.of(LoincError.IO_ERROR, "", file, e.getMessage()), e);
        }
    }

    /**
     * Imports the bytes of a file.
     *
     * @param bytes the file's bytes
     * @param name the file's name, for messages
     * @param options the options
     * @param current the current catalogue, or {@code null}
     * @return the import report
     */
    public static ImportResult read(byte[] bytes, String name, CsvOptions options, Catalogue current) {
        Catalogue base = current != null ? current : Catalogue.builder().build();
        TextDecoding.Decoded decoded = TextDecoding.decode(bytes, options.charset());
        String text = decoded.text();
        String encoding = decoded.charset().name() + (decoded.bom() ? " (BOM)" : "");
        char delimiter = options.delimiter().orElseGet(() -> Csv.detectDelimiter(text));
        String delim = delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
        List<Csv.Row> rows = Csv.parse(text, delimiter);
        List<Problem> warnings = new ArrayList<>();
        if (rows.isEmpty()) {
            warnings.add(Problem.of(LoincError.EMPTY_FILE, "", name));
            return new ImportResult(base, List.of(), warnings, CatalogueDiff.between(base, base), 0, encoding, delim);
        }
        Csv.Row headerRow = rows.get(0);
        if (!headerRow.ok()) {
            warnings.add(Problem.of(LoincError.MALFORMED_LINE, "line " + headerRow.line(), headerRow.line(),
                    headerRow.raw()));
            return new ImportResult(base, List.of(), warnings, CatalogueDiff.between(base, base), 0, encoding, delim);
        }
        Map<CatalogueField, Integer> columns = mapHeader(headerRow.fields(), options);
        if (current != null && current.size() > 0 && !columns.containsKey(CatalogueField.LABEL)
                && columns.containsKey(CatalogueField.LOCAL_CODE) && columns.containsKey(CatalogueField.LOINC_CODE)) {
            return readTranscodings(rows, decoded, columns, headerRow.fields().size(), base, encoding, delim);
        }
        for (CatalogueField f : CatalogueField.values()) {
            if (f.required() && !columns.containsKey(f)) {
                warnings.add(Problem.of(LoincError.MISSING_COLUMN, "line " + headerRow.line(),
                        options.configuredHeader(f).orElse(f.header()), String.join(", ", f.names())));
            }
        }
        if (!warnings.isEmpty()) {
            return new ImportResult(base, List.of(), warnings, CatalogueDiff.between(base, base), 0, encoding, delim);
        }
        Set<Integer> badLines = new HashSet<>(decoded.badLines());
        List<RejectedLine> rejected = new ArrayList<>();
        for (int bad : decoded.badLines()) {
            rejected.add(new RejectedLine(bad, "line " + bad, "",
                    List.of(Problem.of(LoincError.WRONG_ENCODING, "", bad, decoded.charset().name()))));
        }
        int headerSize = headerRow.fields().size();
        Catalogue.Builder imported = Catalogue.builder().systemUri(base.systemUri()).name(base.name());
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> rejectedCodes = new java.util.LinkedHashMap<>();
        int records = 0;
        for (int r = 1; r < rows.size(); r++) {
            Csv.Row row = rows.get(r);
            if (badLines.contains(row.line())) {
                continue;
            }
            records++;
            int line = row.line();
            String where = "line " + line;
            if (!row.ok()) {
                rejected.add(new RejectedLine(line, where, row.raw(),
                        List.of(Problem.of(LoincError.MALFORMED_LINE, "", line, row.raw()))));
                String code = naiveField(row.raw(), delimiter, columns.get(CatalogueField.LOCAL_CODE));
                if (!code.isEmpty() && !seen.containsKey(code)) {
                    rejectedCodes.putIfAbsent(code, line);
                }
                continue;
            }
            List<String> fields = row.fields();
            String localCode = get(fields, columns, CatalogueField.LOCAL_CODE);
            if (fields.size() < headerSize || fields.size() > headerSize
                    && fields.subList(headerSize, fields.size()).stream().anyMatch(f -> !f.isBlank())) {
                rejected.add(new RejectedLine(line, where, row.raw(), List.of(Problem.of(LoincError.COLUMN_COUNT,
                        "", line, fields.size(), headerSize, delim))));
                if (!localCode.isEmpty()) {
                    rejectedCodes.putIfAbsent(localCode, line);
                }
                continue;
            }
            List<Problem> reasons = new ArrayList<>();
            Exam exam = parseExam(fields, columns, line, reasons);
            if (exam != null) {
                Integer first = seen.putIfAbsent(exam.localCode(), line);
                if (first != null) {
                    reasons.add(Problem.of(LoincError.DUPLICATE_LOCAL_CODE_LINE, "", line, exam.localCode(), first));
                }
            }
            if (!reasons.isEmpty()) {
                rejected.add(new RejectedLine(line, where, row.raw(), reasons));
                if (!localCode.isEmpty() && !seen.containsKey(localCode)) {
                    rejectedCodes.putIfAbsent(localCode, line);
                }
                continue;
            }
            imported.add(exam);
        }
        rejected.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return finish(imported, base, rejected, rejectedCodes, warnings, records, encoding, delim);
    }

    /**
     * A transcoding file (local code and LOINC columns, no label): each line sets the transcoding of an exam of
     * the current catalogue; exams not in the file stay as they are; a line with an empty LOINC code changes
     * nothing.
     */
    private static ImportResult readTranscodings(List<Csv.Row> rows, TextDecoding.Decoded decoded,
            Map<CatalogueField, Integer> columns, int headerSize, Catalogue base, String encoding, String delim) {
        List<RejectedLine> rejected = new ArrayList<>();
        for (int bad : decoded.badLines()) {
            rejected.add(new RejectedLine(bad, "line " + bad, "",
                    List.of(Problem.of(LoincError.WRONG_ENCODING, "", bad, decoded.charset().name()))));
        }
        Set<Integer> badLines = new HashSet<>(decoded.badLines());
        Catalogue.Builder imported = base.toBuilder();
        Map<String, Integer> seen = new HashMap<>();
        int records = 0;
        for (int r = 1; r < rows.size(); r++) {
            Csv.Row row = rows.get(r);
            if (badLines.contains(row.line())) {
                continue;
            }
            records++;
            int line = row.line();
            String where = "line " + line;
            if (!row.ok()) {
                rejected.add(new RejectedLine(line, where, row.raw(),
                        List.of(Problem.of(LoincError.MALFORMED_LINE, "", line, row.raw()))));
                continue;
            }
            List<String> fields = row.fields();
            if (fields.size() < headerSize || fields.size() > headerSize
                    && fields.subList(headerSize, fields.size()).stream().anyMatch(f -> !f.isBlank())) {
                rejected.add(new RejectedLine(line, where, row.raw(), List.of(Problem.of(LoincError.COLUMN_COUNT,
                        "", line, fields.size(), headerSize, delim))));
                continue;
            }
            List<Problem> reasons = new ArrayList<>();
            String code = get(fields, columns, CatalogueField.LOCAL_CODE);
            Exam exam = null;
            if (code.isEmpty()) {
                reasons.add(Problem.of(LoincError.EMPTY_FIELD, "", line, CatalogueField.LOCAL_CODE.header()));
            } else {
                exam = base.find(code).orElse(null);
                if (exam == null) {
                    reasons.add(Problem.of(LoincError.UNKNOWN_LOCAL_CODE, "", where, code));
                }
                Integer first = seen.putIfAbsent(code, line);
                if (first != null) {
                    reasons.add(Problem.of(LoincError.DUPLICATE_LOCAL_CODE_LINE, "", line, code, first));
                }
            }
            Transcoding t = parseTranscoding(fields, columns, line, reasons);
            if (!reasons.isEmpty()) {
                rejected.add(new RejectedLine(line, where, row.raw(), reasons));
                continue;
            }
            if (t != null) {
                imported.put(exam.withTranscoding(t));
            }
        }
        rejected.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return finish(imported, base, rejected, Map.of(), new ArrayList<>(), records, encoding, delim);
    }

    /** Keeps the current exams whose lines were rejected, computes the changes. */
    static ImportResult finish(Catalogue.Builder imported, Catalogue base, List<RejectedLine> rejected,
            Map<String, Integer> rejectedCodes, List<Problem> warnings, int records, String encoding, String delim) {
        for (Map.Entry<String, Integer> r : rejectedCodes.entrySet()) {
            if (!imported.contains(r.getKey())) {
                base.find(r.getKey()).ifPresent(e -> {
                    imported.add(e);
                    warnings.add(Problem.of(LoincError.KEPT_CURRENT_EXAM, r.getKey(), r.getValue(), r.getKey()));
                });
            }
        }
        Catalogue result = imported.build();
        return new ImportResult(result, rejected, warnings, CatalogueDiff.between(base, result), records, encoding,
                delim);
    }

    /** The field at {@code index} of a line that could not be parsed, when no quote comes before it. */
    private static String naiveField(String raw, char delimiter, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            int next = raw.indexOf(delimiter, start);
            if (next < 0) {
                return "";
            }
            start = next + 1;
        }
        int end = raw.indexOf(delimiter, start);
        String before = raw.substring(0, end < 0 ? raw.length() : end);
        return before.indexOf('"') >= 0 ? "" : raw.substring(start, end < 0 ? raw.length() : end).strip();
    }

    private static Map<CatalogueField, Integer> mapHeader(List<String> header, CsvOptions options) {
        Map<CatalogueField, Integer> columns = new EnumMap<>(CatalogueField.class);
        for (int i = 0; i < header.size(); i++) {
            String h = CatalogueField.normalize(header.get(i));
            for (CatalogueField f : CatalogueField.values()) {
                Optional<String> configured = options.configuredHeader(f);
                if (configured.isPresent() && CatalogueField.normalize(configured.get()).equals(h)) {
                    columns.putIfAbsent(f, i);
                }
            }
        }
        for (int i = 0; i < header.size(); i++) {
            if (columns.containsValue(i)) {
                continue;
            }
            for (CatalogueField f : CatalogueField.values()) {
                if (!columns.containsKey(f) && options.configuredHeader(f).isEmpty() && f.matches(header.get(i))) {
                    columns.put(f, i);
                    break;
                }
            }
        }
        return columns;
    }

    private static String get(List<String> fields, Map<CatalogueField, Integer> columns, CatalogueField f) {
        Integer i = columns.get(f);
        return i == null || i >= fields.size() ? "" : fields.get(i).strip();
    }

    private static Exam parseExam(List<String> fields, Map<CatalogueField, Integer> columns, int line,
            List<Problem> reasons) {
        String code = get(fields, columns, CatalogueField.LOCAL_CODE);
        String label = get(fields, columns, CatalogueField.LABEL);
        if (code.isEmpty()) {
            reasons.add(Problem.of(LoincError.EMPTY_FIELD, "", line, CatalogueField.LOCAL_CODE.header()));
        }
        if (label.isEmpty()) {
            reasons.add(Problem.of(LoincError.EMPTY_FIELD, "", line, CatalogueField.LABEL.header()));
        }
        ResultType type = null;
        String typeText = get(fields, columns, CatalogueField.RESULT_TYPE);
        if (!typeText.isEmpty()) {
            type = ResultType.parse(typeText).orElse(null);
            if (type == null) {
                reasons.add(Problem.of(LoincError.INVALID_RESULT_TYPE, "", line,
                        CatalogueField.RESULT_TYPE.header(), typeText));
            }
        }
        Transcoding t = parseTranscoding(fields, columns, line, reasons);
        if (!reasons.isEmpty()) {
            return null;
        }
        return Exam.builder(code, label).chapter(get(fields, columns, CatalogueField.CHAPTER))
                .specimen(get(fields, columns, CatalogueField.SPECIMEN))
                .method(get(fields, columns, CatalogueField.METHOD))
                .localUnit(get(fields, columns, CatalogueField.LOCAL_UNIT)).resultType(type).transcoding(t).build();
    }

    private static Transcoding parseTranscoding(List<String> fields, Map<CatalogueField, Integer> columns, int line,
            List<Problem> reasons) {
        String loinc = get(fields, columns, CatalogueField.LOINC_CODE);
        String unit = get(fields, columns, CatalogueField.UCUM_UNIT);
        String factor = get(fields, columns, CatalogueField.CONVERSION_FACTOR);
        String status = get(fields, columns, CatalogueField.STATUS);
        String comment = raw(fields, columns, CatalogueField.COMMENT);
        String author = get(fields, columns, CatalogueField.AUTHOR);
        String date = get(fields, columns, CatalogueField.DATE);
        if (loinc.isEmpty()) {
            if (!unit.isEmpty() || !factor.isEmpty() || !status.isEmpty() || !author.isEmpty() || !date.isEmpty()) {
                reasons.add(Problem.of(LoincError.TRANSCODING_WITHOUT_CODE, "", line));
            }
            return null;
        }
        int before = reasons.size();
        ValidationResult codeCheck = LoincCode.check(loinc);
        codeCheck.errors().forEach(p -> reasons.add(p.under(CatalogueField.LOINC_CODE.header())));
        if (!unit.isEmpty()) {
            Ucum.standard().validate(unit).errors().forEach(p -> reasons.add(p.under(CatalogueField.UCUM_UNIT.header())));
        }
        BigDecimal f = null;
        if (!factor.isEmpty()) {
            try {
                f = new BigDecimal(factor.replace(',', '.').replace(" ", "").replace("\u00A0", ""));
                if (f.signum() <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                reasons.add(Problem.of(LoincError.INVALID_DECIMAL, "", line, CatalogueField.CONVERSION_FACTOR.header(),
                        factor));
            }
        }
        TranscodingStatus st = TranscodingStatus.PROPOSED;
        if (!status.isEmpty()) {
            st = TranscodingStatus.parse(status).orElse(null);
            if (st == null) {
                reasons.add(Problem.of(LoincError.INVALID_STATUS, "", line, CatalogueField.STATUS.header(), status));
            }
        }
        java.time.Instant when = null;
        if (!date.isEmpty()) {
            when = Dates.parse(date).orElse(null);
            if (when == null) {
                reasons.add(Problem.of(LoincError.INVALID_DATE, "", line, CatalogueField.DATE.header(), date));
            }
        }
        if (reasons.size() > before) {
            return null;
        }
        return Transcoding.builder(LoincCode.parse(loinc)).ucumUnit(unit).conversionFactor(f).status(st)
                .comment(comment).author(author).date(when).build();
    }

    private static String raw(List<String> fields, Map<CatalogueField, Integer> columns, CatalogueField f) {
        Integer i = columns.get(f);
        return i == null || i >= fields.size() ? "" : fields.get(i);
    }

    /**
     * Writes a catalogue as CSV text.
     *
     * @param catalogue the catalogue
     * @param options the options (delimiter {@code ;} unless declared; headers; line end)
     * @return the text, without BOM
     */
    public static String toText(Catalogue catalogue, CsvOptions options) {
        char d = options.delimiter().orElse(';');
        StringBuilder out = new StringBuilder(128 + catalogue.size() * 96);
        List<String> header = new ArrayList<>();
        for (CatalogueField f : options.exportFields()) {
            header.add(options.header(f));
        }
        Csv.write(out, header, d);
        out.append(options.lineEnd());
        List<String> row = new ArrayList<>(options.exportFields().size());
        for (Exam e : catalogue.exams()) {
            row.clear();
            Transcoding t = e.transcoding().orElse(null);
            for (CatalogueField f : options.exportFields()) {
                row.add(value(e, t, f));
            }
            Csv.write(out, row, d);
            out.append(options.lineEnd());
        }
        return out.toString();
    }

    /**
     * Writes a catalogue as CSV bytes in the declared encoding (UTF-8 by default), with a BOM when asked.
     *
     * @param catalogue the catalogue
     * @param options the options
     * @return the bytes
     * @throws LoincException ({@code LOINC-070}) when a character cannot be written in the encoding (an
     *         {@code Œ} in ISO-8859-1): nothing is silently replaced
     */
    public static byte[] toBytes(Catalogue catalogue, CsvOptions options) {
        Charset cs = options.charset().orElse(StandardCharsets.UTF_8);
        String text = toText(catalogue, options);
        if (options.bom() && cs.equals(StandardCharsets.UTF_8)) {
            text = "\uFEFF" + text;
        }
        try {
            java.nio.ByteBuffer b = cs.newEncoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new LoincException(Problem.of(LoincError.IO_ERROR, "", cs.name(),
                    "a character of the catalogue cannot be written in " + cs.name() + " (" + e + ")"), e);
        }
    }

    /**
     * Writes a catalogue to a file.
     *
     * @param catalogue the catalogue
     * @param file the file, replaced
     * @param options the options
     * @throws LoincException ({@code LOINC-070}) when the file cannot be written
     */
    public static void write(Catalogue catalogue, Path file, CsvOptions options) {
        try {
            Files.write(file, toBytes(catalogue, options));
        } catch (IOException e) {
            throw new LoincException(Problem.of(LoincError.IO_ERROR, "", file, e.getMessage()), e);
        }
    }

    private static String value(Exam e, Transcoding t, CatalogueField f) {
        return switch (f) {
            case LOCAL_CODE -> e.localCode();
            case LABEL -> e.label();
            case CHAPTER -> e.chapter();
            case SPECIMEN -> e.specimen();
            case METHOD -> e.method();
            case LOCAL_UNIT -> e.localUnit();
            case RESULT_TYPE -> e.resultType().map(ResultType::code).orElse("");
            case LOINC_CODE -> t == null ? "" : t.code().value();
            case UCUM_UNIT -> t == null ? "" : t.ucumUnit().orElse("");
            case CONVERSION_FACTOR -> t == null ? "" : t.conversionFactor().map(BigDecimal::toPlainString).orElse("");
            case STATUS -> t == null ? "" : t.status().code();
            case COMMENT -> t == null ? "" : t.comment();
            case AUTHOR -> t == null ? "" : t.author();
            case DATE -> t == null ? "" : t.date().map(Object::toString).orElse("");
        };
    }
}
