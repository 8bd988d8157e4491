package fr.segurbio.psc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plays the browser: follows the redirects of the authorization endpoint by HTTP, as a browser would. */
final class Browser {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Browser() {
    }

    /** Follows redirects from {@code start}; returns the last address reached (its answer was not a redirect). */
    static URI follow(URI start) {
        URI at = start;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r;
            try {
                r = HTTP.send(HttpRequest.newBuilder(at).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (r.statusCode() / 100 != 3) {
                return at;
            }
            at = at.resolve(r.headers().firstValue("Location").orElseThrow());
        }
        throw new IllegalStateException("too many redirects from " + start);
    }

    /** The redirect target of one GET, without following it. */
    static URI redirectOf(URI start) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(start).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return start.resolve(r.headers().firstValue("Location").orElseThrow(
                    () -> new IllegalStateException("no redirect: HTTP " + r.statusCode() + " " + r.body())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
