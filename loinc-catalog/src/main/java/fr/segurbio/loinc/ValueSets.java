package fr.segurbio.loinc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.internal.FhirValueSetReader;
import fr.segurbio.loinc.internal.SvsReader;

/**
 * Loads value sets (JDV) from IHE SVS XML files (the ANS format of {@code jeuxDeValeurs/}) or FHIR R4 ValueSet
 * JSON files, one at a time or a whole folder, and looks them up by OID, URL, name or file name. XML is read
 * with a hardened parser: no DTD, no external entity. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ValueSet biochemistry = ValueSets.load(Path.of("jeuxDeValeurs/jdv-examen-biochimie-eunv-cisis.xml"));
 *
 * ValueSets jdv = ValueSets.loadDirectory(Path.of("jeuxDeValeurs"));
 * String display = jdv.require("1.2.250.1.213.1.1.5.471")           // JDV_J07 XdsTypeCode
 *         .display(LoincCode.SYSTEM_OID, "11502-2").orElseThrow(); // "CR d'examens biologiques"
 * }</pre>
 */
public final class ValueSets {

    /** The largest value set file read (bytes). */
    public static final long MAX_FILE_SIZE = 64L * 1024 * 1024;

    private final List<ValueSet> all;
    private final Map<String, ValueSet> index;
    private final ValidationResult problems;

    private ValueSets(Map<String, ValueSet> byFile, ValidationResult problems) {
        this.all = List.copyOf(byFile.values());
        Map<String, ValueSet> idx = new HashMap<>();
        for (Map.Entry<String, ValueSet> e : byFile.entrySet()) {
            ValueSet vs = e.getValue();
            idx.putIfAbsent(vs.id(), vs);
            vs.url().ifPresent(u -> idx.putIfAbsent(u, vs));
            if (!vs.name().isEmpty()) {
                idx.putIfAbsent(vs.name(), vs);
            }
            idx.putIfAbsent(e.getKey(), vs);
        }
        for (Map.Entry<String, ValueSet> e : byFile.entrySet()) {
            String stem = e.getKey().replaceFirst("\\.(xml|json)$", "");
            idx.putIfAbsent(stem, e.getValue());
            idx.putIfAbsent(stem.toLowerCase(Locale.ROOT), e.getValue());
        }
        this.index = idx;
        this.problems = problems;
    }

    /**
     * A registry of value sets made in code.
     *
     * @param valueSets the value sets
     * @return the registry
     */
    public static ValueSets of(ValueSet... valueSets) {
        Map<String, ValueSet> m = new LinkedHashMap<>();
        for (ValueSet vs : valueSets) {
            m.putIfAbsent(vs.id(), vs);
        }
        return new ValueSets(m, ValidationResult.ok());
    }

    /**
     * Loads one value set, SVS XML or FHIR JSON (recognised by its first character).
     *
     * @param file the file
     * @return the value set
     * @throws LoincException when the file is not a readable value set ({@code LOINC-021}, {@code LOINC-022},
     *         {@code LOINC-060}, {@code LOINC-061}) or cannot be read ({@code LOINC-070})
     */
    public static ValueSet load(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new LoincException(LoincError.VALUE_SET_UNREADABLE, file, "larger than " + MAX_FILE_SIZE + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return load(in, file.getFileName().toString());
            }
        } catch (IOException e) {
            throw new LoincException(Problem.of(LoincError.IO_ERROR, "", file, e.getMessage()), e);
        }
    }

    /**
     * Loads one value set from a stream, SVS XML or FHIR JSON (recognised by its first character).
     *
     * @param in the bytes; not closed
     * @param name the source's name, for messages
     * @return the value set
     * @throws LoincException when the content is not a readable value set
     */
    public static ValueSet load(InputStream in, String name) {
        try {
            BufferedInputStream b = new BufferedInputStream(in);
            b.mark(64);
            int c;
            int skipped = 0;
            do {
                c = b.read();
                skipped++;
            } while ((c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF)
                    && skipped < 60);
            b.reset();
            if (c == '{') {
                return FhirValueSetReader.read(b, name);
            }
            if (c == '<') {
                return SvsReader.read(b, name);
            }
            throw new LoincException(LoincError.VALUE_SET_UNREADABLE, name, "neither XML (SVS) nor JSON (FHIR)");
        } catch (IOException e) {
            throw new LoincException(Problem.of(LoincError.IO_ERROR, "", name, e.getMessage()), e);
        }
    }

    /**
     * Loads every value set of a folder ({@code *.xml} and {@code *.json}, not its sub-folders). Files that are
     * not value sets (an XSD, another XML document) are skipped; files that look like value sets but cannot
     * be read are reported in {@link #problems()}.
     *
     * @param dir the folder, such as the ANS {@code jeuxDeValeurs/}
     * @return the registry
     * @throws LoincException when the folder cannot be listed
     */
    public static ValueSets loadDirectory(Path dir) {
        Map<String, ValueSet> byFile = new LinkedHashMap<>();
        ValidationResult.Builder problems = ValidationResult.builder();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".xml") || n.endsWith(".json");
            }).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new LoincException(Problem.of(LoincError.IO_ERROR, "", dir, e.getMessage()), e);
        }
        for (Path f : files) {
            try {
                byFile.put(f.getFileName().toString(), load(f));
            } catch (LoincException e) {
                boolean notAValueSet = e.problems().stream().anyMatch(p -> p.code() == LoincError.WRONG_FHIR_RESOURCE
                        || p.message().contains("is not an SVS"));
                if (!notAValueSet) {
                    e.problems().forEach(p -> problems.add(p.under(f.getFileName().toString())));
                }
            }
        }
        return new ValueSets(byFile, problems.build());
    }

    /**
     * The value set with this OID, URL, name or file name (with or without {@code .xml}).
     *
     * @param key the key
     * @return the value set, or empty
     */
    public Optional<ValueSet> get(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(index.get(key.strip()));
    }

    /**
     * The value set with this key, or an exception.
     *
     * @param key an OID, URL, name or file name
     * @return the value set
     * @throws LoincException ({@code LOINC-021}) when there is none
     */
    public ValueSet require(String key) {
        return get(key).orElseThrow(() -> new LoincException(LoincError.VALUE_SET_UNREADABLE, key, "not loaded"));
    }

    /**
     * Every value set loaded, in file-name order.
     *
     * @return the value sets (immutable)
     */
    public Collection<ValueSet> all() {
        return all;
    }

    /**
     * The files that looked like value sets but could not be read.
     *
     * @return the problems (valid when none)
     */
    public ValidationResult problems() {
        return problems;
    }

    /**
     * The value sets that hold a code of a system.
     *
     * @param system the code system
     * @param code the code
     * @return the value sets holding it
     */
    public List<ValueSet> containing(String system, String code) {
        List<ValueSet> out = new ArrayList<>();
        for (ValueSet vs : all) {
            if (vs.contains(system, code)) {
                out.add(vs);
            }
        }
        return out;
    }
}
