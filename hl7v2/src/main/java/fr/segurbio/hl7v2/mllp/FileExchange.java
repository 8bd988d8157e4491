package fr.segurbio.hl7v2.mllp;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The files-on-disk exchange some platforms use instead of MLLP: messages written to an outbox directory
 * (atomically: a temporary name, then a rename, so the platform never reads half a file), messages read from an
 * inbox directory in name order, each moved to {@code done/} once handled, or to {@code error/} with a
 * {@code .problems.txt} beside it when it cannot be read or the handler fails. Replies, when the handler gives
 * one, go to the outbox.
 *
 * <pre>{@code
 * FileExchange files = FileExchange.of(Path.of("/data/pfi/in"), Path.of("/data/pfi/out"));
 * files.send(oru);                                      // /data/pfi/out/015.hl7
 * files.poll(MessageHandler.identityFeed(reader, repository::apply));
 * }</pre>
 */
public final class FileExchange {

    /**
     * What happened to one inbox file.
     *
     * @param file the file as found in the inbox (since moved to {@code done/} or {@code error/})
     * @param message the message, when it could be read
     * @param reply the handler's reply, written to the outbox
     * @param problems the parser's notes, or why the file went to {@code error/}
     */
    public record Received(Path file, Optional<Hl7Message> message, Optional<Hl7Message> reply,
            ValidationResult problems) {
    }

    private final Path inbox;
    private final Path outbox;
    private final Er7Parser parser;

    private FileExchange(Path inbox, Path outbox, Er7Parser parser) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * An exchange over two directories (created when missing), with the default parser.
     *
     * @param inbox where the platform drops messages for the lab
     * @param outbox where the lab drops messages for the platform
     * @return the exchange
     */
    public static FileExchange of(Path inbox, Path outbox) {
        return new FileExchange(inbox, outbox, Er7Parser.create());
    }

    /**
     * The same exchange with another parser (size limit).
     *
     * @param value the parser
     * @return a new exchange
     */
    public FileExchange withParser(Er7Parser value) {
        return new FileExchange(inbox, outbox, value);
    }

    /**
     * Writes a message to the outbox as {@code <MSH-10>.hl7}, in its MSH-18 character set.
     *
     * @param message the message
     * @return the file written
     * @throws Hl7Exception {@code HL7-408} when the file cannot be written
     */
    public Path send(Hl7Message message) {
        String name = message.controlId().replaceAll("[^A-Za-z0-9._-]", "_") + ".hl7";
        Path target = outbox.resolve(name);
        try {
            Files.createDirectories(outbox);
            Path tmp = Files.createTempFile(outbox, ".", ".part");
            Files.write(tmp, message.toBytes());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new Hl7Exception(Problem.of(Hl7Error.FILE_IO, "", "écrire / write", target, e.getMessage()), e);
        }
    }

    /**
     * Handles every message waiting in the inbox, oldest name first.
     *
     * @param handler what to do with each message; its reply goes to the outbox
     * @return what happened to each file
     * @throws Hl7Exception {@code HL7-408} when the inbox cannot be listed or a file cannot be moved
     */
    public List<Received> poll(MessageHandler handler) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(inbox);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(inbox, "*.{hl7,er7,HL7,ER7}")) {
                ds.forEach(files::add);
            }
        } catch (IOException e) {
            throw new Hl7Exception(Problem.of(Hl7Error.FILE_IO, "", "lister / list", inbox, e.getMessage()), e);
        }
        files.sort(null);
        List<Received> out = new ArrayList<>();
        for (Path f : files) {
            out.add(handle(f, handler));
        }
        return out;
    }

    private Received handle(Path file, MessageHandler handler) {
        Hl7Message message;
        try {
            message = parser.parse(file);
        } catch (Hl7Exception e) {
            return failed(file, Optional.empty(), e.problems());
        } catch (java.io.UncheckedIOException e) {
            return failed(file, Optional.empty(),
                    List.of(Problem.of(Hl7Error.FILE_IO, "", "lire / read", file, e.getCause().getMessage())));
        }
        Hl7Message reply;
        try {
            reply = handler.handle(message);
        } catch (RuntimeException e) {
            return failed(file, Optional.of(message),
                    List.of(Problem.of(Hl7Error.FILE_IO, "", "traiter / handle", file, e.toString())));
        }
        if (reply != null) {
            send(reply);
        }
        move(file, "done");
        return new Received(file, Optional.of(message), Optional.ofNullable(reply), message.notes());
    }

    private Received failed(Path file, Optional<Hl7Message> message, List<Problem> problems) {
        Path moved = move(file, "error");
        try {
            Files.writeString(moved.resolveSibling(moved.getFileName() + ".problems.txt"),
                    problems.stream().map(Problem::toString).collect(Collectors.joining("\n", "", "\n")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Hl7Exception(Problem.of(Hl7Error.FILE_IO, "", "écrire / write", moved, e.getMessage()), e);
        }
        return new Received(file, message, Optional.empty(), ValidationResult.of(problems));
    }

    private Path move(Path file, String folder) {
        Path dir = inbox.resolve(folder);
        Path target = dir.resolve(file.getFileName());
        try {
            Files.createDirectories(dir);
            return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Hl7Exception(Problem.of(Hl7Error.FILE_IO, "", "déplacer / move", file, e.getMessage()), e);
        }
    }
}
