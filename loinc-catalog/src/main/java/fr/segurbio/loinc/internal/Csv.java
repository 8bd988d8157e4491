package fr.segurbio.loinc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV reader and writer that never gives up on a file: a record that cannot be read (an unclosed
 * quote, text after a closing quote, a stray quote) comes back as an error row, and reading resumes on the next
 * physical line. Quoted fields may hold the delimiter, doubled quotes and line breaks.
 */
public final class Csv {

    /** The most characters of a bad line kept for the report. */
    private static final int RAW_LIMIT = 200;

    /**
     * One record, or the reason it could not be read.
     *
     * @param line the physical line (1-based) where the record starts
     * @param fields the fields; empty when {@code error} is set
     * @param error why the record could not be read, or {@code null}
     * @param raw the record's text, shortened, for reports
     */
    public record Row(int line, List<String> fields, String error, String raw) {
        /**
         * Whether the record was read.
         *
         * @return {@code true} when {@code error} is {@code null}
         */
        public boolean ok() {
            return error == null;
        }
    }

    private Csv() {
    }

    /**
     * Splits a text into records. Blank lines are skipped.
     *
     * @param text the whole text (without BOM)
     * @param delimiter the field delimiter
     * @return the records and error rows, in order
     */
    public static List<Row> parse(CharSequence text, char delimiter) {
        List<Row> rows = new ArrayList<>();
        int n = text.length();
        int pos = 0;
        int line = 1;
        StringBuilder field = new StringBuilder(64);
        while (pos < n) {
            int start = pos;
            int startLine = line;
            List<String> fields = new ArrayList<>();
            field.setLength(0);
            boolean inQuotes = false;
            boolean afterQuote = false;
            boolean quotedSeen = false;
            String error = null;
            while (true) {
                if (pos >= n) {
                    if (inQuotes) {
                        error = "unclosed quote";
                    }
                    break;
                }
                char c = text.charAt(pos);
                if (inQuotes) {
                    if (c == '"') {
                        if (pos + 1 < n && text.charAt(pos + 1) == '"') {
                            field.append('"');
                            pos += 2;
                        } else {
                            inQuotes = false;
                            afterQuote = true;
                            pos++;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                        pos++;
                    }
                } else if (c == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                    pos++;
                } else if (c == '\n' || c == '\r') {
                    pos += c == '\r' && pos + 1 < n && text.charAt(pos + 1) == '\n' ? 2 : 1;
                    line++;
                    break;
                } else if (c == '"') {
                    if (!afterQuote && field.toString().isBlank()) {
                        field.setLength(0);
                        inQuotes = true;
                        quotedSeen = true;
                        pos++;
                    } else {
                        error = afterQuote ? "quote after a closing quote in field " + (fields.size() + 1)
                                : "quote inside an unquoted field " + (fields.size() + 1)
                                        + " (quote the whole field and double the inner quotes)";
                        break;
                    }
                } else if (afterQuote) {
                    if (c == ' ' || c == '\t') {
                        pos++;
                        continue;
                    }
                    error = "text after the closing quote of field " + (fields.size() + 1);
                    break;
                } else {
                    field.append(c);
                    pos++;
                }
            }
            if (error != null) {
                // resume on the physical line after the one where the record started
                int resume = start;
                while (resume < n && text.charAt(resume) != '\n' && text.charAt(resume) != '\r') {
                    resume++;
                }
                String raw = text.subSequence(start, Math.min(resume, start + RAW_LIMIT)).toString();
                if (resume < n) {
                    resume += text.charAt(resume) == '\r' && resume + 1 < n && text.charAt(resume + 1) == '\n' ? 2 : 1;
                }
                pos = resume;
                line = startLine + 1;
                rows.add(new Row(startLine, List.of(), error, raw));
                continue;
            }
            fields.add(field.toString());
            if (fields.size() == 1 && fields.get(0).isBlank() && !quotedSeen) {
                continue;
            }
            int end = Math.min(pos, start + RAW_LIMIT);
            String raw = text.subSequence(start, end).toString().stripTrailing();
            rows.add(new Row(startLine, fields, null, raw));
        }
        return rows;
    }

    /**
     * The delimiter of a header line: the most frequent of {@code ;}, {@code ,} and tab outside quotes;
     * {@code ;} on a tie (French tools' default).
     *
     * @param text the text, of which only the first line is looked at
     * @return the delimiter
     */
    public static char detectDelimiter(CharSequence text) {
        int semi = 0;
        int comma = 0;
        int tab = 0;
        boolean q = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (!q) {
                if (c == '\n' || c == '\r') {
                    break;
                }
                if (c == ';') {
                    semi++;
                } else if (c == ',') {
                    comma++;
                } else if (c == '\t') {
                    tab++;
                }
            }
        }
        if (tab > semi && tab > comma) {
            return '\t';
        }
        return comma > semi ? ',' : ';';
    }

    /**
     * Writes one record (CRLF not included), quoting the fields that need it.
     *
     * @param out where to write
     * @param fields the fields
     * @param delimiter the delimiter
     */
    public static void write(StringBuilder out, List<String> fields, char delimiter) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            boolean quote = f.indexOf(delimiter) >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
                    || f.indexOf('\r') >= 0 || !f.strip().equals(f);
            if (quote) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
    }
}
