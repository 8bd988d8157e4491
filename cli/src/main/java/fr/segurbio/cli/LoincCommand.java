package fr.segurbio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincEntry;
import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.LoincTable;
import fr.segurbio.loinc.ValueSet;
import fr.segurbio.loinc.ValueSets;
import fr.segurbio.loinc.catalog.Catalogue;
import fr.segurbio.loinc.catalog.CatalogueChecker;
import fr.segurbio.loinc.catalog.CatalogueDiff;
import fr.segurbio.loinc.io.CatalogueCsv;
import fr.segurbio.loinc.io.CatalogueFhir;
import fr.segurbio.loinc.io.CatalogueField;
import fr.segurbio.loinc.io.CsvOptions;
import fr.segurbio.loinc.io.ImportResult;
import fr.segurbio.loinc.io.RejectedLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur loinc …}: check a LOINC code, import a catalogue or transcoding file with its import report,
 * export a catalogue as CSV or FHIR R4, and report the checks a biologist reads before validating.
 *
 * <p>Catalogue files are CSV (any delimiter and encoding the SDK reads) or a FHIR CodeSystem {@code .json} with
 * its ConceptMap given by {@code --concept-map}.
 */
@Command(name = "loinc", mixinStandardHelpOptions = true,
        description = "LOINC codes, the lab's exam catalogue and its transcoding (CSV, FHIR R4), checks.",
        subcommands = {LoincCommand.Check.class, LoincCommand.Import.class, LoincCommand.Export.class,
            LoincCommand.Report.class})
final class LoincCommand implements Runnable {

    /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command body, mapping failures to the exit codes of {@link ExitCode}. */
    static int guarded(CommandSpec spec, Callable<Integer> body) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.call();
        } catch (picocli.CommandLine.ParameterException e) {
            err.println(e.getMessage());
            return ExitCode.USAGE;
        } catch (LoincException e) {
            err.println("segur: " + e.getMessage());
            return e.code() == fr.segurbio.loinc.LoincError.IO_ERROR
                    || e.code() == fr.segurbio.loinc.LoincError.LOINC_TABLE_UNREADABLE ? ExitCode.IO_ERROR
                            : ExitCode.INVALID;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("segur: " + e.getMessage());
            return ExitCode.IO_ERROR;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode problem(Problem p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("code", p.code().id());
        n.put("severity", p.severity().jsonName());
        if (!p.path().isEmpty()) {
            n.put("path", p.path());
        }
        n.put("message", p.message());
        n.put("messageFr", p.messageFr());
        return n;
    }

    static ArrayNode problems(List<Problem> problems) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        problems.forEach(p -> a.add(problem(p)));
        return a;
    }

    static void printText(PrintWriter out, List<Problem> problems) {
        for (Problem p : problems) {
            out.println("  " + p.severity().jsonName() + " " + p.code().id() + (p.path().isEmpty() ? "" : " [" + p.path()
                    + "]") + " " + p.message(Locale.FRENCH));
        }
    }

    /** Options shared by the commands that read a catalogue file. */
    static final class Input {
        @Spec(Spec.Target.MIXEE)
        private CommandSpec mixee;

        @Option(names = "--concept-map", paramLabel = "FILE",
                description = "the FHIR ConceptMap (JSON) that goes with a FHIR CodeSystem catalogue")
        Path conceptMap;

        @Option(names = "--charset", paramLabel = "NAME",
                description = "the CSV encoding (UTF-8, ISO-8859-1, windows-1252); detected when absent")
        String charset;

        @Option(names = "--delimiter", paramLabel = "C", description = "the CSV delimiter (; , or \\t); detected when absent")
        String delimiter;

        @Option(names = "--column", paramLabel = "FIELD=HEADER",
                description = {"the header of a column, e.g. LOCAL_CODE=\"Code analyse\"; repeatable. Fields: LOCAL_CODE,"
                    + " LABEL, CHAPTER, SPECIMEN, METHOD, LOCAL_UNIT, RESULT_TYPE, LOINC_CODE, UCUM_UNIT,"
                    + " CONVERSION_FACTOR, STATUS, COMMENT, AUTHOR, DATE"})
        List<String> columns = new ArrayList<>();

        private picocli.CommandLine.ParameterException usage(String message) {
            return new picocli.CommandLine.ParameterException(mixee.commandLine(), message);
        }

        CsvOptions options() {
            CsvOptions.Builder b = CsvOptions.builder();
            if (charset != null) {
                try {
                    b.charset(Charset.forName(charset));
                } catch (IllegalArgumentException e) {
                    throw usage("unknown encoding: " + charset);
                }
            }
            if (delimiter != null) {
                String d = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
                if (d.length() != 1) {
                    throw usage("--delimiter takes one character: " + delimiter);
                }
                b.delimiter(d.charAt(0));
            }
            for (String c : columns) {
                int eq = c.indexOf('=');
                if (eq <= 0) {
                    throw usage("--column takes FIELD=HEADER: " + c);
                }
                try {
                    b.column(CatalogueField.valueOf(c.substring(0, eq).strip().toUpperCase(Locale.ROOT)),
                            c.substring(eq + 1));
                } catch (IllegalArgumentException e) {
                    throw usage("--column: unknown field or empty header in " + c);
                }
            }
            return b.build();
        }

        ImportResult read(Path file, Catalogue current) throws IOException {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                String cm = conceptMap == null ? null : Files.readString(conceptMap);
                return CatalogueFhir.read(Files.readString(file), cm, current);
            }
            ImportResult r = CatalogueCsv.read(file, options(), current);
            if (conceptMap != null) {
                ImportResult m = CatalogueFhir.readConceptMap(Files.readString(conceptMap), r.catalogue());
                List<RejectedLine> rejected = new ArrayList<>(r.rejected());
                rejected.addAll(m.rejected());
                Catalogue base = current != null ? current : Catalogue.builder().build();
                return new ImportResult(m.catalogue(), rejected, r.warnings(), CatalogueDiff.between(base,
                        m.catalogue()), r.recordsRead() + m.recordsRead(), r.encoding(), r.delimiter());
            }
            return r;
        }
    }

    /** Options that configure the checks of a catalogue. */
    static final class Checks {
        @Option(names = "--loinc-table", paramLabel = "DIR", description = "your copy of the LOINC release")
        Path loincTable;

        @Option(names = "--value-set", paramLabel = "FILE",
                description = "a value set (SVS XML or FHIR JSON) every LOINC code must belong to; repeatable")
        List<Path> valueSets = new ArrayList<>();

        @Option(names = "--chapters", paramLabel = "FILE", description = "the value set of the chapters")
        Path chapters;

        boolean any() {
            return loincTable != null || !valueSets.isEmpty() || chapters != null;
        }

        CatalogueChecker checker() {
            CatalogueChecker.Builder b = CatalogueChecker.builder();
            if (loincTable != null) {
                b.loincTable(LoincTable.load(loincTable));
            }
            List<ValueSet> sets = new ArrayList<>();
            for (Path p : valueSets) {
                sets.add(ValueSets.load(p));
            }
            b.valueSets(sets);
            if (chapters != null) {
                b.chapters(ValueSets.load(chapters));
            }
            return b.build();
        }
    }

    /** {@code segur loinc check CODE}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a LOINC code: format NNNNN-N and mod-10 check digit; with --loinc-table, that it"
                    + " exists and is not deprecated (name, status, replacement).",
                "Exit: 0 valid, 1 invalid, 3 unreadable LOINC table."})
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CODE", description = "the LOINC code, e.g. 2345-7")
        private String code;

        @Option(names = "--loinc-table", paramLabel = "DIR",
                description = "your copy of the LOINC release (the folder holding LoincTable/Loinc.csv)")
        private Path loincTable;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ValidationResult result = LoincCode.check(code);
            LoincEntry entry = null;
            if (result.isValid() && loincTable != null) {
                LoincTable table;
                try {
                    table = LoincTable.load(loincTable);
                } catch (LoincException e) {
                    spec.commandLine().getErr().println("segur: " + e.getMessage());
                    return ExitCode.IO_ERROR;
                }
                LoincCode c = LoincCode.parse(code);
                result = table.check(c);
                entry = table.find(c).orElse(null);
            }
            if (json) {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("valid", result.isValid());
                n.put("code", code);
                n.set("errors", problems(result.errors()));
                if (!result.warnings().isEmpty()) {
                    n.set("warnings", problems(result.warnings()));
                }
                if (entry != null) {
                    n.put("name", entry.name(Locale.ENGLISH));
                    if (!entry.frenchName().isEmpty()) {
                        n.put("nameFr", entry.frenchName());
                    }
                    n.put("status", entry.status().name());
                    n.put("property", entry.property());
                    ArrayNode r = n.putArray("replacedBy");
                    entry.replacedBy().forEach(x -> r.add(x.value()));
                }
                out.println(write(n));
            } else {
                out.println(code + ": " + (result.isValid() ? "valid" : "invalid"));
                if (entry != null) {
                    out.println("  " + entry.status() + " — " + entry.name(Locale.FRENCH));
                }
                printText(out, result.problems());
            }
            return result.isValid() ? ExitCode.OK : ExitCode.INVALID;
        }
    }

    /** {@code segur loinc import FILE}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a catalogue or transcoding file and print the import report: every rejected line"
                    + " with its number and reasons, what changed against the current catalogue, and (with"
                    + " --loinc-table, --value-set, --chapters) the checks of the imported catalogue.",
                "Exit: 0 every line imported and no check error, 1 lines rejected or check errors, 3 unreadable file."})
    static final class Import implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the CSV file, or a FHIR CodeSystem .json")
        private Path file;

        @Mixin
        private Input input;

        @Option(names = "--current", paramLabel = "CATALOGUE",
                description = "the current catalogue (CSV), to report what is added, modified, removed")
        private Path current;

        @Option(names = "--out", paramLabel = "FILE.csv", description = "write the resulting catalogue (CSV, UTF-8)")
        private Path outFile;

        @Mixin
        private Checks checks;

        @Option(names = "--json", description = "print the report as JSON")
        private boolean json;

        @Override
        public Integer call() {
            return guarded(spec, () -> {
                PrintWriter out = spec.commandLine().getOut();
                Catalogue cur = null;
                if (current != null) {
                    ImportResult c = CatalogueCsv.read(current, CsvOptions.defaults(), null);
                    cur = c.catalogue();
                }
                ImportResult r = input.read(file, cur);
                if (outFile != null) {
                    CatalogueCsv.write(r.catalogue(), outFile, CsvOptions.defaults());
                }
                ValidationResult checked = checks.any() ? checks.checker().check(r.catalogue()) : ValidationResult.ok();
                if (json) {
                    ObjectNode n = report(r);
                    if (checks.any()) {
                        n.set("checks", problems(checked.problems()));
                    }
                    out.println(write(n));
                } else {
                    out.println(file.getFileName() + ": " + r.recordsRead() + " records, "
                            + (r.recordsRead() - r.rejected().size()) + " imported, " + r.rejected().size() + " rejected"
                            + (r.encoding().isEmpty() ? "" : " (" + r.encoding() + ", '" + r.delimiter() + "')"));
                    for (RejectedLine l : r.rejected()) {
                        out.println(" " + l.location() + ":");
                        printText(out, l.reasons());
                    }
                    printText(out, r.warnings());
                    out.println("changes: " + r.diff().added().size() + " added, " + r.diff().modified().size()
                            + " modified, " + r.diff().removed().size() + " removed, " + r.diff().unchanged()
                            + " unchanged");
                    if (checks.any()) {
                        out.println("checks: " + checked.errors().size() + " errors, " + checked.warnings().size()
                                + " warnings");
                        printText(out, checked.problems());
                    }
                }
                return r.isComplete() && checked.isValid() ? ExitCode.OK : ExitCode.INVALID;
            });
        }

        static ObjectNode report(ImportResult r) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("complete", r.isComplete());
            n.put("records", r.recordsRead());
            n.put("imported", r.recordsRead() - r.rejected().size());
            if (!r.encoding().isEmpty()) {
                n.put("encoding", r.encoding());
                n.put("delimiter", r.delimiter());
            }
            ArrayNode rej = n.putArray("rejected");
            for (RejectedLine l : r.rejected()) {
                ObjectNode x = rej.addObject();
                x.put("line", l.line());
                x.put("location", l.location());
                x.put("text", l.raw());
                x.set("reasons", problems(l.reasons()));
            }
            n.set("warnings", problems(r.warnings()));
            ObjectNode ch = n.putObject("changes");
            ArrayNode added = ch.putArray("added");
            r.diff().added().forEach(e -> added.add(e.localCode()));
            ArrayNode modified = ch.putArray("modified");
            for (CatalogueDiff.Change c : r.diff().modified()) {
                ObjectNode m = modified.addObject();
                m.put("localCode", c.after().localCode());
                ArrayNode f = m.putArray("fields");
                c.changedFields().forEach(f::add);
            }
            ArrayNode removed = ch.putArray("removed");
            r.diff().removed().forEach(e -> removed.add(e.localCode()));
            ch.put("unchanged", r.diff().unchanged());
            return n;
        }
    }

    /** {@code segur loinc export CATALOGUE --format csv|fhir --out PATH}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export a catalogue as CSV (choose delimiter, encoding, BOM) or as FHIR R4 (CodeSystem +"
                    + " ConceptMap local → LOINC, written in the --out folder).",
                "Exit: 0 written, 1 the catalogue has rejected lines (nothing written), 3 I/O error."})
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CATALOGUE", description = "the catalogue (CSV, or FHIR CodeSystem .json)")
        private Path file;

        @Mixin
        private Input input;

        @Option(names = "--format", defaultValue = "fhir", paramLabel = "csv|fhir",
                description = "csv or fhir (default ${DEFAULT-VALUE})")
        private String format;

        @Option(names = "--out", required = true, paramLabel = "PATH", description = "the CSV file, or the FHIR folder")
        private Path outPath;

        @Option(names = "--out-charset", paramLabel = "NAME", description = "CSV encoding written (default UTF-8)")
        private String outCharset;

        @Option(names = "--out-delimiter", paramLabel = "C", description = "CSV delimiter written (default ;)")
        private Character outDelimiter;

        @Option(names = "--bom", description = "write a BOM at the start of a UTF-8 CSV (for Excel)")
        private boolean bom;

        @Option(names = "--system", paramLabel = "URI", description = "the local code system URI (urn:oid:… of the lab)")
        private String system;

        @Override
        public Integer call() {
            return guarded(spec, () -> {
                PrintWriter out = spec.commandLine().getOut();
                Catalogue base = system == null ? null : Catalogue.builder().systemUri(system).build();
                ImportResult r = input.read(file, base);
                if (!r.rejected().isEmpty()) {
                    spec.commandLine().getErr().println("segur: " + r.rejected().size()
                            + " records of the catalogue cannot be read; nothing written (see segur loinc import)");
                    return ExitCode.INVALID;
                }
                Catalogue c = r.catalogue();
                switch (format.toLowerCase(Locale.ROOT)) {
                    case "csv" -> {
                        CsvOptions.Builder b = CsvOptions.builder().bom(bom);
                        if (outCharset != null) {
                            b.charset(Charset.forName(outCharset));
                        }
                        if (outDelimiter != null) {
                            b.delimiter(outDelimiter);
                        }
                        CatalogueCsv.write(c, outPath, b.build());
                        out.println(outPath);
                    }
                    case "fhir" -> CatalogueFhir.write(c, outPath).forEach(out::println);
                    default -> {
                        spec.commandLine().getErr().println("segur: --format is csv or fhir, not " + format);
                        return ExitCode.USAGE;
                    }
                }
                return ExitCode.OK;
            });
        }
    }

    /** {@code segur loinc report CATALOGUE}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Check a transcoded catalogue: unknown or deprecated codes (with replacement), codes out"
                    + " of the value sets, units unsuited to the LOINC property, conversion factors, duplicates,"
                    + " untranscoded exams, one LOINC code with several units.",
                "Exit: 0 no error, 1 errors found (or unreadable records), 3 I/O error."})
    static final class Report implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CATALOGUE", description = "the catalogue (CSV, or FHIR CodeSystem .json)")
        private Path file;

        @Mixin
        private Input input;

        @Mixin
        private Checks checks;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            return guarded(spec, () -> {
                PrintWriter out = spec.commandLine().getOut();
                ImportResult r = input.read(file, null);
                ValidationResult result = checks.checker().check(r.catalogue());
                long transcoded = r.catalogue().exams().stream().filter(e -> e.transcoding().isPresent()).count();
                if (json) {
                    ObjectNode n = Json.MAPPER.createObjectNode();
                    n.put("valid", result.isValid() && r.rejected().isEmpty());
                    n.put("exams", r.catalogue().size());
                    n.put("transcoded", transcoded);
                    n.put("errors", result.errors().size());
                    n.put("warnings", result.warnings().size());
                    n.set("problems", problems(result.problems()));
                    n.set("import", Import.report(r));
                    out.println(write(n));
                } else {
                    out.println(file.getFileName() + ": " + r.catalogue().size() + " exams, " + transcoded
                            + " transcoded, " + result.errors().size() + " errors, " + result.warnings().size()
                            + " warnings" + (r.rejected().isEmpty() ? "" : ", " + r.rejected().size() + " unreadable"
                                    + " records (see segur loinc import)"));
                    printText(out, result.problems());
                }
                return result.isValid() && r.rejected().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
            });
        }
    }
}
