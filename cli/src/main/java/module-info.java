/**
 * The {@code segur} command: every SDK module from a terminal or from an SGL written in another language.
 */
module fr.segurbio.cli {
    requires info.picocli;
    requires fr.segurbio.transport;
    requires fr.segurbio.ins;
    requires fr.segurbio.loinc;
    requires fr.segurbio.cda;
    requires fr.segurbio.psc;
    requires java.desktop;
    requires fr.segurbio.hl7v2;
    requires fr.segurbio.dmp;
    requires fr.segurbio.mss;
    requires fr.segurbio.dispatch;
    requires fr.segurbio.testkit;   // segur demo and segur simulators
    requires greenmail;
    requires com.fasterxml.jackson.databind;
    requires org.apache.pdfbox;

    opens fr.segurbio.cli to info.picocli;
}
