package fr.segurbio.cda.pdf;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The lab's look on its PDF reports: colours, logo, footer text and fonts. Configuration, not code: every
 * field has a sober default, and a lab changes only what it wants.
 *
 * <pre>{@code
 * LabStyle style = LabStyle.builder()
 *         .primaryColor("#00594F")
 *         .logo(Path.of("/etc/sgl/logo.png"))
 *         .footerText("Laboratoire accrédité Cofrac n° 8-1234, portée disponible sur www.cofrac.fr")
 *         .build();
 * }</pre>
 *
 * <p>Colours are {@code #RRGGBB}. The logo may be PNG, JPEG, GIF or BMP; transparency is flattened on white
 * (PDF/A-1 forbids it). Fonts must be TrueType ({@code .ttf}) whose licence allows embedding; the default is
 * DejaVu Sans, shipped in the jar with its licence.
 */
public final class LabStyle {

    private static final LabStyle DEFAULT = builder().build();

    private final int primaryColor;
    private final int lightColor;
    private final int textColor;
    private final int mutedColor;
    private final int abnormalColor;
    private final Path logo;
    private final String footerText;
    private final Path regularFont;
    private final Path boldFont;

    private LabStyle(Builder b) {
        this.primaryColor = b.primaryColor;
        this.lightColor = b.lightColor;
        this.textColor = b.textColor;
        this.mutedColor = b.mutedColor;
        this.abnormalColor = b.abnormalColor;
        this.logo = b.logo;
        this.footerText = b.footerText;
        this.regularFont = b.regularFont;
        this.boldFont = b.boldFont;
    }

    /**
     * The default style: dark blue headings, abnormal values in dark red, no logo, DejaVu Sans.
     *
     * @return the default style
     */
    public static LabStyle defaults() {
        return DEFAULT;
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
     * Colour of headings, rules and chapter bars.
     *
     * @return {@code 0xRRGGBB}
     */
    public int primaryColor() {
        return primaryColor;
    }

    /**
     * Background of table headers and the patient block.
     *
     * @return {@code 0xRRGGBB}
     */
    public int lightColor() {
        return lightColor;
    }

    /**
     * Colour of body text.
     *
     * @return {@code 0xRRGGBB}
     */
    public int textColor() {
        return textColor;
    }

    /**
     * Colour of secondary text (previous results, labels, footer).
     *
     * @return {@code 0xRRGGBB}
     */
    public int mutedColor() {
        return mutedColor;
    }

    /**
     * Colour of abnormal values and their interpretation flag (which are also bold).
     *
     * @return {@code 0xRRGGBB}
     */
    public int abnormalColor() {
        return abnormalColor;
    }

    /**
     * The lab's logo file, drawn at the top left of the first page.
     *
     * @return the logo file, if configured
     */
    public Optional<Path> logo() {
        return Optional.ofNullable(logo);
    }

    /**
     * A line the lab wants at the bottom of every page (accreditation, legal mentions).
     *
     * @return the footer text, if configured
     */
    public Optional<String> footerText() {
        return Optional.ofNullable(footerText);
    }

    /**
     * A TrueType font replacing DejaVu Sans for regular text.
     *
     * @return the font file, if configured
     */
    public Optional<Path> regularFont() {
        return Optional.ofNullable(regularFont);
    }

    /**
     * A TrueType font replacing DejaVu Sans Bold for bold text.
     *
     * @return the font file, if configured
     */
    public Optional<Path> boldFont() {
        return Optional.ofNullable(boldFont);
    }

    static int parseColor(String hex) {
        Objects.requireNonNull(hex, "colour");
        String h = hex.trim();
        if (h.startsWith("#")) {
            h = h.substring(1);
        }
        if (!h.matches("[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("colour must be #RRGGBB, not " + hex);
        }
        return Integer.parseInt(h, 16);
    }

    static String formatColor(int rgb) {
        return String.format(Locale.ROOT, "#%06X", rgb);
    }

    @Override
    public String toString() {
        return "LabStyle[primary=" + formatColor(primaryColor) + ", abnormal=" + formatColor(abnormalColor)
                + ", logo=" + logo + ", footerText=" + (footerText != null) + "]";
    }

    /** Builds a {@link LabStyle}; every setter is optional. */
    public static final class Builder {
        private int primaryColor = 0x1F4E79;
        private int lightColor = 0xE9EFF6;
        private int textColor = 0x111111;
        private int mutedColor = 0x5A5A5A;
        private int abnormalColor = 0xB00020;
        private Path logo;
        private String footerText;
        private Path regularFont;
        private Path boldFont;

        private Builder() {
        }

        /**
         * Colour of headings, rules and chapter bars.
         *
         * @param hex {@code #RRGGBB}
         * @return this builder
         */
        public Builder primaryColor(String hex) {
            this.primaryColor = parseColor(hex);
            return this;
        }

        /**
         * Background of table headers and of the patient block; keep it light.
         *
         * @param hex {@code #RRGGBB}
         * @return this builder
         */
        public Builder lightColor(String hex) {
            this.lightColor = parseColor(hex);
            return this;
        }

        /**
         * Colour of body text.
         *
         * @param hex {@code #RRGGBB}
         * @return this builder
         */
        public Builder textColor(String hex) {
            this.textColor = parseColor(hex);
            return this;
        }

        /**
         * Colour of secondary text.
         *
         * @param hex {@code #RRGGBB}
         * @return this builder
         */
        public Builder mutedColor(String hex) {
            this.mutedColor = parseColor(hex);
            return this;
        }

        /**
         * Colour of abnormal values.
         *
         * @param hex {@code #RRGGBB}
         * @return this builder
         */
        public Builder abnormalColor(String hex) {
            this.abnormalColor = parseColor(hex);
            return this;
        }

        /**
         * The lab's logo (PNG, JPEG, GIF, BMP). A file that is missing or unreadable does not stop the
         * report: it is rendered without logo and a warning ({@code CDA-702}) is reported.
         *
         * @param file the logo file, or {@code null} for none
         * @return this builder
         */
        public Builder logo(Path file) {
            this.logo = file;
            return this;
        }

        /**
         * A line printed at the bottom of every page, above the patient / page / document line.
         *
         * @param text the text, or {@code null} for none
         * @return this builder
         */
        public Builder footerText(String text) {
            this.footerText = text == null || text.isBlank() ? null : text.strip();
            return this;
        }

        /**
         * TrueType fonts replacing DejaVu Sans (their licence must allow embedding).
         *
         * @param regular the regular font file
         * @param bold the bold font file
         * @return this builder
         */
        public Builder fonts(Path regular, Path bold) {
            this.regularFont = Objects.requireNonNull(regular, "regular");
            this.boldFont = Objects.requireNonNull(bold, "bold");
            return this;
        }

        /**
         * Builds the style.
         *
         * @return the style
         */
        public LabStyle build() {
            return new LabStyle(this);
        }
    }
}
