/**
 * Ségur Bio SDK — ins-core: the matricule INS (NIR/NIA, key, OIDs), identity traits and RNIV statuses, the INS
 * Datamatrix (encode/decode) and the INSi client.
 */
module fr.segurbio.ins {
    requires transitive fr.segurbio.core;
    requires transitive java.desktop;
    requires com.google.zxing;
    requires transitive fr.segurbio.transport;
    requires java.xml;
    requires org.slf4j;
    requires java.naming;

    exports fr.segurbio.ins;
    exports fr.segurbio.ins.datamatrix;
    exports fr.segurbio.ins.insi;
}
