package fr.segurbio.dmp.vihf;

import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;

/** Argument checks giving coded errors. */
final class Checks {

    private Checks() {
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new DmpException(DmpError.VIHF_INCOMPLETE, name + " is missing");
        }
        return value.strip();
    }
}
