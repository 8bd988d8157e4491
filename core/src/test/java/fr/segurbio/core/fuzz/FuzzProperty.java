package fr.segurbio.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.segurbio.core.SegurException;
import fr.segurbio.testkit.ConformanceMaterial;

/**
 * The property every fuzz target of this module checks: whatever the input, the parser answers with a result or
 * with the module's own {@link SegurException} subtype carrying a stable code, within a bounded time and a bounded
 * allocation. Anything else (another exception, an {@link Error}, a hang, a runaway allocation) fails the input,
 * which Jazzer then keeps as a crash file next to the target's seeds.
 */
public final class FuzzProperty {

    /** Time allowed per input; generous so that a loaded build machine does not make it flaky. */
    public static final Duration TIME_PER_INPUT = Duration.ofSeconds(20);
    /** Allocation allowed per input: a fixed budget plus a factor of the input's size. */
    public static final long FIXED_ALLOCATION = 512L * 1024 * 1024;
    public static final long ALLOCATION_PER_INPUT_BYTE = 4096;

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{3}");

    private FuzzProperty() {
    }

    /**
     * Runs one parse under the property.
     *
     * @param allowed the module's exception type
     * @param inputLength the input's size, for the allocation budget
     * @param parse the parse
     * @return the result, or empty when the parser refused the input with a typed error
     */
    public static <T> Optional<T> check(Class<? extends SegurException> allowed, long inputLength,
            Callable<T> parse) {
        return assertTimeoutPreemptively(TIME_PER_INPUT, () -> {
            long before = allocated();
            Optional<T> out;
            try {
                out = Optional.ofNullable(parse.call());
            } catch (SegurException e) {
                if (!allowed.isInstance(e)) {
                    throw new AssertionError("expected " + allowed.getSimpleName() + " but got " + e, e);
                }
                assertThat(e.code()).as("error code").isNotNull();
                assertThat(e.code().id()).as("stable error code of %s", e).matches(CODE);
                assertThat(e.getMessage()).as("message").isNotBlank();
                out = Optional.empty();
            }
            long used = allocated() - before;
            long budget = FIXED_ALLOCATION + ALLOCATION_PER_INPUT_BYTE * inputLength;
            assertThat(used).as("bytes allocated for an input of %d bytes", inputLength).isLessThan(budget);
            return out;
        }, "time per input");
    }

    /** This thread's allocated bytes (HotSpot's ThreadMXBean, reached by reflection: tests run in a named module). */
    private static final Method CURRENT_ALLOCATED = allocationCounter();

    private static Method allocationCounter() {
        try {
            return Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static long allocated() {
        if (CURRENT_ALLOCATED == null) {
            return 0;
        }
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Object n = CURRENT_ALLOCATED.invoke(bean);
            return n instanceof Long l && l >= 0 ? l : 0;
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }

    /**
     * The official material under {@code ../shared/conformance} used as extra seeds, when it is there.
     *
     * @param relative a folder below {@code conformance}
     * @param glob the file names to take
     * @param maxBytes the largest seed taken
     * @return the seed files, empty when the material is absent
     */
    public static List<Path> sharedSeeds(String relative, String glob, long maxBytes) {
        List<Path> out = new ArrayList<>();
        Optional<Path> found = ConformanceMaterial.find("conformance/" + relative);
        if (found.isEmpty() || !Files.isDirectory(found.get())) {
            return out;
        }
        Path dir = found.get();
        java.nio.file.PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName()))
                    .filter(p -> p.toFile().length() <= maxBytes).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Message of a skipped shared-seed test.
     *
     * @param what the folder missing
     * @return the message
     */
    public static String missing(String what) {
        return ConformanceMaterial.missing("conformance/" + what) + " (shared seeds skipped)";
    }
}
