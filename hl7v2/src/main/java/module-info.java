/**
 * Ségur Bio SDK — hl7v2: the hospital lab's HL7 v2 flows. An ER7 parser and encoder of its own
 * ({@link fr.segurbio.hl7v2.Er7Parser}, {@link fr.segurbio.hl7v2.Hl7Message}).
 */
module fr.segurbio.hl7v2 {
    requires transitive fr.segurbio.core;
    requires transitive fr.segurbio.ins;
    requires transitive fr.segurbio.cda;
    requires transitive fr.segurbio.transport;
    requires org.slf4j;

    exports fr.segurbio.hl7v2;
    exports fr.segurbio.hl7v2.pam;
    exports fr.segurbio.hl7v2.report;
    exports fr.segurbio.hl7v2.ack;
    exports fr.segurbio.hl7v2.mllp;
}
