/**
 * Ségur Bio SDK — loinc-catalog.
 */
module fr.segurbio.loinc {
}
