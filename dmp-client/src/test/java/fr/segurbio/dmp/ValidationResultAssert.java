package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.ListAssert;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.ValidationResult;

/** The codes of a result's errors, for assertions. */
final class ValidationResultAssert {

    private ValidationResultAssert() {
    }

    static ListAssert<ErrorCode> codes(ValidationResult r) {
        return assertThat(r.errors().stream().map(p -> p.code()).toList());
    }
}
