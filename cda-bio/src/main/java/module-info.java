/**
 * Ségur Bio SDK — cda-bio: the French lab report (CR-BIO, CI-SIS volet BIO-CR-BIO 2024.01) as a typed,
 * immutable model ({@link fr.segurbio.cda.CrBioReport}), written as CDA R2 level 3 and level 1
 * ({@link fr.segurbio.cda.CrBioWriter}) with the XDS metadata of each document
 * ({@link fr.segurbio.cda.xds.XdsMetadata}, with the HL7 v2 composites XDS uses), and the JSON report format of {@code segur cda build}
 * ({@link fr.segurbio.cda.CrBioJson}).
 */
module fr.segurbio.cda {
    requires transitive fr.segurbio.core;
    requires transitive fr.segurbio.ins;
    requires transitive fr.segurbio.loinc;
    requires java.xml;
    requires com.fasterxml.jackson.databind;
    requires org.apache.pdfbox; // PDF renderer (fr.segurbio.cda.pdf)
    requires org.apache.fontbox;
    requires org.apache.pdfbox.io;
    requires java.desktop;
    requires org.slf4j;
    requires Saxon.HE;

    exports fr.segurbio.cda;
    exports fr.segurbio.cda.xds;
    exports fr.segurbio.cda.validation;
    exports fr.segurbio.cda.read;
    exports fr.segurbio.cda.pdf;
    exports fr.segurbio.cda.html;
}
