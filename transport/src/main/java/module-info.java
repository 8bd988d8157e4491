/**
 * Ségur Bio SDK — transport.
 */
module fr.segurbio.transport {
}
