package fr.segurbio.testkit.mss;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;

import fr.segurbio.testkit.TestIdentity;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * The front of an MSSanté operator's "API LPS", on loopback, in front of a mail store (GreenMail in the SDK's
 * tests): it terminates TLS itself, implicit or by STARTTLS, <b>requires a client certificate</b> issued by the
 * given CAs (a connection without one, or with one from another CA, is cut during the handshake), authenticates
 * the mailbox (the certificate of an application mailbox through SASL EXTERNAL on IMAP and the envelope sender on
 * SMTP, or a bearer token through SASL XOAUTH2 / OAUTHBEARER). On SMTP it is the submission server itself: the
 * sender must be the authenticated mailbox, the size is limited ({@code SIZE}, {@code 552 5.3.4}), and an
 * accepted message is filed once into the store through GreenMail's delivery (every recipient's inbox, with
 * {@code Return-Path} and {@code Received}), or relayed to a plain SMTP server given as
 * {@link Builder#smtpBackend(int)}. On IMAP it logs into the store with the mailbox's own credentials and
 * relays. It can refuse STARTTLS and refuse given recipients with a given SMTP reply, to test partial delivery.
 *
 * <pre>{@code
 * GreenMail greenMail = new GreenMail(ServerSetupTest.IMAP);   // the store; its IMAP is relayed
 * greenMail.start();
 * greenMail.setUser("labo@labo.mssante.fr", "labo@labo.mssante.fr", "store-password");
 * try (MssOperatorFront front = MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
 *         .store(greenMail)
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
    /** Recipients of one message, as many operators allow. */
    static final int MAX_RECIPIENTS = 100;
    /** How long a relayed IMAP connection may stay silent. */
    static final int IMAP_AUTOLOGOUT_MS = 30 * 60 * 1000;
    /** The size limit advertised and enforced by default: 50 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 50L << 20;
    private static final Session MIME = mimeSession();

    static {
        // Jakarta Mail looks its stream provider up by a ServiceLoader for every MIME part it creates, parses or
        // writes unless this property names it: a sixth of the CPU of filing a report's message into the store.
        // Set only when nobody chose one and Angus (the implementation the store runs on) is there.
        String property = "jakarta.mail.util.StreamProvider";
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) == null) {
            try {
                Class.forName(angus, false, MssOperatorFront.class.getClassLoader());
                System.setProperty(property, angus);
            } catch (ClassNotFoundException | LinkageError e) {
                // another implementation: it is looked up the standard way
            }
        }
    }
    private static final DateTimeFormatter RFC_5322_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final SSLContext ssl;
    private final boolean needClientAuth;
    private final GreenMail store;
    private final long maxMessageSize;
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
    /**
     * Where the front's IMAP connections to the store's own IMAP (GreenMail's) are made, or {@code null} with an
     * {@link Builder#imapBackend(int) imapBackend} port: the front serves each one with GreenMail's IMAP handler on
     * the accepted socket, with Nagle's algorithm off.
     */
    private final ServerSocket storeListener;
    private final ExecutorService executor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicLong smtpConnections = new AtomicLong();
    private final AtomicLong imapConnections = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean closed;

    private MssOperatorFront(Builder b) throws IOException {
        this.ssl = b.context();
        this.needClientAuth = b.needClientAuth;
        this.store = b.store;
        this.maxMessageSize = b.maxMessageSize;
        this.smtpBackendPort = b.smtpBackendPort;
        this.imapBackendPort = b.imapBackendPort != 0 ? b.imapBackendPort : b.store.getImap().getPort();
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
        this.storeListener = b.imapBackendPort == 0 ? new ServerSocket(0, 50, loopback) : null;
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

    /**
     * Cuts every open connection, clients' and store's, as an operator restarting or timing idle sessions out does;
     * the front goes on accepting new ones. Clients that keep connections open between messages must notice.
     */
    public void dropConnections() {
        for (Socket s : open) {
            quiet(s);
        }
        event("all connections dropped");
    }

    @Override
    public void close() {
        closed = true;
        quiet(smtpListener);
        quiet(imapListener);
        quiet(storeListener);
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

    private static Session mimeSession() {
        Properties p = new Properties();
        p.setProperty("mail.mime.allowutf8", "true");
        return Session.getInstance(p);
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
    private abstract class Connection {
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

        Connection(Socket s, String protocol) throws IOException {
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

        /**
         * Connects to the store's IMAP. GreenMail's IMAP server writes each line of an answer with its own flush on
         * a socket that keeps Nagle's algorithm on: the second line of an answer waited for the acknowledgement of
         * the first, which the front delays (up to 40 ms on Linux), several times per session. So the connection
         * is made to the front's own loopback listener and its accepted end is served by GreenMail's IMAP handler
         * (the same store, commands and answers) with {@code TCP_NODELAY} on.
         */
        void connectStore() throws IOException {
            if (storeListener == null) {
                connectBackend(imapBackendPort);
                return;
            }
            Socket served;
            synchronized (storeListener) {   // the accepted end is this connection's
                connectBackend(storeListener.getLocalPort());
                served = storeListener.accept();
            }
            served.setTcpNoDelay(true);
            served.setSoTimeout(IMAP_AUTOLOGOUT_MS);
            open.add(served);
            com.icegreen.greenmail.Managers m = store.getManagers();
            com.icegreen.greenmail.imap.ImapHandler handler = new com.icegreen.greenmail.imap.ImapHandler(
                    m.getUserManager(), m.getImapHostManager(), served);
            executor.execute(() -> {
                try {
                    handler.run();
                } finally {
                    open.remove(served);
                    quiet(served);
                }
            });
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
        private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
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
                int i = indexOfLf(buf, start, end);
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
                if (found && stop < i) {
                    // the line's own CRLF is in the buffer: copied with it, one write a line
                    out.write(buf, start, i + 1 - start);
                } else {
                    out.write(buf, start, stop - start);
                    if (found) {
                        out.write('\r');
                        out.write('\n');
                    }
                }
                length += stop - start;
                if (length > MAX_LINE) {
                    throw new IOException("line too long");
                }
                if (found) {
                    pos = i + 1;
                    dot = length == 1 && first == '.';
                    return length;
                }
                pos = end;
            }
            return -1;
        }

        /**
         * The index of the first LF in {@code b[from, to)}, or {@code to}: eight bytes at a time (a message is read
         * line by line, and finding the ends of its lines, a byte at a time, was half the CPU of reading it).
         */
        static int indexOfLf(byte[] b, int from, int to) {
            int i = from;
            for (; i <= to - 8; i += 8) {
                long w = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
                // a byte of w is zero where b has an LF; the lowest such byte is flagged exactly
                long zero = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
                if (zero != 0) {
                    return i + (Long.numberOfTrailingZeros(zero) >>> 3);
                }
            }
            while (i < to && b[i] != '\n') {
                i++;
            }
            return i;
        }

        boolean lastLineWasDot() {
            return dot;
        }

        /**
         * Reads the text of a DATA command up to its lone dot line (which is not kept), dot-unstuffed, every line
         * ended by CRLF. Once {@code max} bytes are in {@code out} the rest is read and dropped.
         *
         * @return true when the whole text fit in {@code max} bytes
         * @throws EOFException when the stream ends before the dot line
         */
        boolean readData(MessageBuffer out, long max) throws IOException {
            OutputStream sink = out;
            boolean fits = true;
            while (true) {
                int start = out.size();
                int n = copyLine(sink);
                if (n < 0) {
                    throw new EOFException("connection closed during DATA");
                }
                if (n == 1 && dot) {
                    if (fits) {
                        out.truncate(start);
                    }
                    return fits;
                }
                if (fits) {
                    if (n > 1 && out.byteAt(start) == '.') {
                        out.removeAt(start);
                    }
                    if (out.size() > max) {
                        fits = false;
                        out.truncate(0);
                        sink = OutputStream.nullOutputStream();
                    }
                }
            }
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

    /**
     * One SMTP submission connection. The front is the submission server itself: it checks the sender against
     * the authenticated mailbox, the recipients against the refusals configured, the size against its limit,
     * then files an accepted message once into the store (through GreenMail's own delivery, which fills each
     * recipient's inbox), with the {@code Return-Path} and {@code Received} headers an MTA adds.
     */
    private final class SmtpSession extends Connection {
        private String user;
        private String helo = "";
        private String from;
        private final List<String> recipients = new ArrayList<>();
        /** The size of the session's previous message: the next one's buffer starts there, not at 64 KiB. */
        private int lastSize = 65536;
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
                    case "EHLO", "HELO" -> ehlo(line);
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
                    case "RSET" -> {
                        reset();
                        if (backend != null) {
                            relay("RSET");
                        } else {
                            send("250 2.0.0 OK");
                        }
                    }
                    case "NOOP" -> {
                        if (backend != null) {
                            relay("NOOP");
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

        private void reset() {
            from = null;
            recipients.clear();
        }

        private void ehlo(String line) throws IOException {
            reset();
            int space = line.indexOf(' ');
            helo = space < 0 ? "" : line.substring(space + 1).trim().replaceAll("[\\r\\n()]", "");
            List<String> caps = new ArrayList<>();
            caps.add(host);
            caps.add("SIZE " + maxMessageSize);
            caps.add("8BITMIME");
            caps.add("ENHANCEDSTATUSCODES");
            if (!tls && smtpMode != TlsMode.IMPLICIT) {
                caps.add("STARTTLS");
            }
            if (tls) {
                caps.add("AUTH XOAUTH2 OAUTHBEARER");
            }
            StringBuilder reply = new StringBuilder();
            for (int i = 0; i < caps.size(); i++) {
                reply.append("250").append(i == caps.size() - 1 ? " " : "-").append(caps.get(i)).append("\r\n");
            }
            out.write(reply.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
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
            if (from != null) {
                send("503 5.5.1 Sender already specified");
                return;
            }
            String sender = address(line);
            if (user == null) {
                if (certificateMailboxes.contains(sender)) {
                    user = sender;
                    event("smtp: certificate CN=" + certificateName + " sends as " + sender);
                } else {
                    send("530 5.7.0 Authentication required");
                    return;
                }
            }
            if (!sender.equals(user)) {
                send("550 5.7.1 Sender address not owned by the authenticated mailbox");
                return;
            }
            long declared = declaredSize(line);
            if (declared < 0) {
                send("501 5.5.4 Syntax error in SIZE parameter");
                return;
            }
            if (declared > maxMessageSize) {
                event("smtp: declared size " + declared + " refused");
                send("552 5.3.4 Message size exceeds fixed maximum message size");
                return;
            }
            if (smtpBackendPort != 0) {
                if (backend == null) {
                    connectBackend(smtpBackendPort);
                    readReply();
                    sendBackend("EHLO front.local");
                    readReply();
                }
                sendBackend("MAIL FROM:<" + sender + ">");
                String reply = readReply();
                send(reply);
                if (reply.startsWith("2")) {
                    from = sender;
                }
                return;
            }
            from = sender;
            send("250 2.1.0 Sender OK");
        }

        private void rcpt(String line) throws IOException {
            if (from == null) {
                send("503 5.5.1 MAIL first");
                return;
            }
            String to = address(line);
            if (to.isEmpty() || to.indexOf('@') <= 0) {
                send("501 5.1.3 Bad recipient address syntax");
                return;
            }
            String reply = rejected.get(to);
            if (reply != null) {
                event("smtp: recipient " + to + " refused: " + reply);
                send(reply);
                return;
            }
            if (recipients.size() >= MAX_RECIPIENTS) {
                send("452 4.5.3 Too many recipients");
                return;
            }
            if (backend != null) {
                sendBackend("RCPT TO:<" + to + ">");
                String accepted = readReply();
                send(accepted);
                if (accepted.startsWith("2")) {
                    recipients.add(to);
                }
                return;
            }
            recipients.add(to);
            send("250 2.1.5 Recipient OK");
        }

        private void data() throws IOException {
            if (from == null) {
                send("503 5.5.1 MAIL first");
                return;
            }
            if (recipients.isEmpty()) {
                send("554 5.5.1 No valid recipients");
                return;
            }
            if (backend != null) {
                try {
                    relayData();
                } finally {
                    reset();
                }
                return;
            }
            send("354 Start mail input; end with <CRLF>.<CRLF>");
            MessageBuffer message = new MessageBuffer(lastSize + 8192);
            String trace = "Return-Path: <" + from + ">\r\nReceived: from " + socket.getInetAddress().getHostAddress()
                    + " (HELO " + helo + ") by " + host + " with ESMTPS; "
                    + RFC_5322_DATE.format(ZonedDateTime.now()) + "\r\n";
            message.write(trace.getBytes(StandardCharsets.UTF_8));
            boolean fits = ((LineInput) in).readData(message, maxMessageSize + message.size());
            lastSize = (int) Math.min(message.size(), 1 << 24);
            try {
                if (!fits) {
                    event("smtp: message from " + from + " over " + maxMessageSize + " bytes refused");
                    send("552 5.3.4 Message size exceeds fixed maximum message size");
                    return;
                }
                String id = file(message);
                event("smtp: message from " + from + " to " + recipients.size() + " recipient(s) filed");
                send("250 2.0.0 OK queued as " + id);
            } catch (RuntimeException | MessagingException e) {
                event("smtp: message from " + from + " not filed: " + e);
                send("451 4.3.0 Mail server temporarily rejected message");
            } finally {
                reset();
            }
        }

        /**
         * Relays the text to the SMTP server behind as it comes, line by line (dot-stuffing kept), flushed once
         * at its end: one write per line would cost a packet and a wake-up of the server for each line.
         */
        private void relayData() throws IOException {
            sendBackend("DATA");
            String reply = readReply();
            send(reply);
            if (!reply.startsWith("354")) {
                return;
            }
            LineInput client = (LineInput) in;
            while (true) {
                int n = client.copyLine(backendOut);
                if (n < 0) {
                    throw new EOFException("connection closed during DATA");
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

        /** Reads a (multi-line) reply from the server behind, as one string of CRLF-separated lines. */
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

        /** Files the message once: GreenMail's SMTP manager delivers it to every recipient's inbox. */
        private String file(MessageBuffer message) throws MessagingException {
            SmtpState state = new SmtpState();
            MovingMessage moving = state.getMessage();
            moving.setReturnPath(new com.icegreen.greenmail.mail.MailAddress(from));
            for (String r : recipients) {
                moving.addRecipient(new com.icegreen.greenmail.mail.MailAddress(r));
            }
            moving.setMimeMessage(new MimeMessage(MIME, new SharedByteArrayInputStream(message.array(), 0,
                    message.size())));
            store.getManagers().getSmtpManager().send(state);
            return Long.toHexString(queued.incrementAndGet());
        }
    }

    /** The value of a {@code SIZE=} parameter of MAIL FROM, 0 without one, -1 when it is not a number. */
    static long declaredSize(String mailFrom) {
        int gt = mailFrom.indexOf('>');
        for (String p : mailFrom.substring(gt + 1).trim().split(" +")) {
            if (p.regionMatches(true, 0, "SIZE=", 0, 5)) {
                try {
                    long v = Long.parseLong(p.substring(5));
                    return v < 0 ? -1 : v;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return 0;
    }

    /**
     * A growable buffer whose array is lent to the parser without a copy, and whose lines can be unstuffed. Used by
     * one session's thread only: its writes skip {@link ByteArrayOutputStream}'s lock (taken for every line of a
     * message otherwise).
     */
    static final class MessageBuffer extends ByteArrayOutputStream {

        MessageBuffer(int size) {
            super(size);
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                grow(count + 1);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len > buf.length - count) {
                grow(count + len);
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        @Override
        public int size() {
            return count;
        }

        private void grow(int minimum) {
            if (minimum < 0) {
                throw new OutOfMemoryError("message buffer over 2 GiB");
            }
            int doubled = buf.length > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE - 8 : Math.max(buf.length * 2, 64);
            buf = java.util.Arrays.copyOf(buf, Math.max(minimum, doubled));
        }

        byte[] array() {
            return buf;
        }

        byte byteAt(int index) {
            return buf[index];
        }

        /** Removes the byte at {@code index}, the stuffed dot of a line. */
        void removeAt(int index) {
            System.arraycopy(buf, index + 1, buf, index, count - index - 1);
            count--;
        }

        void truncate(int size) {
            count = size;
        }
    }

    /** One IMAP connection: the front until authentication, a relay after. */
    private final class ImapSession extends Connection {

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
            connectStore();
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
            // once relayed, a connection may wait for as long as IMAP allows (RFC 9051 autologout: 30 minutes):
            // a client waiting on a long search, or idling, must not be cut after the 30 s of the login phase
            try {
                socket.setSoTimeout(IMAP_AUTOLOGOUT_MS);
                backend.setSoTimeout(IMAP_AUTOLOGOUT_MS);
            } catch (IOException e) {
                closeBackend();
                return;
            }
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
        private GreenMail store;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
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
         * The store behind the front: accepted messages are filed into it through its own delivery (once per
         * message, whatever the number of recipients), and IMAP is relayed to its IMAP server, which must be
         * started.
         *
         * @param greenMail the store, started, with IMAP
         * @return this builder
         */
        public Builder store(GreenMail greenMail) {
            this.store = greenMail;
            return this;
        }

        /**
         * Relays SMTP to a plain SMTP server on loopback instead of filing messages through the store's API: a
         * store of another kind, or a proxy that injects faults in front of the store. The server's replies to
         * MAIL, RCPT and DATA are passed on; the front's own checks come first.
         *
         * @param port the port
         * @return this builder
         */
        public Builder smtpBackend(int port) {
            this.smtpBackendPort = port;
            return this;
        }

        /**
         * Relays IMAP to a plain IMAP server on loopback other than the store's.
         *
         * @param port the port
         * @return this builder
         */
        public Builder imapBackend(int port) {
            this.imapBackendPort = port;
            return this;
        }

        /**
         * The largest message accepted, advertised by EHLO's {@code SIZE} and enforced on {@code MAIL FROM
         * SIZE=} and on the text received ({@code 552 5.3.4}); {@link #DEFAULT_MAX_MESSAGE_SIZE} by default.
         *
         * @param bytes the limit, positive
         * @return this builder
         */
        public Builder maxMessageSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxMessageSize must be positive: " + bytes);
            }
            this.maxMessageSize = bytes;
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
            if (store == null && (smtpBackendPort == 0 || imapBackendPort == 0)) {
                throw new IllegalStateException("a store, or smtpBackend and imapBackend ports, are required");
            }
            if (store != null && imapBackendPort == 0 && store.getImap() == null) {
                throw new IllegalStateException("the store's IMAP server is not started");
            }
            try {
                return new MssOperatorFront(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen: " + e.getMessage(), e);
            }
        }
    }
}
