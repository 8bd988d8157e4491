/**
 * Ségur Bio SDK — ins-core.
 */
module fr.segurbio.ins {
}
