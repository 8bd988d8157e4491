package fr.segurbio.ins.insi;

import fr.segurbio.ins.Ins;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity of an INSi {@code 00} answer: the active INS ({@code INSACTIF}), the former ones
 * ({@code INSHISTO}) and the traits ({@code TIQ}).
 *
 * <pre>{@code
 * if (client.search(search) instanceof InsiResult.Found found) {
 *     Ins ins = found.identity().active();
 *     found.identity().history().forEach(h -> archive(h.ins()));
 * }
 * }</pre>
 *
 * @param active the active INS
 * @param history the former INS, as received (may repeat the active one)
 * @param traits the traits INSi returned
 */
public record InsiIdentity(Ins active, List<HistoricIns> history, InsiTraits traits) {

    /**
     * Checks the fields.
     *
     * @param active the active INS
     * @param history the former INS
     * @param traits the traits
     */
    public InsiIdentity {
        Objects.requireNonNull(active, "active");
        history = List.copyOf(history);
        Objects.requireNonNull(traits, "traits");
    }

    /**
     * A former INS and its validity dates as INSi sent them.
     *
     * @param ins the INS
     * @param startDate {@code DateDeb}, or {@code null}
     * @param endDate {@code DateFin}, or {@code null}
     */
    public record HistoricIns(Ins ins, LocalDate startDate, LocalDate endDate) {

        /**
         * Checks the fields.
         *
         * @param ins the INS
         * @param startDate the start date or {@code null}
         * @param endDate the end date or {@code null}
         */
        public HistoricIns {
            Objects.requireNonNull(ins, "ins");
        }

        /**
         * The start date.
         *
         * @return {@code DateDeb}, if sent
         */
        public Optional<LocalDate> start() {
            return Optional.ofNullable(startDate);
        }

        /**
         * The end date.
         *
         * @return {@code DateFin}, if sent
         */
        public Optional<LocalDate> end() {
            return Optional.ofNullable(endDate);
        }
    }
}
