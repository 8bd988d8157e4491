package fr.segurbio.cda.pdf;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How {@link CrBioPdfRenderer} renders: the lab's {@link LabStyle}, the document language, the size of the INS
 * Datamatrix modules and the clock that dates the file.
 *
 * <pre>{@code
 * PdfRenderOptions options = PdfRenderOptions.builder()
 *         .labStyle(LabStyle.builder().logo(Path.of("logo.png")).build())
 *         .datamatrixModuleMillimetres(0.5)
 *         .build();
 * }</pre>
 */
public final class PdfRenderOptions {

    /** The smallest Datamatrix module accepted, in millimetres (readable by a common 2D scanner on paper). */
    public static final double MIN_MODULE_MM = 0.4;

    private final LabStyle labStyle;
    private final String language;
    private final double moduleMillimetres;
    private final Clock clock;
    private final String creator;

    private PdfRenderOptions(Builder b) {
        this.labStyle = b.labStyle;
        this.language = b.language;
        this.moduleMillimetres = b.moduleMillimetres;
        this.clock = b.clock;
        this.creator = b.creator;
    }

    /**
     * The default options: default style, French, 0.5 mm modules, the system clock in Europe/Paris.
     *
     * @return default options
     */
    public static PdfRenderOptions defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The lab's look.
     *
     * @return the style
     */
    public LabStyle labStyle() {
        return labStyle;
    }

    /**
     * The document language (catalog {@code /Lang} and XMP {@code dc:language}).
     *
     * @return a BCP 47 tag, {@code fr-FR} by default
     */
    public String language() {
        return language;
    }

    /**
     * The printed size of one Datamatrix module.
     *
     * @return millimetres, at least {@link #MIN_MODULE_MM}
     */
    public double datamatrixModuleMillimetres() {
        return moduleMillimetres;
    }

    /**
     * The clock that gives the file's creation date (XMP and document information).
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The name of the software that produced the document (XMP {@code xmp:CreatorTool}), typically the SGL.
     *
     * @return the creator tool
     */
    public String creator() {
        return creator;
    }

    /** Builds {@link PdfRenderOptions}. */
    public static final class Builder {
        private LabStyle labStyle = LabStyle.defaults();
        private String language = "fr-FR";
        private double moduleMillimetres = 0.5;
        private Clock clock = Clock.system(ZoneId.of("Europe/Paris"));
        private String creator = "Ségur Bio SDK";

        private Builder() {
        }

        /**
         * The lab's look.
         *
         * @param style the style
         * @return this builder
         */
        public Builder labStyle(LabStyle style) {
            this.labStyle = Objects.requireNonNull(style, "labStyle");
            return this;
        }

        /**
         * The document language.
         *
         * @param bcp47 a language tag such as {@code fr-FR}
         * @return this builder
         */
        public Builder language(String bcp47) {
            Objects.requireNonNull(bcp47, "language");
            if (!bcp47.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
                throw new IllegalArgumentException("not a language tag: " + bcp47);
            }
            this.language = bcp47;
            return this;
        }

        /**
         * The printed size of one Datamatrix module. The symbol grows with its content (36×36 to 52×52
         * modules for an INS): it is never shrunk below {@link #MIN_MODULE_MM}.
         *
         * @param millimetres from 0.4 to 1.0
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder datamatrixModuleMillimetres(double millimetres) {
            if (!(millimetres >= MIN_MODULE_MM && millimetres <= 1.0)) {
                throw new IllegalArgumentException("Datamatrix module must be 0.4 to 1.0 mm, not " + millimetres);
            }
            this.moduleMillimetres = millimetres;
            return this;
        }

        /**
         * The clock dating the file (a fixed clock makes rendering reproducible).
         *
         * @param clock the clock; its zone is the zone of the dates written
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The software named as creator in the metadata.
         *
         * @param name for example the SGL's name and version
         * @return this builder
         */
        public Builder creator(String name) {
            Objects.requireNonNull(name, "creator");
            if (name.isBlank()) {
                throw new IllegalArgumentException("creator must not be blank");
            }
            this.creator = name.strip();
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public PdfRenderOptions build() {
            return new PdfRenderOptions(this);
        }
    }
}
