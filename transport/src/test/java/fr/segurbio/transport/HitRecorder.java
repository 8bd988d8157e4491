package fr.segurbio.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain HTTP listener on 127.0.0.1 that counts the connections it gets: proves that nothing was fetched. */
final class HitRecorder implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger hits = new AtomicInteger();
    private final Thread thread;

    HitRecorder() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "hit-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                hits.incrementAndGet();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                if (n < 0) {
                    continue;
                }
                byte[] body = "<!ENTITY x 'fetched'>".getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length
                        + "\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    int hits() {
        return hits.get();
    }

    /** Fetches from the recorder once, so that a count that does not move afterwards means something. */
    void selfCheck() throws IOException {
        try (InputStream in = uri("/self-check").toURL().openStream()) {
            in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
