package fr.segurbio.mss.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.TransportException;

/**
 * An MSSanté operator's servers (SMTP submission and IMAP, host, port, TLS mode), allowed only inside the
 * configured MSSanté domains ({@code mssante.fr} by default), so that a tampered configuration or AutoConfig
 * file cannot send health data elsewhere. Read from the Thunderbird-style AutoConfig XML the operator publishes
 * with {@link #fromAutoConfig}.
 *
 * <pre>{@code
 * OperatorSettings op = OperatorSettings.builder()
 *         .smtp(new Endpoint("smtp.operateur.mssante.fr", 465, TlsMode.IMPLICIT))
 *         .imap(new Endpoint("imap.operateur.mssante.fr", 993, TlsMode.IMPLICIT))
 *         .build();
 * OperatorSettings fromXml = OperatorSettings.fromAutoConfig(Path.of("config-v1.1.xml"), Set.of("mssante.fr"));
 * }</pre>
 */
public final class OperatorSettings {

    /** The default allowed domain. */
    public static final String MSSANTE_DOMAIN = "mssante.fr";
    private static final long MAX_AUTOCONFIG_BYTES = 256 * 1024;

    private final Endpoint smtp;
    private final Endpoint imap;
    private final Set<String> domains;

    private OperatorSettings(Endpoint smtp, Endpoint imap, Set<String> domains) {
        this.smtp = smtp;
        this.imap = imap;
        this.domains = Set.copyOf(domains);
    }

    /**
     * A builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The SMTP submission server.
     *
     * @return the endpoint
     */
    public Endpoint smtp() {
        return smtp;
    }

    /**
     * The IMAP server.
     *
     * @return the endpoint
     */
    public Endpoint imap() {
        return imap;
    }

    /**
     * The domains the servers must belong to.
     *
     * @return the domains
     */
    public Set<String> domains() {
        return domains;
    }

    /**
     * Whether a host is one of the domains or under one of them.
     *
     * @param host a host name
     * @param domains the allowed domains
     * @return true when allowed
     */
    public static boolean inDomains(String host, Set<String> domains) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String d : domains) {
            String dd = d.toLowerCase(Locale.ROOT);
            if (h.equals(dd) || h.endsWith("." + dd)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads an AutoConfig file.
     *
     * @param file the {@code config-v1.1.xml}
     * @param domains the allowed domains
     * @return the settings
     * @throws MssException {@code MSS-209} when unreadable, {@code MSS-201} when a server is outside the domains,
     *         clear text or missing
     */
    public static OperatorSettings fromAutoConfig(Path file, Set<String> domains) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromAutoConfig(in, domains);
        } catch (IOException e) {
            throw new MssException(e, MssError.BAD_AUTOCONFIG, file + ": " + e.getMessage());
        }
    }

    /**
     * Reads an AutoConfig document (Thunderbird {@code clientConfig} 1.1: {@code incomingServer type="imap"},
     * {@code outgoingServer type="smtp"}, {@code socketType} {@code SSL} or {@code STARTTLS}).
     *
     * @param in the XML
     * @param domains the allowed domains
     * @return the settings
     */
    public static OperatorSettings fromAutoConfig(InputStream in, Set<String> domains) {
        Document doc;
        try {
            doc = SecureXml.parse(in, MAX_AUTOCONFIG_BYTES);
        } catch (TransportException e) {
            throw new MssException(e, MssError.BAD_AUTOCONFIG, e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"clientConfig".equals(root.getLocalName())) {
            throw new MssException(MssError.BAD_AUTOCONFIG, "root element " + root.getLocalName()
                    + " (clientConfig expected)");
        }
        Builder b = builder().domains(domains);
        List<String> problems = new ArrayList<>();
        b.imap = server(root, "incomingServer", "imap", problems);
        b.smtp = server(root, "outgoingServer", "smtp", problems);
        if (!problems.isEmpty()) {
            throw new MssException(MssError.BAD_OPERATOR_CONFIG, String.join("; ", problems));
        }
        return b.build();
    }

    private static Endpoint server(Element root, String element, String type, List<String> problems) {
        NodeList list = root.getElementsByTagName(element);
        for (int i = 0; i < list.getLength(); i++) {
            Element s = (Element) list.item(i);
            if (!type.equalsIgnoreCase(s.getAttribute("type"))) {
                continue;
            }
            String host = text(s, "hostname");
            String port = text(s, "port");
            String socket = text(s, "socketType");
            TlsMode mode;
            if ("SSL".equalsIgnoreCase(socket) || "TLS".equalsIgnoreCase(socket)) {
                mode = TlsMode.IMPLICIT;
            } else if ("STARTTLS".equalsIgnoreCase(socket)) {
                mode = TlsMode.STARTTLS;
            } else {
                problems.add(type + " socketType " + socket + " (clear text refused: SSL or STARTTLS expected)");
                return null;
            }
            try {
                return new Endpoint(host, Integer.parseInt(port.trim()), mode);
            } catch (NumberFormatException | MssException e) {
                problems.add(type + " server " + host + ":" + port);
                return null;
            }
        }
        problems.add("no " + element + " of type " + type);
        return null;
    }

    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return "OperatorSettings[smtp " + smtp + ", imap " + imap + ", domains " + domains + "]";
    }

    /** Builds {@link OperatorSettings}. */
    public static final class Builder {
        private Endpoint smtp;
        private Endpoint imap;
        private final Set<String> domains = new LinkedHashSet<>(Set.of(MSSANTE_DOMAIN));

        private Builder() {
        }

        /**
         * The SMTP submission server.
         *
         * @param value the endpoint
         * @return this builder
         */
        public Builder smtp(Endpoint value) {
            this.smtp = Objects.requireNonNull(value, "smtp");
            return this;
        }

        /**
         * The IMAP server.
         *
         * @param value the endpoint
         * @return this builder
         */
        public Builder imap(Endpoint value) {
            this.imap = Objects.requireNonNull(value, "imap");
            return this;
        }

        /**
         * The allowed domains, replacing {@code mssante.fr} (a test on loopback names {@code localhost}).
         *
         * @param values the domains
         * @return this builder
         */
        public Builder domains(Set<String> values) {
            if (values.isEmpty()) {
                throw new MssException(MssError.BAD_OPERATOR_CONFIG, "no allowed domain");
            }
            domains.clear();
            values.forEach(d -> domains.add(d.toLowerCase(Locale.ROOT)));
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the settings
         * @throws MssException {@code MSS-201} when a server is missing or outside the domains
         */
        public OperatorSettings build() {
            List<String> problems = new ArrayList<>();
            if (smtp == null) {
                problems.add("smtp server missing");
            } else if (!inDomains(smtp.host(), domains)) {
                problems.add("smtp server " + smtp.host() + " outside the MSSanté domains " + domains);
            }
            if (imap == null) {
                problems.add("imap server missing");
            } else if (!inDomains(imap.host(), domains)) {
                problems.add("imap server " + imap.host() + " outside the MSSanté domains " + domains);
            }
            if (!problems.isEmpty()) {
                throw new MssException(MssError.BAD_OPERATOR_CONFIG, String.join("; ", problems));
            }
            return new OperatorSettings(smtp, imap, domains);
        }
    }
}
