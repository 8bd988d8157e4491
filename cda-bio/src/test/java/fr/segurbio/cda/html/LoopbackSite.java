package fr.segurbio.cda.html;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal static web server on 127.0.0.1 serving the files of one folder (GET only, HTTP/1.0, one request per
 * connection): what a lab's web server does for its published documents and stylesheet. Written on plain sockets
 * because the test runs patched into the {@code fr.segurbio.cda} module, which does not read
 * {@code jdk.httpserver}.
 */
final class LoopbackSite implements AutoCloseable {

    private final Path root;
    private final ServerSocket socket;
    private final Thread acceptor;

    LoopbackSite(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "loopback-site");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String fileName) {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/" + fileName;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                s.setSoTimeout(10_000);
                answer(s);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a broken connection: serve the next one
            }
        }
    }

    private void answer(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        String request = in.readLine();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            // headers are not needed
        }
        OutputStream out = s.getOutputStream();
        String[] parts = request == null ? new String[0] : request.split(" ");
        if (parts.length < 2 || !"GET".equals(parts[0])) {
            out.write("HTTP/1.0 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        String path = parts[1].split("\\?")[0];
        Path file = root.resolve(path.substring(path.lastIndexOf('/') + 1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            out.write("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] body = Files.readAllBytes(file);
        String fileName = file.getFileName().toString();
        String type = fileName.endsWith(".xsl") ? "text/xsl" : fileName.endsWith(".html") ? "text/html" : "application/xml";
        out.write(("HTTP/1.0 200 OK\r\nContent-Type: " + type + "; charset=UTF-8\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
