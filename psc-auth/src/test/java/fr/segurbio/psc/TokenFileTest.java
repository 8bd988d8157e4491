package fr.segurbio.psc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    final PscTokens tokens = new PscTokens("at-1", Optional.of("rt-1"), Optional.of("id.to.ken"),
            Optional.of("openid scope_all"), Instant.ofEpochSecond(1_800_000_000L),
            Optional.of(Instant.ofEpochSecond(1_800_003_600L)));

    @Test
    void savedReadableOnlyByTheOwnerAndReadBack() throws Exception {
        Path f = dir.resolve("psc").resolve("tokens.json");
        TokenFile.save(f, tokens);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(TokenFile.load(f)).isEqualTo(tokens);
        assertThat(tokens.toString()).doesNotContain("at-1", "rt-1");
    }

    @Test
    void fileReadableByOthersRefused() throws Exception {
        Path f = dir.resolve("tokens.json");
        TokenFile.save(f, tokens);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> TokenFile.load(f)).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.TOKEN_FILE_ERROR));
    }

    @Test
    void damagedFileRefused() throws Exception {
        Path f = dir.resolve("tokens.json");
        Files.writeString(f, "{\"scope\":\"x\"}");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> TokenFile.load(f)).isInstanceOfSatisfying(PscException.class,
                e -> assertThat(e.code()).isEqualTo(PscError.TOKEN_FILE_ERROR));
    }
}
