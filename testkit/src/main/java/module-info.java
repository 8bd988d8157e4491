/**
 * Ségur Bio SDK — testkit: what vendors start in their own tests. It depends on no other SDK module, so that
 * every module can use it in test scope and its simulators share no code with the clients they check.
 */
module fr.segurbio.testkit {
    requires transitive java.xml;
    requires java.naming;
    requires java.xml.crypto;
    requires jdk.httpserver;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires com.nimbusds.jose.jwt;
    requires java.net.http;
    requires transitive greenmail;
    requires jakarta.mail;

    exports fr.segurbio.testkit;
    exports fr.segurbio.testkit.insi;
    exports fr.segurbio.testkit.dmp;
    exports fr.segurbio.testkit.psc;
    exports fr.segurbio.testkit.mss;
}
