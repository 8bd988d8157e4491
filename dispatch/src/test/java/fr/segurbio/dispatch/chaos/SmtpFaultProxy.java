package fr.segurbio.dispatch.chaos;

import java.io.BufferedInputStream;
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
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A plain SMTP relay on loopback between testkit's MSSanté operator front and the mail store (GreenMail) that
 * injects faults, seeded: a temporary refusal of {@code MAIL FROM} or of {@code DATA} (the client sees the front
 * answer 4xx; nothing is stored), and the answer lost after the store accepted the message (the message is stored;
 * the relay holds the answer longer than the client waits, then drops the connection). With every rate at 0 it
 * relays faithfully.
 *
 * <p>It can also play an operator that files every accepted message in its sender's sent folder, in the same step
 * as the acceptance (the operator's acceptance record that a client searches by Message-ID after a lost answer).
 */
public final class SmtpFaultProxy implements Closeable {

    private final int backendPort;
    private final ServerSocket listener;
    private final ExecutorService executor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final SplittableRandom random;
    private volatile double mailRefusal;
    private volatile double dataRefusal;
    private volatile double dropAfterCommit;
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    private volatile boolean closed;
    private volatile BiConsumer<String, byte[]> filer = (from, message) -> { };
    private volatile long holdMillis = 3_000;

    /**
     * Starts relaying to a store.
     *
     * @param backendPort the store's plain SMTP port on loopback
     * @param seed the faults' seed
     * @throws IOException when it cannot listen
     */
    public SmtpFaultProxy(int backendPort, long seed) throws IOException {
        this.backendPort = backendPort;
        this.random = new SplittableRandom(seed);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smtp-fault-proxy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.execute(this::accept);
    }

    /**
     * Sets the fault rates, each from 0 to 1.
     *
     * @param mail {@code 451} to {@code MAIL FROM}
     * @param data {@code 452} to {@code DATA}
     * @param drop the connection dropped after the store answered 250 to the message
     */
    public void faults(double mail, double data, double drop) {
        this.mailRefusal = mail;
        this.dataRefusal = data;
        this.dropAfterCommit = drop;
    }

    /**
     * Files every message the store accepted, before the answer goes back (or is lost).
     *
     * @param value given the envelope sender and the message as stored
     */
    public void filer(BiConsumer<String, byte[]> value) {
        this.filer = value;
    }

    /**
     * How long a lost answer is held before the connection is dropped (default 3 s): longer than the client's
     * read timeout, so that the client gives up first, as when an answer is lost on the network.
     *
     * @param millis the delay
     */
    public void hold(long millis) {
        this.holdMillis = millis;
    }

    /**
     * The port the front relays to.
     *
     * @return the port
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * How many commands were refused with a 4xx.
     *
     * @return the count
     */
    public int refusals() {
        return refusals.get();
    }

    /**
     * How many connections were dropped after the message was stored.
     *
     * @return the count
     */
    public int drops() {
        return drops.get();
    }

    private synchronized boolean draw(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            open.add(client);
            executor.execute(() -> {
                try (Socket backend = new Socket()) {
                    open.add(backend);
                    backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), 5000);
                    relay(client, backend);
                } catch (IOException e) {
                    // the connection ended (a fault, or the peer closed it)
                } finally {
                    open.remove(client);
                    quiet(client);
                }
            });
        }
    }

    private void relay(Socket client, Socket backend) throws IOException {
        InputStream cin = new BufferedInputStream(client.getInputStream());
        OutputStream cout = client.getOutputStream();
        InputStream bin = new BufferedInputStream(backend.getInputStream());
        OutputStream bout = backend.getOutputStream();
        write(cout, reply(bin));
        String line;
        String from = "";
        while ((line = readLine(cin)) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            if (verb.equals("MAIL")) {
                int lt = line.indexOf('<');
                int gt = line.indexOf('>', lt + 1);
                from = lt >= 0 && gt > lt ? line.substring(lt + 1, gt).toLowerCase(Locale.ROOT) : "";
            }
            if (verb.equals("MAIL") && draw(mailRefusal)) {
                refusals.incrementAndGet();
                write(cout, "451 4.3.0 Temporary local problem, try again later (injected)");
                continue;
            }
            if (verb.equals("DATA") && draw(dataRefusal)) {
                refusals.incrementAndGet();
                write(cout, "452 4.3.1 Insufficient system storage (injected)");
                continue;
            }
            write(bout, line);
            String answer = reply(bin);
            if (answer == null) {
                return;
            }
            if (verb.equals("DATA") && answer.startsWith("354")) {
                write(cout, answer);
                ByteArrayOutputStream message = new ByteArrayOutputStream(16_384);
                while ((line = readLine(cin)) != null) {
                    write(bout, line);
                    if (line.equals(".")) {
                        break;
                    }
                    message.write((line.startsWith(".") ? line.substring(1) : line)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    message.write('\r');
                    message.write('\n');
                }
                answer = reply(bin);
                if (answer != null && answer.startsWith("250")) {
                    filer.accept(from, message.toByteArray());
                    if (draw(dropAfterCommit)) {
                        drops.incrementAndGet();
                        try {
                            Thread.sleep(holdMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return;
                    }
                }
            }
            if (answer == null) {
                return;
            }
            write(cout, answer);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        if (text != null) {
            out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** A (multi-line) reply, lines joined by CRLF, or null at the end of the stream. */
    private static String reply(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        String l;
        while ((l = readLine(in)) != null) {
            if (b.length() > 0) {
                b.append("\r\n");
            }
            b.append(l);
            if (l.length() < 4 || l.charAt(3) != '-') {
                return b.toString();
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] line = b.toByteArray();
                int len = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
                return new String(line, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void quiet(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        quiet(listener);
        for (Socket s : open) {
            quiet(s);
        }
        executor.shutdownNow();
    }
}
