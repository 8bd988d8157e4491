package fr.segurbio.ins.insi;

import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.LunarDate;
import fr.segurbio.ins.Sex;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity traits INSi returned ({@code TIQ}), kept exactly as received: the birth name, the list of birth
 * first names, the first birth first name (INSi's {@code Prenom}, else the first of the list), the sex, the
 * birth date as a {@link LunarDate} (INSi dates may not be calendar dates) and the birth place.
 *
 * <pre>{@code
 * InsiTraits t = found.identity().traits();
 * t.firstNames();        // [PIERRE-ALAIN, MURIEL, FLORIANT]
 * t.firstFirstName();    // PIERRE-ALAIN
 * t.birthDate().toBirthDate();
 * }</pre>
 *
 * @param birthName the birth name
 * @param firstNames the birth first names, in order
 * @param firstFirstName the first birth first name
 * @param sex the sex
 * @param birthDate the birth date as received
 * @param birthPlace the birth place, or {@code null} when INSi sent none
 */
public record InsiTraits(String birthName, List<String> firstNames, String firstFirstName, Sex sex,
        LunarDate birthDate, BirthPlace birthPlace) {

    /**
     * Checks the fields.
     *
     * @param birthName the birth name
     * @param firstNames the first names
     * @param firstFirstName the first first name
     * @param sex the sex
     * @param birthDate the birth date
     * @param birthPlace the birth place or {@code null}
     */
    public InsiTraits {
        Objects.requireNonNull(birthName, "birthName");
        firstNames = List.copyOf(firstNames);
        Objects.requireNonNull(firstFirstName, "firstFirstName");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(birthDate, "birthDate");
    }

    /**
     * The birth place.
     *
     * @return the birth place, if INSi sent one
     */
    public Optional<BirthPlace> place() {
        return Optional.ofNullable(birthPlace);
    }
}
