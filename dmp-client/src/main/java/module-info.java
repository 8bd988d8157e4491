/**
 * Ségur Bio SDK — DMP client: feeds and manages the patient's DMP (Mon espace santé) over IHE XDS.b with a
 * signed VIHF assertion: TD0.2 existence test, ITI-41 submission of the CR-BIO N1 + N3 (XFRM) with the XAdES
 * signature document, replacement (RPLC), ITI-18 queries, ITI-43 retrieve, ITI-57 mask / visibility / archive /
 * delete of both documents together, the patient's consent and identity gates, and the Web PS DMP URL.
 */
module fr.segurbio.dmp {
    requires transitive fr.segurbio.core;
    requires transitive fr.segurbio.transport;
    requires transitive fr.segurbio.ins;
    requires transitive fr.segurbio.cda;
    requires java.xml;
    requires java.xml.crypto;
    requires java.naming;
    requires java.net.http;
    requires org.slf4j;

    exports fr.segurbio.dmp;
    exports fr.segurbio.dmp.vihf;
}
