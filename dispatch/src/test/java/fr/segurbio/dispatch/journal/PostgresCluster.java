package fr.segurbio.dispatch.journal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL cluster on loopback, installed from Debian's packages when missing and started by
 * {@code src/test/scripts/postgres-cluster.sh}; CI runs as root and gets it. Only a machine without root or
 * apt-get skips the tests that need it, saying so.
 */
final class PostgresCluster implements AutoCloseable {

    private final Path dir;
    private final int port;

    private PostgresCluster(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static PostgresCluster start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("segur-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path script = Path.of("src/test/scripts/postgres-cluster.sh").toAbsolutePath();
        Process p = new ProcessBuilder("sh", script.toString(), "start", dir.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("PostgreSQL did not start within 300 s");
        }
        Assumptions.assumeTrue(p.exitValue() != 3, "PostgreSQL not available on this machine, skipped: " + out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("postgres-cluster.sh failed (" + p.exitValue() + "): " + out);
        }
        return new PostgresCluster(dir, port);
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Path script = Path.of("src/test/scripts/postgres-cluster.sh").toAbsolutePath();
        Process p = new ProcessBuilder("sh", script.toString(), "stop", dir.toString()).redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
    }
}
