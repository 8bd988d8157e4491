/**
 * Ségur Bio SDK — dispatch: the "0 clic" publication of a validated CR-BIO to the patient's DMP and by MSSanté,
 * exactly once, recorded in a durable journal ({@link fr.segurbio.dispatch.journal.Journal}: an embedded H2
 * file by default, or PostgreSQL shared by several SGL nodes) with the status of every sending.
 */
module fr.segurbio.dispatch {
    requires transitive fr.segurbio.core;
    requires transitive java.sql;
    requires transitive fr.segurbio.cda;
    requires transitive fr.segurbio.dmp;
    requires transitive fr.segurbio.mss;
    requires org.slf4j;

    exports fr.segurbio.dispatch;
    exports fr.segurbio.dispatch.journal;
}
