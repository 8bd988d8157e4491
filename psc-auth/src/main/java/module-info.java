/**
 * Ségur Bio SDK — Pro Santé Connect (practitioner authentication). Not yet implemented: this module holds
 * only its declaration until its issue is worked.
 */
module fr.segurbio.psc {
    requires fr.segurbio.transport;
}
