package fr.segurbio.cda.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identical findings, proved: the SDK's validator and the untouched ANS route ({@link AnsReferencePipeline}) run
 * on a seeded corpus of mutated examples, and for every document the sets of (source, assertion id, location)
 * agree. The SDK's own notes about itself (a skipped profile, {@code CDA-510}) have no counterpart in the ANS
 * route and are left out.
 */
class DifferentialValidationIT {

    static final int CORPUS_SIZE = Integer.getInteger("segur.differential.size", 210);
    static final long SEED = Long.getLong("segur.differential.seed", 20241401L);

    @Test
    void theSdkAndTheAnsRouteReportTheSameFindingsOnEveryMutatedDocument() throws Exception {
        ConformancePackage pkg = ConformancePackage.at(SharedValidator.material());
        AnsReferencePipeline reference = new AnsReferencePipeline(pkg);
        CrBioValidator sdk = SharedValidator.get();
        List<MutatedCorpus.Mutant> corpus = new MutatedCorpus(pkg.root().resolve("ExemplesCDA"), SEED)
                .generate(CORPUS_SIZE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> results = new ArrayList<>();
        long[] compared = new long[1];
        int[] withFindings = new int[1];
        for (MutatedCorpus.Mutant m : corpus) {
            results.add(pool.submit(() -> {
                Set<AnsReferencePipeline.Key> expected = reference.validate(m.xml());
                Set<AnsReferencePipeline.Key> actual = new LinkedHashSet<>();
                for (Finding f : sdk.validate(m.xml()).findings()) {
                    if (!CdaValidationError.PROFILE_SKIPPED.id().equals(f.id())) {
                        actual.add(new AnsReferencePipeline.Key(f.source(), f.id(), f.location()));
                    }
                }
                synchronized (compared) {
                    compared[0] += expected.size();
                    if (!expected.isEmpty()) {
                        withFindings[0]++;
                    }
                }
                if (expected.equals(actual)) {
                    return null;
                }
                Set<AnsReferencePipeline.Key> missing = new LinkedHashSet<>(expected);
                missing.removeAll(actual);
                Set<AnsReferencePipeline.Key> extra = new LinkedHashSet<>(actual);
                extra.removeAll(expected);
                return m.name() + " (" + m.description() + "): missing " + missing + ", extra " + extra;
            }));
        }
        List<String> differences = differences(results);
        pool.shutdown();
        System.out.printf("Differential validation: %d mutated documents (seed %d), %d with findings,"
                + " %d findings compared, %d differing%n", corpus.size(), SEED, withFindings[0], compared[0],
                differences.size());
        assertThat(differences).as("documents whose findings differ").isEmpty();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        assertThat(withFindings[0]).as("mutations must break most documents").isGreaterThan(corpus.size() / 2);
    }

    /**
     * The per-document variants of the cached profiles ({@link StylesheetPruner}) give exactly the findings of the
     * whole profiles compiled from the same cache, in the same order and with the same messages, on the same
     * corpus: a validator that never compiles a whole profile from the cache against one that never compiles a
     * variant. Their (source, id, location) are also those of the validator above (proved equal to the ANS route);
     * only the messages of a profile that fails at run time differ from it, the text compiled from the cache
     * having line numbers that the skeleton's tree has not.
     */
    @Test
    void theVariantsWithoutThePatternsADocumentCannotFireGiveTheFindingsOfTheWholeProfiles(@TempDir Path cache)
            throws Exception {
        ConformancePackage pkg = ConformancePackage.at(SharedValidator.material());
        CrBioValidator reference = SharedValidator.get();
        List<MutatedCorpus.Mutant> corpus = new MutatedCorpus(pkg.root().resolve("ExemplesCDA"), SEED)
                .generate(CORPUS_SIZE);
        CrBioValidator.cached(pkg, cache, CrBioValidator.DEFAULT_MAX_BYTES).prepare();
        CrBioValidator whole = new CrBioValidator(pkg, CrBioValidator.DEFAULT_MAX_BYTES, cache, 0).prepare();
        CrBioValidator variants = new CrBioValidator(pkg, CrBioValidator.DEFAULT_MAX_BYTES, cache,
                Integer.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> results = new ArrayList<>();
        for (MutatedCorpus.Mutant m : corpus) {
            results.add(pool.submit(() -> {
                List<Finding> expected = whole.validate(m.xml()).findings();
                List<Finding> actual = variants.validate(m.xml()).findings();
                if (!expected.equals(actual)) {
                    return m.name() + " (" + m.description() + "): expected " + expected + ", got " + actual;
                }
                List<AnsReferencePipeline.Key> keys = keys(actual);
                List<AnsReferencePipeline.Key> referenceKeys = keys(reference.validate(m.xml()).findings());
                return keys.equals(referenceKeys) ? null
                        : m.name() + " (" + m.description() + "): expected " + referenceKeys + ", got " + keys;
            }));
        }
        List<String> differences = differences(results);
        pool.shutdown();
        System.out.printf("Variants: %d mutated documents, %d variants compiled, %d differing%n", corpus.size(),
                variants.variantsCompiled(), differences.size());
        assertThat(differences).as("documents whose findings differ").isEmpty();
        assertThat(variants.variantsCompiled()).isGreaterThan(4);
    }

    /** The non-null answers of the comparisons, in the corpus's order. */
    private static List<String> differences(List<Future<String>> results) throws Exception {
        List<String> differences = new ArrayList<>();
        for (Future<String> f : results) {
            String d = f.get();
            if (d != null) {
                differences.add(d);
            }
        }
        return differences;
    }

    private static List<AnsReferencePipeline.Key> keys(List<Finding> findings) {
        List<AnsReferencePipeline.Key> keys = new ArrayList<>();
        for (Finding f : findings) {
            keys.add(new AnsReferencePipeline.Key(f.source(), f.id(), f.location()));
        }
        return keys;
    }
}
