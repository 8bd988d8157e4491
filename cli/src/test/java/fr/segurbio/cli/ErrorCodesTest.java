package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.segurbio.core.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@link ErrorCode} enum of every SDK module, found by scanning the classes on the class path (not a list
 * kept by hand): ids unique across the SDK, one naming scheme {@code PREFIX-NNN} (a module's prefix, then three
 * digits), one prefix per module and one module per prefix, a French and an English message for each.
 *
 * <p>The library modules are the reactor's modules with a {@code module-info.java}; each must be on this test's
 * class path (cli depends on it, or lists it as a test dependency), so that a new module's codes are walked too.
 */
class ErrorCodesTest {

    private static final Pattern ID = Pattern.compile("([A-Z]+)-(\\d{3})");

    /** The enums found, by the class path entry (module) they come from. */
    private static final Map<String, List<Class<?>>> ENUMS = new TreeMap<>();

    @BeforeAll
    static void scan() throws Exception {
        for (String entry : classPath()) {
            Path p = Path.of(entry);
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(p)) {
                Path root = p.resolve("fr").resolve("segurbio");
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(className(
                                p.relativize(f).toString().replace(File.separatorChar, '/'))));
                    }
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        String n = e.nextElement().getName();
                        if (n.startsWith("fr/segurbio/") && n.endsWith(".class")) {
                            names.add(className(n));
                        }
                    }
                }
            }
            for (String name : names) {
                Class<?> c = Class.forName(name, false, ErrorCodesTest.class.getClassLoader());
                if (c.isEnum() && ErrorCode.class.isAssignableFrom(c)) {
                    ENUMS.computeIfAbsent(moduleOf(c), k -> new ArrayList<>()).add(c);
                }
            }
        }
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    private static List<String> classPath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** The module a class comes from: its class path entry (a module's target/classes, or its jar). */
    private static String moduleOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ErrorCode> codes(Class<?> enumClass) {
        List<ErrorCode> out = new ArrayList<>();
        for (Object constant : enumClass.getEnumConstants()) {
            out.add((ErrorCode) constant);
        }
        return out;
    }

    @Test
    void everyLibraryModuleIsOnTheClassPath() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        Set<String> libraries = new TreeSet<>();
        while (m.find()) {
            if (Files.isRegularFile(root.resolve(m.group(1)).resolve("src/main/java/module-info.java"))) {
                libraries.add(m.group(1));
            }
        }
        assertThat(libraries).contains("core", "transport", "ins-core", "cda-bio", "cli");
        List<String> entries = classPath().stream().map(e -> e.replace(File.separatorChar, '/')).toList();
        for (String module : libraries) {
            assertThat(entries)
                    .as("module %s must be on cli's test class path (add it as a test dependency of cli) so that"
                            + " its error codes are checked", module)
                    .anyMatch(e -> e.contains("/" + module + "/target/")
                            || e.contains("/fr/segurbio/" + module + "/"));
        }
    }

    @Test
    void theScanFindsTheKnownEnums() {
        Set<String> names = new TreeSet<>();
        ENUMS.values().forEach(list -> list.forEach(c -> names.add(c.getName())));
        assertThat(names).contains("fr.segurbio.transport.TransportError", "fr.segurbio.ins.InsError",
                "fr.segurbio.ins.insi.InsiError", "fr.segurbio.loinc.LoincError", "fr.segurbio.cda.CdaError",
                "fr.segurbio.cda.pdf.PdfRenderError", "fr.segurbio.cda.html.HtmlRenderError");
    }

    @Test
    void everyIdFollowsPrefixDashThreeDigits() {
        List<String> wrong = new ArrayList<>();
        ENUMS.values().forEach(list -> list.forEach(c -> codes(c).forEach(code -> {
            if (!ID.matcher(code.id()).matches()) {
                wrong.add(c.getSimpleName() + "." + code + " = " + code.id());
            }
        })));
        assertThat(wrong).as("ids not of the form PREFIX-NNN").isEmpty();
    }

    @Test
    void idsAreUniqueAcrossTheSdk() {
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        ENUMS.values().forEach(list -> list.forEach(c -> codes(c).forEach(code -> {
            String where = c.getName() + "." + code;
            String before = seen.putIfAbsent(code.id(), where);
            if (before != null) {
                duplicates.add(code.id() + ": " + before + " and " + where);
            }
        })));
        assertThat(seen).isNotEmpty();
        assertThat(duplicates).isEmpty();
    }

    @Test
    void oneModuleOnePrefix() {
        Map<String, Set<String>> prefixesByModule = new TreeMap<>();
        Map<String, Set<String>> modulesByPrefix = new TreeMap<>();
        ENUMS.forEach((module, list) -> list.forEach(c -> codes(c).forEach(code -> {
            Matcher m = ID.matcher(code.id());
            String prefix = m.matches() ? m.group(1) : code.id();
            prefixesByModule.computeIfAbsent(module, k -> new LinkedHashSet<>()).add(prefix);
            modulesByPrefix.computeIfAbsent(prefix, k -> new LinkedHashSet<>()).add(module);
        })));
        assertThat(prefixesByModule).allSatisfy((module, prefixes) ->
                assertThat(prefixes).as("the prefixes of %s", module).hasSize(1));
        assertThat(modulesByPrefix).allSatisfy((prefix, modules) ->
                assertThat(modules).as("the modules using %s", prefix).hasSize(1));
    }

    @Test
    void everyCodeHasASeverityAndBothMessages() {
        List<String> wrong = new ArrayList<>();
        ENUMS.values().forEach(list -> list.forEach(c -> codes(c).forEach(code -> {
            if (code.severity() == null || code.frenchTemplate() == null || code.frenchTemplate().isBlank()
                    || code.englishTemplate() == null || code.englishTemplate().isBlank()) {
                wrong.add(c.getSimpleName() + "." + code);
            }
        })));
        assertThat(wrong).isEmpty();
    }
}
