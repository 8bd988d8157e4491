package fr.segurbio.cda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.read.CdaReadError;
import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;

class ReadContextTest {

    @Test
    void jsonPathsArePointersAndTheModelsProblemsKeepTheirCode() {
        ReadContext ctx = ReadContext.json(ReadContext.Mode.STRICT, CdaError.BAD_JSON);
        Object r = ctx.in("chapters", 2, () -> ctx.in("entry", () -> {
            assertThat(ctx.path()).isEqualTo("/chapters/2/entry");
            assertThat(ctx.pathOf("a/b~c")).isEqualTo("/chapters/2/entry/a~1b~0c");
            throw new CdaException(ValidationResult.builder().add(CdaError.MISSING, "recipients[1]/id", "id")
                    .add(CdaError.BAD_UNIT, "results[0].value", "zz", "unknown").build());
        }));
        assertThat(r).isNull();
        assertThat(ctx.path()).isEmpty();
        assertThat(ctx.problems()).extracting(Problem::path)
                .containsExactly("/chapters/2/entry/recipients/1/id", "/chapters/2/entry/results/0/value");
        assertThat(ctx.problems()).extracting(Problem::code).containsExactly(CdaError.MISSING, CdaError.BAD_UNIT);
        assertThat(ctx.hasErrors()).isTrue();
    }

    @Test
    void anUnexpectedExceptionBecomesACodedBilingualProblemWithoutItsText() {
        ReadContext ctx = ReadContext.json(ReadContext.Mode.STRICT, CdaError.BAD_JSON);
        ctx.in("patient", () -> {
            throw new NullPointerException("Cannot invoke \"String.length()\" because \"s\" is null");
        });
        assertThat(ctx.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(CdaError.BAD_JSON);
            assertThat(p.path()).isEqualTo("/patient");
            assertThat(p.message(Locale.FRENCH)).isEqualTo("Rapport JSON illisible : contenu inutilisable à cet endroit");
            assertThat(p.message(Locale.ENGLISH)).isEqualTo("Unreadable JSON report: unusable content at this place");
        });
    }

    @Test
    void xmlPathsCountFromOneAndTheModelsProblemsAreReportedUnderTheWrappingCode() {
        ReadContext ctx = ReadContext.xml(ReadContext.Mode.STRICT, CdaReadError.BAD_PART);
        ctx.enter("ClinicalDocument");
        ctx.in("component", 2, () -> ctx.in("section", () -> {
            throw new CdaException(CdaError.BAD_LOINC, "1234-5", "wrong check digit");
        }));
        ctx.in("recordTarget", () -> {
            throw new IllegalArgumentException("For input string: \"x\"");
        });
        ctx.leave();
        assertThat(ctx.problems()).extracting(Problem::path)
                .containsExactly("/ClinicalDocument/component[3]/section", "/ClinicalDocument/recordTarget");
        assertThat(ctx.problems()).extracting(Problem::code).containsOnly(CdaReadError.BAD_PART);
        Problem loinc = ctx.problems().get(0);
        assertThat(loinc.message(Locale.FRENCH)).startsWith("section : CDA-006 Code LOINC « 1234-5 » invalide");
        assertThat(loinc.message(Locale.ENGLISH)).startsWith("section: CDA-006 Invalid LOINC code \"1234-5\"");
        assertThat(ctx.problems().get(1).message(Locale.ENGLISH))
                .isEqualTo("recordTarget: unusable content at this place");
    }

    @Test
    void whatCanBeSkippedIsAnErrorWhenStrictAndAWarningWhenLenient() {
        for (ReadContext.Mode mode : ReadContext.Mode.values()) {
            ReadContext ctx = ReadContext.json(mode, CdaError.BAD_JSON);
            ctx.unexpected("extra", CdaError.BAD_JSON, "champ inconnu", "unknown field");
            assertThat(ctx.problems()).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("/extra");
                assertThat(p.severity()).isEqualTo(mode == ReadContext.Mode.STRICT ? Severity.ERROR : Severity.WARNING);
                assertThat(p.messageFr()).isEqualTo("Rapport JSON illisible : champ inconnu");
                assertThat(p.messageEn()).isEqualTo("Unreadable JSON report: unknown field");
            });
            assertThat(ctx.hasErrors()).isEqualTo(mode == ReadContext.Mode.STRICT);
        }
    }

    @Test
    void detailsAreFormattedInEachLanguage() {
        ReadContext ctx = ReadContext.json(ReadContext.Mode.STRICT, CdaError.BAD_JSON);
        ctx.enter("patient");
        ctx.detailAt("birthDate", CdaError.BAD_VALUE, "une date ISO", "an ISO date", "28/03/1979");
        ctx.leave();
        assertThat(ctx.result().problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("/patient/birthDate");
            assertThat(p.messageFr()).isEqualTo("Valeur « 28/03/1979 » non autorisée : une date ISO");
            assertThat(p.messageEn()).isEqualTo("Value \"28/03/1979\" not allowed: an ISO date");
        });
    }
}
