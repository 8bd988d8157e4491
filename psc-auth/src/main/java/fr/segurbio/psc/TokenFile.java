package fr.segurbio.psc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Keeps a session's tokens in a file readable only by its owner (POSIX {@code rw-------}; elsewhere the file is
 * made unreadable by others), for a command-line tool that runs once per step. By default the SDK keeps tokens
 * in memory only; use a file only when asked.
 *
 * <pre>{@code
 * TokenFile.save(Path.of(System.getProperty("user.home"), ".segur", "psc-tokens.json"), login.tokens());
 * PscTokens t = TokenFile.load(path);
 * }</pre>
 */
public final class TokenFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private TokenFile() {
    }

    /**
     * Writes the tokens (atomically, owner-only).
     *
     * @param file the file
     * @param tokens the tokens
     * @throws PscException {@link PscError#TOKEN_FILE_ERROR}
     */
    public static void save(Path file, PscTokens tokens) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", tokens.accessToken());
        tokens.refreshToken().ifPresent(v -> m.put("refresh_token", v));
        tokens.idToken().ifPresent(v -> m.put("id_token", v));
        tokens.scope().ifPresent(v -> m.put("scope", v));
        m.put("expires_at", tokens.expiresAt().getEpochSecond());
        tokens.refreshExpiresAt().ifPresent(v -> m.put("refresh_expires_at", v.getEpochSecond()));
        byte[] json = JSONObjectUtils.toJSONString(m).getBytes(StandardCharsets.UTF_8);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp;
            boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
            if (posix) {
                tmp = Files.createTempFile(dir, ".psc-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                tmp = Files.createTempFile(dir, ".psc-", ".tmp");
                java.io.File f = tmp.toFile();
                boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                        & f.setWritable(false, false) & f.setWritable(true, true);
                if (!ok) {
                    Files.deleteIfExists(tmp);
                    throw new PscException(PscError.TOKEN_FILE_ERROR, file, "cannot restrict the file to its owner");
                }
            }
            Files.write(tmp, json);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new PscException(e, PscError.TOKEN_FILE_ERROR, file, e.getMessage());
        }
    }

    /**
     * Reads the tokens; refuses a file that others may read (POSIX).
     *
     * @param file the file
     * @return the tokens
     * @throws PscException {@link PscError#TOKEN_FILE_ERROR}
     */
    public static PscTokens load(Path file) {
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> p = posix.readAttributes().permissions();
                if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new PscException(PscError.TOKEN_FILE_ERROR, file,
                            "readable by others (" + PosixFilePermissions.toString(p) + "): refused, log in again");
                }
            }
            Map<String, Object> m = JSONObjectUtils.parse(Files.readString(file, StandardCharsets.UTF_8));
            Object at = m.get("access_token");
            Object exp = m.get("expires_at");
            if (!(at instanceof String) || !(exp instanceof Number)) {
                throw new PscException(PscError.TOKEN_FILE_ERROR, file, "access_token or expires_at missing");
            }
            return new PscTokens((String) at, str(m, "refresh_token"), str(m, "id_token"), str(m, "scope"),
                    Instant.ofEpochSecond(((Number) exp).longValue()),
                    m.get("refresh_expires_at") instanceof Number
                            ? Optional.of(Instant.ofEpochSecond(((Number) m.get("refresh_expires_at")).longValue()))
                            : Optional.empty());
        } catch (IOException | java.text.ParseException e) {
            throw new PscException(e, PscError.TOKEN_FILE_ERROR, file, e.getMessage());
        }
    }

    /**
     * Deletes the file if present.
     *
     * @param file the file
     */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new PscException(e, PscError.TOKEN_FILE_ERROR, file, e.getMessage());
        }
    }

    private static Optional<String> str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof String ? Optional.of((String) v) : Optional.empty();
    }
}
