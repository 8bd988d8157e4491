/**
 * Ségur Bio SDK — testkit.
 */
module fr.segurbio.testkit {
}
