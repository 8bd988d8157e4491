/**
 * Ségur Bio SDK — cda-bio.
 */
module fr.segurbio.cda {
}
