package fr.segurbio.cda.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The regular and bold fonts of a renderer, read once when the renderer is created. */
final class FontSet {

    private static final String DEFAULT_REGULAR = "fonts/DejaVuSans.ttf";
    private static final String DEFAULT_BOLD = "fonts/DejaVuSans-Bold.ttf";

    final FontProgram regular;
    final FontProgram bold;

    private FontSet(FontProgram regular, FontProgram bold) {
        this.regular = regular;
        this.bold = bold;
    }

    static FontSet load(LabStyle style) throws IOException {
        return new FontSet(load(style.regularFont(), DEFAULT_REGULAR), load(style.boldFont(), DEFAULT_BOLD));
    }

    private static FontProgram load(Optional<Path> file, String resource) throws IOException {
        if (file.isPresent()) {
            return FontProgram.load(file.get().getFileName().toString(), Files.readAllBytes(file.get()));
        }
        try (InputStream in = FontSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("font resource missing from the jar: " + resource);
            }
            return FontProgram.load(resource, in.readAllBytes());
        }
    }
}
