package fr.segurbio.ins.insi;

import fr.segurbio.core.ValidationResult;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an INSi search. None of the four is an exception: {@link Found} ({@code 00}, one identity),
 * {@link NotFound} ({@code 01}), {@link Several} ({@code 02}) and {@link Unavailable} (INSi could not be reached
 * or said it is temporarily unavailable: go on with a provisional identity, care is never blocked).
 *
 * <pre>{@code
 * InsiResult r = client.search(search);
 * if (r instanceof InsiResult.Found f) {
 *     propose(f.identity(), f.warnings());
 * } else if (r instanceof InsiResult.NotFound) {
 *     tryOtherFirstNames();
 * } else if (r instanceof InsiResult.Several) {
 *     askForBirthPlace();
 * } else if (r instanceof InsiResult.Unavailable u) {
 *     keepProvisional(u.problem());
 * }
 * }</pre>
 */
public sealed interface InsiResult permits InsiResult.Found, InsiResult.NotFound, InsiResult.Several,
        InsiResult.Unavailable {

    /**
     * INSi's result code.
     *
     * @return {@code 00}, {@code 01}, {@code 02}, or empty when INSi was unavailable
     */
    Optional<String> code();

    /**
     * What the call looked like: message id, attempts, duration.
     *
     * @return the call's facts
     */
    InsiCall call();

    /**
     * One identity ({@code 00}).
     *
     * @param identity the identity
     * @param label INSi's {@code LibelleCR}
     * @param warnings what was tolerated in the answer (a wrong key, inconsistent dates…)
     * @param call the call's facts
     */
    record Found(InsiIdentity identity, String label, ValidationResult warnings, InsiCall call) implements InsiResult {
        /**
         * Checks the fields.
         *
         * @param identity the identity
         * @param label the label
         * @param warnings the warnings
         * @param call the call
         */
        public Found {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(warnings, "warnings");
            Objects.requireNonNull(call, "call");
        }

        @Override
        public Optional<String> code() {
            return Optional.of("00");
        }
    }

    /**
     * No identity ({@code 01}): may be a false negative, try the other first names.
     *
     * @param label INSi's {@code LibelleCR}
     * @param call the call's facts
     */
    record NotFound(String label, InsiCall call) implements InsiResult {
        @Override
        public Optional<String> code() {
            return Optional.of("01");
        }
    }

    /**
     * Several identities ({@code 02}): refine with the other first names or the birth place.
     *
     * @param label INSi's {@code LibelleCR}
     * @param call the call's facts
     */
    record Several(String label, InsiCall call) implements InsiResult {
        @Override
        public Optional<String> code() {
            return Optional.of("02");
        }
    }

    /**
     * INSi is unavailable: timeout, network or TLS failure towards the service, HTTP error, a {@code Receiver}
     * fault after the retries, or the circuit breaker open after repeated failures.
     *
     * @param reason why
     * @param message a readable explanation (French and English in {@link #problem()})
     * @param fault the {@code Receiver} fault INSi sent, or {@code null}
     * @param call the call's facts
     */
    record Unavailable(Reason reason, String message, InsiFault fault, InsiCall call) implements InsiResult {
        /**
         * Checks the fields.
         *
         * @param reason why
         * @param message the explanation
         * @param fault the fault or {@code null}
         * @param call the call
         */
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(call, "call");
        }

        @Override
        public Optional<String> code() {
            return Optional.empty();
        }

        /**
         * The warning to show at the reception desk ({@code INS-104}).
         *
         * @return the problem, in French and English
         */
        public fr.segurbio.core.Problem problem() {
            return fr.segurbio.core.Problem.of(InsiError.UNAVAILABLE, "", message);
        }
    }

    /** Why INSi was unavailable. */
    enum Reason {
        /** No answer in time. */
        TIMEOUT,
        /** The connection or the TLS handshake failed, or the server answered with an HTTP error page. */
        NETWORK,
        /** INSi answered with a {@code Receiver} fault ({@code siram_40}…) after every retry. */
        SERVICE_FAULT,
        /** Too many recent failures: the client does not call INSi until the circuit breaker closes. */
        CIRCUIT_OPEN
    }
}
