/**
 * Ségur Bio SDK — MSSanté client. Not yet implemented: this module holds only its declaration until its issue
 * is worked.
 */
module fr.segurbio.mss {
    requires fr.segurbio.transport;
    requires fr.segurbio.ins;
    requires fr.segurbio.cda;
}
