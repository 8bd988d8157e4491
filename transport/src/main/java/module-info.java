/**
 * Ségur Bio SDK — transport: software certificates and mutual TLS, the shared HTTP client, SOAP 1.2 with
 * WS-Addressing and MTOM, hardened XML, XML signature, retries, audit events and the wire trace.
 */
module fr.segurbio.transport {
    requires transitive fr.segurbio.core;
    requires transitive java.xml;
    requires transitive java.xml.crypto;
    requires java.naming;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires org.slf4j;

    exports fr.segurbio.transport;
}
