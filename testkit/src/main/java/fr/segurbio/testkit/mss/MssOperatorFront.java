package fr.segurbio.testkit.mss;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import fr.segurbio.testkit.TestIdentity;

/**
 * The front of an MSSanté operator's "API LPS", on loopback, in front of a plain SMTP and IMAP store (GreenMail
 * in the SDK's tests): it terminates TLS itself, implicit or by STARTTLS, <b>requires a client certificate</b>
 * issued by the given CAs (a connection without one, or with one from another CA, is cut during the handshake),
 * authenticates the mailbox (the certificate of an application mailbox through SASL EXTERNAL on IMAP and the
 * envelope sender on SMTP, or a bearer token through SASL XOAUTH2 / OAUTHBEARER), then logs into the store with
 * the mailbox's own credentials and relays. It can refuse STARTTLS and refuse given recipients with a given
 * SMTP reply, to test partial delivery.
 *
 * <pre>{@code
 * try (MssOperatorFront front = MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
 *         .smtpBackend(greenMail.getSmtp().getPort())
 *         .imapBackend(greenMail.getImap().getPort())
 *         .applicationMailbox("labo@labo.mssante.fr", "LABO BIO TEST", "store-password")
 *         .personalMailbox("dr.martin@medecin.mssante.fr", "psc-token-1", "store-password-2")
 *         .rejectRecipient("gone@medecin.mssante.fr", "550 5.1.1 User unknown")
 *         .start()) {
 *     int smtps = front.smtpPort();
 *     int imaps = front.imapPort();
 * }
 * }</pre>
 */
public final class MssOperatorFront implements AutoCloseable {

    /** How a listener starts TLS. */
    public enum TlsMode {
        /** TLS from the first byte (SMTPS 465, IMAPS 993). */
        IMPLICIT,
        /** Clear text greeting, then STARTTLS (587, 143); every other command before it is refused. */
        STARTTLS,
        /** Clear text, STARTTLS advertised but refused: a client must give up rather than go on in clear. */
        STARTTLS_REFUSED
    }

    private static final int MAX_LINE = 1 << 20;

    private final SSLContext ssl;
    private final boolean needClientAuth;
    private final int smtpBackendPort;
    private final int imapBackendPort;
    private final TlsMode smtpMode;
    private final TlsMode imapMode;
    private final Map<String, String> storePasswords;
    private final Map<String, Set<String>> mailboxesByCommonName;
    private final Map<String, String> tokens;
    private final Map<String, String> rejected;
    private final ServerSocket smtpListener;
    private final ServerSocket imapListener;
    private final ExecutorService executor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicLong smtpConnections = new AtomicLong();
    private final AtomicLong imapConnections = new AtomicLong();
    private volatile boolean closed;

    private MssOperatorFront(Builder b) throws IOException {
        this.ssl = b.context();
        this.needClientAuth = b.needClientAuth;
        this.smtpBackendPort = b.smtpBackendPort;
        this.imapBackendPort = b.imapBackendPort;
        this.smtpMode = b.smtpMode;
        this.imapMode = b.imapMode;
        this.storePasswords = Map.copyOf(b.storePasswords);
        Map<String, Set<String>> byCn = new HashMap<>();
        b.mailboxesByCommonName.forEach((k, v) -> byCn.put(k, Set.copyOf(v)));
        this.mailboxesByCommonName = Map.copyOf(byCn);
        this.tokens = Map.copyOf(b.tokens);
        this.rejected = Map.copyOf(b.rejected);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mss-operator-front-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.smtpListener = new ServerSocket(0, 50, loopback);
        this.imapListener = new ServerSocket(0, 50, loopback);
        executor.execute(() -> accept(smtpListener, true));
        executor.execute(() -> accept(imapListener, false));
    }

    /**
     * A builder.
     *
     * @param server the front's TLS certificate ({@code TestPki.serverIdentity()})
     * @param clientTrustAnchors the CAs whose client certificates are accepted ({@code TestPki.trustAnchors()})
     * @return the builder
     */
    public static Builder builder(TestIdentity server, Collection<X509Certificate> clientTrustAnchors) {
        return new Builder(server, clientTrustAnchors);
    }

    /**
     * The SMTP submission port on {@code 127.0.0.1}.
     *
     * @return the port
     */
    public int smtpPort() {
        return smtpListener.getLocalPort();
    }

    /**
     * The IMAP port on {@code 127.0.0.1}.
     *
     * @return the port
     */
    public int imapPort() {
        return imapListener.getLocalPort();
    }

    /**
     * What the front did, one line an event ({@code "smtp: TLS refused: ..."}, {@code "imap: auth OK ..."}).
     *
     * @return the events so far
     */
    public List<String> events() {
        return List.copyOf(events);
    }

    /**
     * How many SMTP connections were accepted (a reused connection counts once).
     *
     * @return the count
     */
    public long smtpConnections() {
        return smtpConnections.get();
    }

    /**
     * How many IMAP connections were accepted.
     *
     * @return the count
     */
    public long imapConnections() {
        return imapConnections.get();
    }

    @Override
    public void close() {
        closed = true;
        quiet(smtpListener);
        quiet(imapListener);
        for (Socket s : open) {
            quiet(s);
        }
        executor.shutdownNow();
    }

    private void event(String e) {
        if (events.size() < 10_000) {
            events.add(e);
        }
    }

    private void accept(ServerSocket listener, boolean smtp) {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            (smtp ? smtpConnections : imapConnections).incrementAndGet();
            open.add(s);
            executor.execute(() -> {
                try {
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(30_000);
                    if (smtp) {
                        new SmtpSession(s).run();
                    } else {
                        new ImapSession(s).run();
                    }
                } catch (IOException | RuntimeException e) {
                    event((smtp ? "smtp" : "imap") + ": connection ended: " + e);
                } finally {
                    open.remove(s);
                    quiet(s);
                }
            });
        }
    }

    private static void quiet(Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // closing
        }
    }

    /** A connection's streams, upgraded to TLS in place. */
    private abstract class Session {
        Socket socket;
        InputStream in;
        OutputStream out;
        boolean tls;
        Set<String> certificateMailboxes = Set.of();
        String certificateName = "";
        Socket backend;
        InputStream backendIn;
        OutputStream backendOut;
        final String protocol;

        Session(Socket s, String protocol) throws IOException {
            this.socket = s;
            this.protocol = protocol;
            this.in = new LineInput(s.getInputStream());
            this.out = s.getOutputStream();
        }

        /** Starts TLS on the connection; false when the handshake failed (the connection is then closed). */
        boolean startTls() {
            try {
                SSLSocket t = (SSLSocket) ssl.getSocketFactory().createSocket(socket, null, socket.getPort(), false);
                t.setUseClientMode(false);
                t.setNeedClientAuth(needClientAuth);
                t.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                t.startHandshake();
                open.add(t);
                socket = t;
                in = new LineInput(t.getInputStream());
                out = t.getOutputStream();
                tls = true;
                try {
                    X509Certificate peer = (X509Certificate) t.getSession().getPeerCertificates()[0];
                    certificateName = commonName(peer);
                    certificateMailboxes = mailboxesByCommonName.getOrDefault(certificateName, Set.of());
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    certificateName = "";
                }
                event(protocol + ": TLS established, client certificate CN=" + certificateName);
                return true;
            } catch (IOException e) {
                event(protocol + ": TLS refused: " + e.getMessage());
                return false;
            }
        }

        String readLine() throws IOException {
            return MssOperatorFront.readLine(in);
        }

        void send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void connectBackend(int port) throws IOException {
            backend = new Socket();
            backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            backend.setTcpNoDelay(true);
            backend.setSoTimeout(30_000);
            open.add(backend);
            backendIn = new LineInput(backend.getInputStream());
            backendOut = new BufferedOutputStream(backend.getOutputStream(), 65536);
        }

        void sendBackend(String line) throws IOException {
            backendOut.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            backendOut.flush();
        }

        void closeBackend() {
            if (backend != null) {
                open.remove(backend);
                quiet(backend);
                backend = null;
            }
        }

        /** The mailbox a bearer token stands for when it matches the claimed user, or null. */
        String bearer(String mechanism, String initialResponse) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(initialResponse.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                event(protocol + ": " + mechanism + " not base64");
                return null;
            }
            String user = null;
            String token = null;
            if (mechanism.equals("XOAUTH2")) {
                for (String part : decoded.split("\u0001")) {
                    if (part.startsWith("user=")) {
                        user = part.substring(5);
                    } else if (part.startsWith("auth=Bearer ")) {
                        token = part.substring(12);
                    }
                }
            } else {
                String[] parts = decoded.split("\u0001");
                String gs2 = parts[0];
                for (String g : gs2.split(",")) {
                    if (g.startsWith("a=")) {
                        user = g.substring(2);
                    }
                }
                for (String part : parts) {
                    if (part.startsWith("auth=Bearer ")) {
                        token = part.substring(12);
                    }
                }
                if (!gs2.startsWith("n,") && !gs2.startsWith("y,")) {
                    event(protocol + ": OAUTHBEARER without a GS2 header");
                    return null;
                }
            }
            if (user == null || token == null) {
                event(protocol + ": " + mechanism + " without user or token");
                return null;
            }
            String mailbox = tokens.get(token);
            if (mailbox == null || !mailbox.equalsIgnoreCase(user)) {
                event(protocol + ": " + mechanism + " token refused for " + user);
                return null;
            }
            if (needClientAuth && certificateName.isEmpty()) {
                return null;
            }
            event(protocol + ": " + mechanism + " OK for " + mailbox);
            return mailbox;
        }
    }

    static String readLine(InputStream in) throws IOException {
        if (in instanceof LineInput li) {
            return li.readLine();
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] line = b.toByteArray();
                int len = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
                return new String(line, 0, len, StandardCharsets.UTF_8);
            }
            b.write(c);
            if (b.size() > MAX_LINE) {
                throw new IOException("line too long");
            }
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    /**
     * An unsynchronised buffered input that reads CRLF lines: {@link BufferedInputStream} takes a lock for each
     * byte, which made the line-by-line relay of a message cost more than the TLS and the store together.
     */
    static final class LineInput extends InputStream {
        private final InputStream source;
        private final byte[] buf = new byte[16384];
        private int pos;
        private int end;
        private boolean dot;

        LineInput(InputStream source) {
            this.source = source;
        }

        private boolean fill() throws IOException {
            if (pos < end) {
                return true;
            }
            int n = source.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buf[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, end - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return end - pos > 0 ? end - pos : source.available();
        }

        @Override
        public void close() throws IOException {
            source.close();
        }

        /** A line without its CRLF (or LF), null at the end of the stream; longer than MAX_LINE: an error. */
        String readLine() throws IOException {
            ByteArrayOutputStream b = null;
            while (fill()) {
                int start = pos;
                int i = start;
                while (i < end && buf[i] != '\n') {
                    i++;
                }
                if ((b == null ? 0 : b.size()) + (i - start) > MAX_LINE + 1) {
                    throw new IOException("line too long");
                }
                if (i < end) {
                    pos = i + 1;
                    int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                    if (b == null) {
                        return new String(buf, start, stop - start, StandardCharsets.UTF_8);
                    }
                    b.write(buf, start, i - start);
                    return line(b.toByteArray());
                }
                if (b == null) {
                    b = new ByteArrayOutputStream(256);
                }
                b.write(buf, start, end - start);
                pos = end;
            }
            return b == null || b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
        }

        private static String line(byte[] bytes) {
            int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return new String(bytes, 0, len, StandardCharsets.UTF_8);
        }

        /**
         * Copies one line to {@code out}, ended by CRLF whatever its end was (a bare LF becomes CRLF, as the old
         * relay did), without making a String of it.
         *
         * @return the length of the line without its end, or -1 when the stream ends first
         */
        int copyLine(OutputStream out) throws IOException {
            int length = 0;
            byte first = 0;
            boolean pendingCr = false;
            while (fill()) {
                int start = pos;
                int i = start;
                while (i < end && buf[i] != '\n') {
                    i++;
                }
                boolean found = i < end;
                int stop = found && i > start && buf[i - 1] == '\r' ? i - 1 : i;
                if (pendingCr && !(found && i == start)) {
                    out.write('\r');
                    length++;
                }
                pendingCr = false;
                if (!found && stop > start && buf[stop - 1] == '\r') {
                    stop--;
                    pendingCr = true;
                }
                if (length == 0 && stop > start) {
                    first = buf[start];
                }
                out.write(buf, start, stop - start);
                length += stop - start;
                if (length > MAX_LINE) {
                    throw new IOException("line too long");
                }
                if (found) {
                    pos = i + 1;
                    out.write('\r');
                    out.write('\n');
                    dot = length == 1 && first == '.';
                    return length;
                }
                pos = end;
            }
            return -1;
        }

        boolean lastLineWasDot() {
            return dot;
        }
    }

    private static String commonName(X509Certificate c) {
        try {
            for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }

    private static String address(String arg) {
        int lt = arg.indexOf('<');
        int gt = arg.indexOf('>', lt + 1);
        return lt >= 0 && gt > lt ? arg.substring(lt + 1, gt).trim().toLowerCase(Locale.ROOT) : "";
    }

    /** One SMTP submission connection. */
    private final class SmtpSession extends Session {
        private String user;
        private final String host = "smtp.operateur.mssante.fr";

        SmtpSession(Socket s) throws IOException {
            super(s, "smtp");
        }

        void run() throws IOException {
            if (smtpMode == TlsMode.IMPLICIT && !startTls()) {
                return;
            }
            send("220 " + host + " ESMTP MSSante operator simulator");
            String line;
            while ((line = readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                String verb = upper.contains(" ") ? upper.substring(0, upper.indexOf(' ')) : upper;
                switch (verb) {
                    case "EHLO", "HELO" -> ehlo();
                    case "STARTTLS" -> {
                        if (tls) {
                            send("503 5.5.1 TLS already active");
                        } else if (smtpMode == TlsMode.STARTTLS) {
                            send("220 2.0.0 Ready to start TLS");
                            if (!startTls()) {
                                return;
                            }
                        } else {
                            event("smtp: STARTTLS refused");
                            send("454 4.7.0 TLS not available due to temporary reason");
                        }
                    }
                    case "AUTH" -> auth(line);
                    case "MAIL" -> mail(line);
                    case "RCPT" -> rcpt(line);
                    case "DATA" -> data();
                    case "RSET", "NOOP" -> {
                        if (backend != null) {
                            relay(line);
                        } else {
                            send("250 2.0.0 OK");
                        }
                    }
                    case "QUIT" -> {
                        if (backend != null) {
                            sendBackend("QUIT");
                            readReply();
                            closeBackend();
                        }
                        send("221 2.0.0 Bye");
                        return;
                    }
                    default -> send("502 5.5.2 Command not recognized");
                }
            }
        }

        private void ehlo() throws IOException {
            List<String> caps = new ArrayList<>();
            caps.add(host);
            caps.add("SIZE 52428800");
            caps.add("ENHANCEDSTATUSCODES");
            if (!tls && smtpMode != TlsMode.IMPLICIT) {
                caps.add("STARTTLS");
            }
            if (tls) {
                caps.add("AUTH XOAUTH2 OAUTHBEARER");
            }
            for (int i = 0; i < caps.size(); i++) {
                send("250" + (i == caps.size() - 1 ? " " : "-") + caps.get(i));
            }
        }

        private boolean requireTls() throws IOException {
            if (!tls) {
                send("530 5.7.0 Must issue a STARTTLS command first");
                return false;
            }
            return true;
        }

        private void auth(String line) throws IOException {
            if (!requireTls()) {
                return;
            }
            if (user != null) {
                send("503 5.5.1 Already authenticated");
                return;
            }
            String[] parts = line.split(" ");
            String mechanism = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
            if (!mechanism.equals("XOAUTH2") && !mechanism.equals("OAUTHBEARER")) {
                send("504 5.5.4 Unrecognized authentication type");
                return;
            }
            String ir = parts.length > 2 ? parts[2] : null;
            if (ir == null) {
                send("334 ");
                ir = readLine();
            }
            String mailbox = ir == null ? null : bearer(mechanism, ir);
            if (mailbox == null) {
                send("334 " + Base64.getEncoder().encodeToString(
                        "{\"status\":\"invalid_token\",\"schemes\":\"bearer\"}".getBytes(StandardCharsets.UTF_8)));
                readLine();
                send("535 5.7.8 Authentication credentials invalid");
                return;
            }
            user = mailbox;
            send("235 2.7.0 Authentication successful");
        }

        private void mail(String line) throws IOException {
            if (!requireTls()) {
                return;
            }
            String from = address(line);
            if (user == null) {
                if (certificateMailboxes.contains(from)) {
                    user = from;
                    event("smtp: certificate CN=" + certificateName + " sends as " + from);
                } else {
                    send("530 5.7.0 Authentication required");
                    return;
                }
            }
            if (!from.equals(user)) {
                send("550 5.7.1 Sender address not owned by the authenticated mailbox");
                return;
            }
            if (backend == null) {
                connectBackend(smtpBackendPort);
                readReply();
                sendBackend("EHLO front.local");
                readReply();
            }
            relay("MAIL FROM:<" + from + ">");
        }

        private void rcpt(String line) throws IOException {
            if (backend == null) {
                send("503 5.5.1 MAIL first");
                return;
            }
            String to = address(line);
            String reply = rejected.get(to);
            if (reply != null) {
                event("smtp: recipient " + to + " refused: " + reply);
                send(reply);
                return;
            }
            relay("RCPT TO:<" + to + ">");
        }

        private void data() throws IOException {
            if (backend == null) {
                send("503 5.5.1 MAIL first");
                return;
            }
            sendBackend("DATA");
            String reply = readReply();
            send(reply);
            if (!reply.startsWith("354")) {
                return;
            }
            // the message is relayed line by line as it comes (dot-stuffing kept), and flushed once at its end:
            // one write per line would cost a packet and a wake-up of the store for each of its thousands of lines
            LineInput client = (LineInput) in;
            while (true) {
                int n = client.copyLine(backendOut);
                if (n < 0) {
                    return;
                }
                if (n == 1 && client.lastLineWasDot()) {
                    break;
                }
            }
            backendOut.flush();
            send(readReply());
        }

        private void relay(String command) throws IOException {
            sendBackend(command);
            send(readReply());
        }

        /** Reads a (multi-line) reply from the store, as one string of CRLF-separated lines. */
        private String readReply() throws IOException {
            StringBuilder b = new StringBuilder();
            String l;
            while ((l = MssOperatorFront.readLine(backendIn)) != null) {
                if (b.length() > 0) {
                    b.append("\r\n");
                }
                b.append(l);
                if (l.length() < 4 || l.charAt(3) != '-') {
                    break;
                }
            }
            return b.toString();
        }
    }

    /** One IMAP connection: the front until authentication, a relay after. */
    private final class ImapSession extends Session {

        ImapSession(Socket s) throws IOException {
            super(s, "imap");
        }

        private String capabilities() {
            StringBuilder c = new StringBuilder("IMAP4rev1 SASL-IR LOGINDISABLED");
            if (!tls && imapMode != TlsMode.IMPLICIT) {
                c.append(" STARTTLS");
            }
            if (tls) {
                c.append(" AUTH=EXTERNAL AUTH=XOAUTH2 AUTH=OAUTHBEARER");
            }
            return c.toString();
        }

        void run() throws IOException {
            if (imapMode == TlsMode.IMPLICIT && !startTls()) {
                return;
            }
            send("* OK [CAPABILITY " + capabilities() + "] MSSante operator simulator ready");
            String line;
            while ((line = readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length < 2) {
                    send("* BAD missing command");
                    continue;
                }
                String tag = parts[0];
                String command = parts[1].toUpperCase(Locale.ROOT);
                switch (command) {
                    case "CAPABILITY" -> {
                        send("* CAPABILITY " + capabilities());
                        send(tag + " OK CAPABILITY completed");
                    }
                    case "NOOP" -> send(tag + " OK NOOP completed");
                    case "LOGOUT" -> {
                        send("* BYE logging out");
                        send(tag + " OK LOGOUT completed");
                        return;
                    }
                    case "STARTTLS" -> {
                        if (tls) {
                            send(tag + " BAD TLS already active");
                        } else if (imapMode == TlsMode.STARTTLS) {
                            send(tag + " OK Begin TLS negotiation now");
                            if (!startTls()) {
                                return;
                            }
                        } else {
                            event("imap: STARTTLS refused");
                            send(tag + " NO STARTTLS not available");
                        }
                    }
                    case "LOGIN" -> send(tag + " NO [PRIVACYREQUIRED] LOGIN disabled: use AUTHENTICATE");
                    case "AUTHENTICATE" -> {
                        if (authenticate(tag, parts)) {
                            relayUntilClosed();
                            return;
                        }
                    }
                    default -> send(tag + " BAD command not allowed before authentication");
                }
            }
        }

        private boolean authenticate(String tag, String[] parts) throws IOException {
            if (!tls) {
                send(tag + " NO [PRIVACYREQUIRED] TLS required");
                return false;
            }
            String mechanism = parts.length > 2 ? parts[2].toUpperCase(Locale.ROOT) : "";
            if (!Set.of("EXTERNAL", "XOAUTH2", "OAUTHBEARER").contains(mechanism)) {
                send(tag + " NO unsupported mechanism");
                return false;
            }
            String ir = parts.length > 3 ? parts[3] : null;
            if (ir == null) {
                send("+ ");
                ir = readLine();
            }
            if (ir == null || ir.equals("*")) {
                send(tag + " BAD authentication cancelled");
                return false;
            }
            String mailbox;
            if (mechanism.equals("EXTERNAL")) {
                String authzid = ir.equals("=") ? ""
                        : new String(Base64.getDecoder().decode(ir), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                if (authzid.isEmpty() && certificateMailboxes.size() == 1) {
                    authzid = certificateMailboxes.iterator().next();
                }
                mailbox = certificateMailboxes.contains(authzid) ? authzid : null;
                event("imap: EXTERNAL for " + authzid + " with CN=" + certificateName
                        + (mailbox == null ? " refused" : " OK"));
            } else {
                mailbox = bearer(mechanism, ir);
                if (mailbox == null) {
                    send("+ " + Base64.getEncoder().encodeToString(
                            "{\"status\":\"invalid_token\"}".getBytes(StandardCharsets.UTF_8)));
                    readLine();
                }
            }
            if (mailbox == null || !storePasswords.containsKey(mailbox)) {
                send(tag + " NO [AUTHENTICATIONFAILED] Invalid credentials");
                return false;
            }
            connectBackend(imapBackendPort);
            MssOperatorFront.readLine(backendIn);
            sendBackend("f1 LOGIN \"" + mailbox + "\" \"" + storePasswords.get(mailbox) + "\"");
            String l;
            while ((l = MssOperatorFront.readLine(backendIn)) != null && !l.startsWith("f1 ")) {
                // untagged lines of the store's login
            }
            if (l == null || !l.startsWith("f1 OK")) {
                send(tag + " NO [UNAVAILABLE] mailbox store unavailable");
                closeBackend();
                return false;
            }
            send(tag + " OK AUTHENTICATE completed");
            return true;
        }

        private void relayUntilClosed() {
            Socket client = socket;
            InputStream clientIn = in;
            OutputStream clientOut = out;
            Socket store = backend;
            InputStream storeIn = backendIn;
            OutputStream storeOut = backendOut;
            Thread down = new Thread(() -> pump(storeIn, clientOut, client), "mss-front-imap-down");
            down.setDaemon(true);
            down.start();
            pump(clientIn, storeOut, store);
            try {
                down.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeBackend();
        }

        private void pump(InputStream from, OutputStream to, Socket closeAfter) {
            byte[] buf = new byte[16384];
            try {
                int n;
                while ((n = from.read(buf)) > 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                quiet(closeAfter);
            }
        }
    }

    /** Configures and starts an {@link MssOperatorFront}. */
    public static final class Builder {
        private final TestIdentity server;
        private final List<X509Certificate> anchors;
        private boolean needClientAuth = true;
        private int smtpBackendPort;
        private int imapBackendPort;
        private TlsMode smtpMode = TlsMode.IMPLICIT;
        private TlsMode imapMode = TlsMode.IMPLICIT;
        private final Map<String, String> storePasswords = new HashMap<>();
        private final Map<String, Set<String>> mailboxesByCommonName = new HashMap<>();
        private final Map<String, String> tokens = new HashMap<>();
        private final Map<String, String> rejected = new HashMap<>();

        private Builder(TestIdentity server, Collection<X509Certificate> anchors) {
            this.server = server;
            this.anchors = List.copyOf(anchors);
        }

        /**
         * The plain SMTP store's port on loopback.
         *
         * @param port the port
         * @return this builder
         */
        public Builder smtpBackend(int port) {
            this.smtpBackendPort = port;
            return this;
        }

        /**
         * The plain IMAP store's port on loopback.
         *
         * @param port the port
         * @return this builder
         */
        public Builder imapBackend(int port) {
            this.imapBackendPort = port;
            return this;
        }

        /**
         * How SMTP starts TLS; {@link TlsMode#IMPLICIT} by default.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder smtpMode(TlsMode mode) {
            this.smtpMode = mode;
            return this;
        }

        /**
         * How IMAP starts TLS; {@link TlsMode#IMPLICIT} by default.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder imapMode(TlsMode mode) {
            this.imapMode = mode;
            return this;
        }

        /**
         * Whether a client certificate is required (true by default, as the API LPS does).
         *
         * @param value false to accept connections without one (token-only tests)
         * @return this builder
         */
        public Builder requireClientCertificate(boolean value) {
            this.needClientAuth = value;
            return this;
        }

        /**
         * An application mailbox, opened by the client certificate whose CN is given.
         *
         * @param address the mailbox
         * @param certificateCommonName the CN of the certificate allowed to use it
         * @param storePassword the mailbox's password in the store behind the front
         * @return this builder
         */
        public Builder applicationMailbox(String address, String certificateCommonName, String storePassword) {
            String a = address.toLowerCase(Locale.ROOT);
            storePasswords.put(a, storePassword);
            mailboxesByCommonName.computeIfAbsent(certificateCommonName, k -> new HashSet<>()).add(a);
            return this;
        }

        /**
         * A personal or organisational mailbox, opened by a bearer token (a PSC access token).
         *
         * @param address the mailbox
         * @param token the token the front accepts for it
         * @param storePassword the mailbox's password in the store behind the front
         * @return this builder
         */
        public Builder personalMailbox(String address, String token, String storePassword) {
            String a = address.toLowerCase(Locale.ROOT);
            storePasswords.put(a, storePassword);
            tokens.put(token, a);
            return this;
        }

        /**
         * Refuses a recipient with an SMTP reply.
         *
         * @param address the recipient
         * @param reply the reply, for example {@code "452 4.2.2 Mailbox full"} or {@code "550 5.1.1 User unknown"}
         * @return this builder
         */
        public Builder rejectRecipient(String address, String reply) {
            rejected.put(address.toLowerCase(Locale.ROOT), reply);
            return this;
        }

        SSLContext context() {
            try {
                char[] pw = "front".toCharArray();
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("server", server.privateKey(), pw, server.chain().toArray(X509Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pw);
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (X509Certificate c : anchors) {
                    ts.setCertificateEntry("ca" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                return ctx;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up the front's TLS: " + e.getMessage(), e);
            }
        }

        /**
         * Starts listening on two free loopback ports.
         *
         * @return the running front
         */
        public MssOperatorFront start() {
            if (smtpBackendPort == 0 || imapBackendPort == 0) {
                throw new IllegalStateException("smtpBackend and imapBackend ports are required");
            }
            try {
                return new MssOperatorFront(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen: " + e.getMessage(), e);
            }
        }
    }
}
