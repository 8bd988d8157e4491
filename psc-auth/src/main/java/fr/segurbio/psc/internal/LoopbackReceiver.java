package fr.segurbio.psc.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A one-shot HTTP listener on {@code 127.0.0.1} that receives the browser's redirect at the end of a desktop
 * login (RFC 8252 loopback redirect): the first request on its path is the answer; the listener then closes.
 */
public final class LoopbackReceiver implements AutoCloseable {

    private static final String PAGE = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            + "<title>Pro Santé Connect</title></head><body><p>%s</p><p lang=\"en\">%s</p></body></html>";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String path;
    private final CompletableFuture<URI> answer = new CompletableFuture<>();

    /**
     * Starts listening.
     *
     * @param port the port, 0 for any free one
     * @param path the callback path, such as {@code /callback}
     */
    public LoopbackReceiver(int port, String path) {
        this.path = path;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                    port), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "psc-loopback");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * The redirect URI to register: {@code http://127.0.0.1:PORT/PATH}.
     *
     * @return the address
     */
    public URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /**
     * Waits for the browser.
     *
     * @param timeout how long
     * @return the full callback address, with its query
     * @throws TimeoutException when nothing came in time
     * @throws InterruptedException when interrupted
     */
    public URI await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI requested = exchange.getRequestURI();
            boolean ours = "GET".equals(exchange.getRequestMethod()) && path.equals(requested.getPath())
                    && !answer.isDone();
            String body;
            int status;
            if (ours) {
                String q = requested.getRawQuery();
                boolean error = q != null && (q.startsWith("error=") || q.contains("&error="));
                body = error ? String.format(PAGE, "La connexion a échoué : revenez au logiciel.",
                        "Login failed: go back to the software.")
                        : String.format(PAGE, "Connexion réussie : vous pouvez fermer cette fenêtre.",
                        "Login complete: you may close this window.");
                status = 200;
            } else {
                body = String.format(PAGE, "Page inconnue.", "Unknown page.");
                status = 404;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            if (ours) {
                answer.complete(URI.create(redirectUri() + (requested.getRawQuery() == null ? ""
                        : "?" + requested.getRawQuery())));
            }
        }
    }

    /** Stops listening. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
