package fr.segurbio.loinc.io;

import java.nio.charset.Charset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a catalogue CSV file is read or written: delimiter and encoding (detected when not declared), the header
 * names of the columns (on top of the names {@link CatalogueField} knows), BOM and line ends when writing.
 * Immutable.
 *
 * <pre>{@code
 * CsvOptions options = CsvOptions.builder()
 *         .charset(StandardCharsets.ISO_8859_1)   // declared; detected otherwise
 *         .delimiter(';')
 *         .column(CatalogueField.LOCAL_CODE, "Code analyse SGL")
 *         .build();
 * }</pre>
 */
public final class CsvOptions {

    private static final CsvOptions DEFAULTS = builder().build();

    private final Character delimiter;
    private final Charset charset;
    private final Map<CatalogueField, String> columns;
    private final boolean bom;
    private final String lineEnd;
    private final List<CatalogueField> exportFields;

    private CsvOptions(Builder b) {
        this.delimiter = b.delimiter;
        this.charset = b.charset;
        this.columns = Map.copyOf(b.columns);
        this.bom = b.bom;
        this.lineEnd = b.lineEnd;
        this.exportFields = List.copyOf(b.exportFields);
    }

    /**
     * The defaults: delimiter and encoding detected on import; {@code ;}, UTF-8 without BOM and CRLF on
     * export; the SDK's own headers.
     *
     * @return the default options
     */
    public static CsvOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The declared delimiter.
     *
     * @return the delimiter, or empty to detect it
     */
    public Optional<Character> delimiter() {
        return Optional.ofNullable(delimiter);
    }

    /**
     * The declared encoding.
     *
     * @return the encoding, or empty to detect it
     */
    public Optional<Charset> charset() {
        return Optional.ofNullable(charset);
    }

    /**
     * The header of a column: the one configured, else the SDK's.
     *
     * @param field the column
     * @return the header
     */
    public String header(CatalogueField field) {
        return columns.getOrDefault(field, field.header());
    }

    /**
     * The header configured for a column, if any.
     *
     * @param field the column
     * @return the configured header, or empty
     */
    public Optional<String> configuredHeader(CatalogueField field) {
        return Optional.ofNullable(columns.get(field));
    }

    /**
     * Whether the export starts with a byte order mark (Excel needs one to read UTF-8).
     *
     * @return {@code true} to write a BOM
     */
    public boolean bom() {
        return bom;
    }

    /**
     * The line end written.
     *
     * @return {@code "\r\n"} or {@code "\n"}
     */
    public String lineEnd() {
        return lineEnd;
    }

    /**
     * The columns written, in order.
     *
     * @return the columns
     */
    public List<CatalogueField> exportFields() {
        return exportFields;
    }

    /**
     * Builds {@link CsvOptions}; not thread-safe.
     */
    public static final class Builder {
        private Character delimiter;
        private Charset charset;
        private final Map<CatalogueField, String> columns = new EnumMap<>(CatalogueField.class);
        private boolean bom;
        private String lineEnd = "\r\n";
        private List<CatalogueField> exportFields = List.of(CatalogueField.values());

        private Builder() {
        }

        /**
         * Declares the delimiter.
         *
         * @param delimiter {@code ;}, {@code ,} or tab
         * @return this builder
         */
        public Builder delimiter(char delimiter) {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("not a delimiter: " + delimiter);
            }
            this.delimiter = delimiter;
            return this;
        }

        /**
         * Declares the encoding.
         *
         * @param charset the encoding, or {@code null} to detect it
         * @return this builder
         */
        public Builder charset(Charset charset) {
            this.charset = charset;
            return this;
        }

        /**
         * Names the header of a column (import: recognised on top of the known names; export: written).
         *
         * @param field the column
         * @param header the header
         * @return this builder
         */
        public Builder column(CatalogueField field, String header) {
            Objects.requireNonNull(field, "field");
            if (header == null || header.isBlank()) {
                throw new IllegalArgumentException("a header is not blank");
            }
            columns.put(field, header.strip());
            return this;
        }

        /**
         * Writes a BOM on export.
         *
         * @param bom {@code true} for a BOM
         * @return this builder
         */
        public Builder bom(boolean bom) {
            this.bom = bom;
            return this;
        }

        /**
         * Sets the line end written.
         *
         * @param lineEnd {@code "\r\n"} or {@code "\n"}
         * @return this builder
         */
        public Builder lineEnd(String lineEnd) {
            if (!"\r\n".equals(lineEnd) && !"\n".equals(lineEnd)) {
                throw new IllegalArgumentException("a line end is CRLF or LF");
            }
            this.lineEnd = lineEnd;
            return this;
        }

        /**
         * Chooses the columns written on export (the local code and label are always written first).
         *
         * @param fields the columns
         * @return this builder
         */
        public Builder exportFields(List<CatalogueField> fields) {
            java.util.LinkedHashSet<CatalogueField> f = new java.util.LinkedHashSet<>();
            f.add(CatalogueField.LOCAL_CODE);
            f.add(CatalogueField.LABEL);
            f.addAll(fields);
            this.exportFields = List.copyOf(f);
            return this;
        }

        /**
         * The options.
         *
         * @return the immutable options
         */
        public CsvOptions build() {
            return new CsvOptions(this);
        }
    }
}
