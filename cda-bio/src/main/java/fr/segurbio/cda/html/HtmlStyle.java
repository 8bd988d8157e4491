package fr.segurbio.cda.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import fr.segurbio.cda.CdaException;

/**
 * The lab's look on the self-presenting HTML of its reports: colours, logo, footer text, decimal separator.
 * Configuration, not code: every field has a sober default and a lab changes only what it wants. Immutable and
 * valid by construction (a colour that is not {@code #RGB}/{@code #RRGGBB}, a logo file that is missing or not
 * an image, an unsafe logo URL are refused when the style is built).
 *
 * <pre>{@code
 * HtmlStyle style = HtmlStyle.builder()
 *         .primaryColor("#00594F")
 *         .logo(Path.of("/etc/sgl/logo.png"))        // embedded as a data: URI
 *         .footerText("Laboratoire accrédité Cofrac n° 8-1234")
 *         .build();
 * }</pre>
 */
public final class HtmlStyle {

    /** The largest logo file embedded in the page or in the published stylesheet. */
    public static final int MAX_LOGO_BYTES = 512 * 1024;

    private static final Pattern COLOR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final Pattern SAFE_URL = Pattern.compile("(?:https://|data:image/(?:png|jpeg|gif);base64,)"
            + "[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%-]*|[A-Za-z0-9._~/%-]+\\.(?:png|jpe?g|gif|svg)");
    private static final HtmlStyle DEFAULT = builder().build();

    private final String primaryColor;
    private final String accentColor;
    private final String abnormalColor;
    private final String logoUrl;
    private final String logoAlt;
    private final String footerText;
    private final char decimalSeparator;

    private HtmlStyle(Builder b) {
        this.primaryColor = b.primaryColor;
        this.accentColor = b.accentColor;
        this.abnormalColor = b.abnormalColor;
        this.logoUrl = b.logoUrl;
        this.logoAlt = b.logoAlt;
        this.footerText = b.footerText;
        this.decimalSeparator = b.decimalSeparator;
    }

    /**
     * The default style: dark blue titles, light blue backgrounds, abnormal values in dark red, no logo,
     * decimal comma.
     *
     * @return the default style
     */
    public static HtmlStyle defaults() {
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
     * Colour of titles and table headers.
     *
     * @return {@code #RRGGBB} or {@code #RGB}
     */
    public String primaryColor() {
        return primaryColor;
    }

    /**
     * Colour of the light backgrounds (block headers, sub-chapters).
     *
     * @return {@code #RRGGBB} or {@code #RGB}
     */
    public String accentColor() {
        return accentColor;
    }

    /**
     * Colour of abnormal values and their flags.
     *
     * @return {@code #RRGGBB} or {@code #RGB}
     */
    public String abnormalColor() {
        return abnormalColor;
    }

    /**
     * The logo's URL ({@code https:}, a relative path, or a {@code data:image} URI); empty when there is no logo.
     *
     * @return the URL, or {@code ""}
     */
    public String logoUrl() {
        return logoUrl;
    }

    /**
     * The text alternative of the logo.
     *
     * @return the text
     */
    public String logoAlt() {
        return logoAlt;
    }

    /**
     * The lab's line at the bottom of the page; empty for none.
     *
     * @return the text, or {@code ""}
     */
    public String footerText() {
        return footerText;
    }

    /**
     * The decimal separator of displayed numbers: {@code ','} (default) or {@code '.'}.
     *
     * @return the separator
     */
    public char decimalSeparator() {
        return decimalSeparator;
    }

    /**
     * The stylesheet parameters this style sets, by name, in the stylesheet's order.
     *
     * @return the parameters
     */
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("logo-url", logoUrl);
        p.put("logo-alt", logoAlt);
        p.put("primary-color", primaryColor);
        p.put("accent-color", accentColor);
        p.put("abnormal-color", abnormalColor);
        p.put("footer-text", footerText);
        p.put("decimal-separator", String.valueOf(decimalSeparator));
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HtmlStyle s && parameters().equals(s.parameters());
    }

    @Override
    public int hashCode() {
        return parameters().hashCode();
    }

    @Override
    public String toString() {
        return "HtmlStyle[primary=" + primaryColor + ", accent=" + accentColor + ", abnormal=" + abnormalColor
                + ", logo=" + (logoUrl.isEmpty() ? "none" : logoUrl.startsWith("data:") ? "embedded" : logoUrl)
                + ", decimalSeparator=" + decimalSeparator + "]";
    }

    /** Builds an {@link HtmlStyle}; each setter checks its value at once. */
    public static final class Builder {
        private String primaryColor = "#1f4e79";
        private String accentColor = "#e8f0f8";
        private String abnormalColor = "#b00020";
        private String logoUrl = "";
        private String logoAlt = "Logo du laboratoire";
        private String footerText = "";
        private char decimalSeparator = ',';

        private Builder() {
        }

        /**
         * Colour of titles and table headers.
         *
         * @param color {@code #RRGGBB} or {@code #RGB}
         * @return this builder
         * @throws CdaException {@code CDA-804} for another form
         */
        public Builder primaryColor(String color) {
            this.primaryColor = color("primaryColor", color);
            return this;
        }

        /**
         * Colour of the light backgrounds.
         *
         * @param color {@code #RRGGBB} or {@code #RGB}
         * @return this builder
         * @throws CdaException {@code CDA-804} for another form
         */
        public Builder accentColor(String color) {
            this.accentColor = color("accentColor", color);
            return this;
        }

        /**
         * Colour of abnormal values.
         *
         * @param color {@code #RRGGBB} or {@code #RGB}
         * @return this builder
         * @throws CdaException {@code CDA-804} for another form
         */
        public Builder abnormalColor(String color) {
            this.abnormalColor = color("abnormalColor", color);
            return this;
        }

        /**
         * Embeds a logo file (PNG, JPEG or GIF, at most {@link #MAX_LOGO_BYTES}) as a {@code data:} URI, so that
         * the HTML and the published stylesheet need no other file.
         *
         * @param file the image file
         * @return this builder
         * @throws CdaException {@code CDA-803} when the file is missing, too large or not such an image
         */
        public Builder logo(Path file) {
            Objects.requireNonNull(file, "file");
            byte[] bytes;
            try {
                if (Files.size(file) > MAX_LOGO_BYTES) {
                    throw new CdaException(HtmlRenderError.LOGO_UNREADABLE, file,
                            "larger than " + MAX_LOGO_BYTES + " bytes");
                }
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CdaException(HtmlRenderError.LOGO_UNREADABLE, file, e.getClass().getSimpleName());
            }
            String type = imageType(bytes);
            if (type == null) {
                throw new CdaException(HtmlRenderError.LOGO_UNREADABLE, file, "not a PNG, JPEG or GIF image");
            }
            this.logoUrl = "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
            return this;
        }

        /**
         * Refers to a logo by URL: {@code https://…}, a relative path ending in {@code .png}, {@code .jpg},
         * {@code .gif} or {@code .svg} (resolved against the document's address), or a {@code data:image} URI.
         *
         * @param url the URL; empty for no logo
         * @return this builder
         * @throws CdaException {@code CDA-804} for another scheme or unsafe characters
         */
        public Builder logoUrl(String url) {
            Objects.requireNonNull(url, "url");
            if (!url.isEmpty() && !SAFE_URL.matcher(url).matches()) {
                throw new CdaException(HtmlRenderError.BAD_STYLE, "logoUrl",
                        "https:, data:image/png|jpeg|gif;base64 or a relative image path expected");
            }
            this.logoUrl = url;
            return this;
        }

        /**
         * The logo's text alternative.
         *
         * @param text the text
         * @return this builder
         */
        public Builder logoAlt(String text) {
            this.logoAlt = text(text, "logoAlt", 200);
            return this;
        }

        /**
         * A line at the bottom of the page (accreditation, opening hours…), shown as text.
         *
         * @param text the text, at most 1,000 characters; empty for none
         * @return this builder
         */
        public Builder footerText(String text) {
            this.footerText = text(text, "footerText", 1000);
            return this;
        }

        /**
         * The decimal separator of the numbers shown.
         *
         * @param separator {@code ','} or {@code '.'}
         * @return this builder
         * @throws CdaException {@code CDA-804} for another character
         */
        public Builder decimalSeparator(char separator) {
            if (separator != ',' && separator != '.') {
                throw new CdaException(HtmlRenderError.BAD_STYLE, "decimalSeparator", "',' or '.' expected");
            }
            this.decimalSeparator = separator;
            return this;
        }

        /**
         * The style.
         *
         * @return the style
         */
        public HtmlStyle build() {
            return new HtmlStyle(this);
        }

        private static String color(String name, String value) {
            if (value == null || !COLOR.matcher(value).matches()) {
                throw new CdaException(HtmlRenderError.BAD_STYLE, name, "#RRGGBB or #RGB expected, got " + value);
            }
            return value.toLowerCase(Locale.ROOT);
        }

        private static String text(String value, String name, int max) {
            Objects.requireNonNull(value, name);
            if (value.length() > max) {
                throw new CdaException(HtmlRenderError.BAD_STYLE, name, "longer than " + max + " characters");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0xFFFE || c == 0xFFFF) {
                    throw new CdaException(HtmlRenderError.BAD_STYLE, name, "control character U+"
                            + String.format(Locale.ROOT, "%04X", (int) c));
                }
            }
            return value;
        }

        private static String imageType(byte[] b) {
            if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
                return "image/png";
            }
            if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
                return "image/jpeg";
            }
            if (b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
                return "image/gif";
            }
            return null;
        }
    }
}
