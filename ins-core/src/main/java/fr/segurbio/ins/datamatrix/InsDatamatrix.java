package fr.segurbio.ins.datamatrix;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import com.google.zxing.multi.GenericMultipleBarcodeReader;

import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.AssigningAuthority;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.InsError;
import fr.segurbio.ins.InsException;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Matricule;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Trait;
import fr.segurbio.ins.TraitNormalizer;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.internal.Messages;
import fr.segurbio.ins.internal.Messages.Bilingual;

/**
 * The INS Datamatrix (ANS "Format datamatrix INS" v2.2): the unsigned 2D code printed on the first page of a
 * health document. Payload: header {@code IS} {@code 01} + 22 zeros, then S1 matricule, S2 OID, S3 birth first
 * names, S4 birth name, S5 sex, S6 birth date {@code JJ-MM-AAAA}, S7 birth place (when known), with a GS
 * ({@code 0x1D}) after a variable-length field shorter than its maximum. The symbol is a square ECC 200 whose
 * header is C40-encoded (zxing {@code FORCE_C40}), as the ANS validator requires.
 *
 * <p>Only a qualified identity is encoded ({@code INS-042} otherwise). Decoding reads every symbol of an image,
 * dispatches the fields on their identifiers (any order), checks the key, the OID and the traits, and reports
 * every problem. PDF pages are decoded by rendering them first (the {@code segur} command does it with PDFBox,
 * which {@code ins-core} does not depend on). Thread-safe; all methods are static.
 *
 * <pre>{@code
 * DatamatrixSymbol symbol = InsDatamatrix.encode(qualifiedIdentity);
 * Files.write(Path.of("ins.png"), symbol.toPng(8));
 * List<DecodedSymbol> read = InsDatamatrix.decode(ImageIO.read(new File("scan.png")));
 * }</pre>
 */
public final class InsDatamatrix {

    /** The group separator ending a variable-length field. */
    public static final char GS = '\u001D';

    /** The 26-character header. */
    public static final String HEADER = "IS01" + "0".repeat(22);

    private static final Pattern DATE = Pattern.compile("(\\d{2})-(\\d{2})-(\\d{4})");
    private static final DataMatrixWriter WRITER = new DataMatrixWriter();
    private static final Map<EncodeHintType, Object> ENCODE_HINTS;
    private static final Map<DecodeHintType, Object> DECODE_HINTS;
    private static final Map<DecodeHintType, Object> PURE_HINTS;

    static {
        Map<EncodeHintType, Object> e = new EnumMap<>(EncodeHintType.class);
        e.put(EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE);
        e.put(EncodeHintType.FORCE_C40, Boolean.TRUE);
        ENCODE_HINTS = Collections.unmodifiableMap(e);
        Map<DecodeHintType, Object> d = new EnumMap<>(DecodeHintType.class);
        d.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.DATA_MATRIX));
        d.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        DECODE_HINTS = Collections.unmodifiableMap(d);
        Map<DecodeHintType, Object> p = new EnumMap<>(d);
        p.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        PURE_HINTS = Collections.unmodifiableMap(p);
    }

    private InsDatamatrix() {
    }

    // ------------------------------------------------------------------------------------------ encode

    /**
     * The payload of a qualified identity.
     *
     * @param identity the identity
     * @return the text to encode ({@code IS01…})
     * @throws InsException {@code INS-042} when the identity is not qualified; {@code INS-065} when a trait is
     *         longer than its field, {@code INS-003} for a matricule received with a wrong key
     */
    public static String payload(PatientIdentity identity) {
        return payload(identity.requireShareable(), identity.traits());
    }

    private static String payload(Ins ins, IdentityTraits t) {
        ValidationResult.Builder b = ValidationResult.builder();
        if (!ins.matricule().keyMatches()) {
            b.add(InsError.WRONG_KEY, "S1", ins.matricule().key(), ins.matricule().expectedKey());
        }
        String firstNames = t.birthFirstNamesText();
        String birthName = t.birthName();
        tooLong(b, DatamatrixField.S3, firstNames);
        tooLong(b, DatamatrixField.S4, birthName);
        b.build().orThrow(InsException::new);

        StringBuilder sb = new StringBuilder(HEADER.length() + 80 + firstNames.length() + birthName.length());
        sb.append(HEADER);
        sb.append("S1").append(ins.matricule().value());
        variable(sb, DatamatrixField.S2, ins.oid());
        variable(sb, DatamatrixField.S3, firstNames);
        variable(sb, DatamatrixField.S4, birthName);
        sb.append("S5").append(t.sex().code());
        sb.append("S6").append(t.birthDate().toDatamatrix());
        t.birthPlace().ifPresent(p -> sb.append("S7").append(p.code()));
        return sb.toString();
    }

    private static void tooLong(ValidationResult.Builder b, DatamatrixField field, String value) {
        if (value.length() > field.maxLength()) {
            b.add(Messages.problem(InsError.DM_FIELD_FORMAT, field.name(), field.name(),
                    new Bilingual(value.length() + " caractères, " + field.maxLength() + " au plus",
                            value.length() + " characters, at most " + field.maxLength())));
        }
    }

    /** A variable-length field is never last here (S5 and S6 follow): GS when shorter than its maximum. */
    private static void variable(StringBuilder sb, DatamatrixField field, String value) {
        sb.append(field.name()).append(value);
        if (value.length() < field.maxLength()) {
            sb.append(GS);
        }
    }

    /**
     * Encodes the identity's INS Datamatrix.
     *
     * @param identity a qualified identity
     * @return the symbol
     * @throws InsException {@code INS-042} when the identity is not qualified (see {@link #payload})
     */
    public static DatamatrixSymbol encode(PatientIdentity identity) {
        return encodeText(payload(identity));
    }

    /**
     * Encodes the INS Datamatrix of an identity whose qualification a trusted document states instead of
     * this SGL's own identity vigilance: a CR-BIO carries the patient's INS only when its author qualified
     * the identity, so a report read back, or built from such a statement, has an {@link Ins} and its traits
     * but no record of how the qualification was established. Prefer {@link #encode(PatientIdentity)}
     * whenever the identity's RNIV facts are known.
     *
     * <pre>{@code
     * DatamatrixSymbol symbol = InsDatamatrix.encodeStatedQualified(report.patient().ins(), traits);
     * }</pre>
     *
     * @param ins the INS the document states as qualified
     * @param traits the identity traits the document carries with it
     * @return the symbol
     * @throws InsException {@code INS-065} when a trait is longer than its field, {@code INS-003} for a
     *         matricule with a wrong key
     */
    public static DatamatrixSymbol encodeStatedQualified(Ins ins, IdentityTraits traits) {
        return encodeText(payload(Objects.requireNonNull(ins, "ins"), Objects.requireNonNull(traits, "traits")));
    }

    private static DatamatrixSymbol encodeText(String text) {
        BitMatrix m;
        try {
            m = WRITER.encode(text, BarcodeFormat.DATA_MATRIX, 0, 0, ENCODE_HINTS);
        } catch (IllegalArgumentException e) {
            throw new InsException(Problem.of(InsError.DM_ENCODE, "", e.getMessage()), e);
        }
        int size = m.getWidth();
        if (m.getHeight() != size) {
            throw new InsException(InsError.DM_ENCODE, "not square: " + size + "x" + m.getHeight());
        }
        long[] bits = new long[(size * size + 63) >>> 6];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (m.get(x, y)) {
                    int i = y * size + x;
                    bits[i >>> 6] |= 1L << (i & 63);
                }
            }
        }
        return new DatamatrixSymbol(text, size, bits);
    }

    // ------------------------------------------------------------------------------------------ parse

    /**
     * Reads an INS Datamatrix payload, accepting every INS OID (test and démonstration ones too).
     *
     * @param text the decoded text
     * @return the fields and every problem
     */
    public static DecodedSymbol parse(String text) {
        return parse(text, InsEnvironment.TEST);
    }

    /**
     * Reads an INS Datamatrix payload. Fields may come in any order; GS may also be written {@code <GS>} or
     * {@code ^029} (keyboard-wedge scanners); a missing GS is tolerated with a warning.
     *
     * @param text the decoded text
     * @param environment in production, test and démonstration OIDs are errors
     * @return the fields and every problem
     */
    public static DecodedSymbol parse(String text, InsEnvironment environment) {
        String raw = text == null ? "" : text;
        String s = raw.replace("<GS>", String.valueOf(GS)).replace("^029", String.valueOf(GS));
        ValidationResult.Builder b = ValidationResult.builder();
        String[] f = new String[DatamatrixField.values().length];
        boolean[] broken = new boolean[f.length];
        if (s.length() < HEADER.length() || !s.startsWith(HEADER)) {
            String head = s.substring(0, Math.min(HEADER.length(), s.length())).replace(GS, '␝');
            b.add(InsError.DM_HEADER, "header", "\"" + head + "\"");
            return new DecodedSymbol(raw, f, null, b.build());
        }
        int pos = HEADER.length();
        int n = s.length();
        while (pos < n) {
            if (s.charAt(pos) == GS) {
                pos++;
                continue;
            }
            DatamatrixField field = pos + 2 <= n ? field(s.charAt(pos), s.charAt(pos + 1)) : null;
            if (field == null) {
                String id = s.substring(pos, Math.min(pos + 2, n));
                b.add(InsError.DM_UNKNOWN_FIELD, "", "\"" + id + "\"", pos + 1);
                break;
            }
            pos += 2;
            int i = field.ordinal();
            String value;
            if (field.isFixedLength()) {
                int end = pos + field.maxLength();
                if (end > n) {
                    value = s.substring(pos);
                    b.add(Messages.problem(InsError.DM_TRUNCATED, field.name(), field.name(), value.length(),
                            field.maxLength()));
                    broken[i] = true;
                    end = n;
                } else {
                    value = s.substring(pos, end);
                }
                if (value.indexOf(GS) >= 0) {
                    b.add(Messages.problem(InsError.DM_FIELD_FORMAT, field.name(), field.name(),
                            new Bilingual("séparateur GS dans un champ de longueur fixe",
                                    "GS separator inside a fixed-length field")));
                    broken[i] = true;
                }
                pos = end;
            } else {
                int max = Math.min(n, pos + field.maxLength());
                int end = pos;
                boolean missingGs = false;
                while (end < max && s.charAt(end) != GS) {
                    if (startsNextField(s, end)) {
                        missingGs = true;
                        break;
                    }
                    end++;
                }
                value = s.substring(pos, end);
                boolean endedOnGs = end < n && s.charAt(end) == GS;
                if (!endedOnGs && value.endsWith(" ")) {
                    // a space where the GS should be (no INS value ends with a space)
                    value = value.substring(0, value.length() - 1);
                    b.add(Messages.problem(InsError.DM_FIELD_FORMAT, Severity.WARNING, field.name(), field.name(),
                            new Bilingual("espace à la place du séparateur GS", "space instead of the GS separator")));
                } else if (missingGs) {
                    b.add(Messages.problem(InsError.DM_FIELD_FORMAT, Severity.WARNING, field.name(), field.name(),
                            new Bilingual("séparateur GS absent", "GS separator missing")));
                }
                pos = end < n && s.charAt(end) == GS ? end + 1 : end;
            }
            if (f[i] != null) {
                b.add(InsError.DM_DUPLICATE_FIELD, field.name(), field.name());
            } else {
                f[i] = value;
            }
        }
        LocalDate date = check(b, f, broken, environment);
        return new DecodedSymbol(raw, f, date, b.build());
    }

    private static DatamatrixField field(char s, char digit) {
        if (s != 'S' || digit < '1' || digit > '7') {
            return null;
        }
        return DatamatrixField.values()[digit - '1'];
    }

    /**
     * Whether, inside a variable field whose GS is missing, the next field starts here: names hold no digit and
     * OIDs no letter, so {@code S} + digit cannot belong to the value.
     */
    private static boolean startsNextField(String s, int at) {
        return at + 1 < s.length() && field(s.charAt(at), s.charAt(at + 1)) != null;
    }

    private static LocalDate check(ValidationResult.Builder b, String[] f, boolean[] broken, InsEnvironment env) {
        for (DatamatrixField field : DatamatrixField.values()) {
            if (field != DatamatrixField.S7 && f[field.ordinal()] == null) {
                b.add(Messages.problem(InsError.DM_MISSING_FIELD, field.name(), field.name(),
                        new Bilingual(field.label(true), field.label(false))));
            }
        }
        String matricule = usable(f, broken, DatamatrixField.S1);
        if (matricule != null) {
            b.addAll(Matricule.validate(matricule).under("S1"));
        }
        String oid = usable(f, broken, DatamatrixField.S2);
        if (oid != null) {
            b.addAll(AssigningAuthority.validate(oid, env).under("S2"));
        }
        String firstNames = usable(f, broken, DatamatrixField.S3);
        if (firstNames != null) {
            b.addAll(TraitNormalizer.validate(Trait.BIRTH_FIRST_NAMES, firstNames).under("S3"));
        }
        String birthName = usable(f, broken, DatamatrixField.S4);
        if (birthName != null) {
            b.addAll(TraitNormalizer.validate(Trait.BIRTH_NAME, birthName).under("S4"));
        }
        String sex = usable(f, broken, DatamatrixField.S5);
        if (sex != null && !sex.equals("M") && !sex.equals("F")) {
            b.add(InsError.SEX, "S5", sex);
        }
        LocalDate date = null;
        String dateText = usable(f, broken, DatamatrixField.S6);
        if (dateText != null) {
            Matcher m = DATE.matcher(dateText);
            try {
                if (!m.matches()) {
                    throw new DateTimeException(dateText);
                }
                date = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(1)));
                if (date.isAfter(LocalDate.now())) {
                    b.add(InsError.BIRTH_DATE_FUTURE, "S6", dateText);
                    date = null;
                }
            } catch (DateTimeException e) {
                b.add(Messages.problem(InsError.DM_FIELD_FORMAT, "S6", "S6",
                        new Bilingual("date JJ-MM-AAAA attendue, « " + dateText + " » lu",
                                "date DD-MM-YYYY expected, \"" + dateText + "\" read")));
            }
        }
        String place = usable(f, broken, DatamatrixField.S7);
        if (place != null) {
            b.addAll(BirthPlace.validate(place).under("S7"));
        }
        return date;
    }

    private static String usable(String[] f, boolean[] broken, DatamatrixField field) {
        return broken[field.ordinal()] ? null : f[field.ordinal()];
    }

    // ------------------------------------------------------------------------------------------ decode

    /**
     * Finds and reads every Datamatrix in an image (a scan, a photo, a rendered PDF page), accepting every INS
     * OID.
     *
     * @param image the image
     * @return one entry per symbol found, valid or not; empty when no Datamatrix could be read (damaged, absent)
     */
    public static List<DecodedSymbol> decode(BufferedImage image) {
        return decode(image, InsEnvironment.TEST);
    }

    /**
     * Finds and reads every Datamatrix in an image.
     *
     * @param image the image
     * @param environment in production, test and démonstration OIDs are errors
     * @return one entry per symbol found, valid or not; empty when no Datamatrix could be read
     */
    public static List<DecodedSymbol> decode(BufferedImage image, InsEnvironment environment) {
        List<DecodedSymbol> out = new ArrayList<>();
        for (String text : readTexts(image)) {
            out.add(parse(text, environment));
        }
        return out;
    }

    /**
     * The texts of every Datamatrix zxing finds in an image: first on the whole image, then as a lone symbol,
     * then tile by tile (a symbol among the text of a page).
     */
    private static List<String> readTexts(BufferedImage image) {
        LuminanceSource source = luminance(image);
        Map<String, Boolean> texts = new LinkedHashMap<>();
        try {
            Result[] results = new GenericMultipleBarcodeReader(new DataMatrixReader())
                    .decodeMultiple(new BinaryBitmap(new HybridBinarizer(source)), DECODE_HINTS);
            for (Result r : results) {
                texts.put(r.getText(), Boolean.TRUE);
            }
        } catch (ReaderException e) {
            // nothing found on the whole image: try the other strategies
        }
        if (texts.isEmpty()) {
            readOne(source, PURE_HINTS, texts);
        }
        if (texts.isEmpty()) {
            int w = source.getWidth();
            int h = source.getHeight();
            for (int tile : new int[] {400, 800}) {
                if (tile >= Math.max(w, h)) {
                    continue;
                }
                int step = tile / 2;
                for (int top = 0; top < h; top += step) {
                    for (int left = 0; left < w; left += step) {
                        int tw = Math.min(tile, w - left);
                        int th = Math.min(tile, h - top);
                        if (tw >= 40 && th >= 40) {
                            readOne(source.crop(left, top, tw, th), DECODE_HINTS, texts);
                        }
                    }
                }
                if (!texts.isEmpty()) {
                    break;
                }
            }
        }
        return new ArrayList<>(texts.keySet());
    }

    private static void readOne(LuminanceSource source, Map<DecodeHintType, Object> hints, Map<String, Boolean> texts) {
        try {
            Result r = new DataMatrixReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
            texts.put(r.getText(), Boolean.TRUE);
        } catch (ReaderException e) {
            // no symbol here
        }
    }

    private static LuminanceSource luminance(BufferedImage image) {
        BufferedImage rgb = image;
        if (image.getColorModel().hasAlpha()) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            try {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
        return new RGBLuminanceSource(w, h, pixels);
    }
}
