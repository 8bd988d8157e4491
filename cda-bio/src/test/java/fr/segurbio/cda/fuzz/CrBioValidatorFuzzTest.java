package fr.segurbio.cda.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.SharedValidator;
import fr.segurbio.cda.validation.ValidationReport;

/**
 * Fuzz target of {@link CrBioValidator}'s input handling (hardened parse, XSD on the same stream, embedded CDA of a
 * self-presenting document, volet detection): a {@link ValidationReport} or a {@link CdaException}, never another
 * exception. Needs the ANS package of {@code ../shared/conformance/cda} (skipped without it). Seeds:
 * {@code CrBioValidatorFuzzTestInputs/validate}; the ANS examples are the reader target's shared seeds.
 */
class CrBioValidatorFuzzTest {

    @DictionaryFile(resourcePath = "/fr/segurbio/cda/fuzz/cda.dict")
    @FuzzTest(maxDuration = "2m")
    void validate(byte[] xml) {
        CrBioValidator validator = SharedValidator.get();
        FuzzProperty.check(CdaException.class, xml.length, () -> validator.validate(xml))
                .ifPresent(report -> assertThat(report.findings()).allSatisfy(f -> assertThat(f.severity()).isNotNull()));
    }
}
