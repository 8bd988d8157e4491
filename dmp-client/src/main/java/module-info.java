/**
 * Ségur Bio SDK — DMP client (XDS.b with VIHF). Not yet implemented: this module holds only its declaration
 * until its issue is worked.
 */
module fr.segurbio.dmp {
    requires fr.segurbio.transport;
    requires fr.segurbio.ins;
    requires fr.segurbio.cda;
}
