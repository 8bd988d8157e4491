package fr.segurbio.cda.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/**
 * What makes a PDFBox document PDF/A-1b beyond its content: document information and the identical XMP
 * metadata ({@code pdfaid:part=1}, {@code conformance=B}, title, author, subject, dates, producer), the sRGB
 * output intent (the JDK's ICC profile), the language, and a file identifier.
 */
final class PdfA {

    static final String PRODUCER = "Ségur Bio SDK PDF/A renderer (Apache PDFBox)";
    private static final String SRGB = "sRGB IEC61966-2.1";
    /** The JDK's sRGB profile, Flate-compressed once. */
    private static final byte[] SRGB_PROFILE_DEFLATED = deflated(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
    /** A prototype cloned for each file identifier (cheaper than looking the algorithm up each time). */
    private static final MessageDigest MD5 = md5();
    private static final DateTimeFormatter XMP_DATE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss").appendOffset("+HH:MM", "Z").toFormatter();

    private PdfA() {
    }

    /** The document's descriptive metadata. */
    record Description(String title, String author, String subject, String language, String creator,
                       ZonedDateTime date, String documentId) {
    }

    static void apply(PDDocument doc, Description d) throws IOException {
        COSString date = new COSString(pdfDate(d.date()));
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(d.title());
        info.setAuthor(d.author());
        info.setSubject(d.subject());
        info.setCreator(d.creator());
        info.setProducer(PRODUCER);
        info.getCOSObject().setItem(COSName.CREATION_DATE, date);
        info.getCOSObject().setItem(COSName.MOD_DATE, date);

        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        catalog.setLanguage(d.language());
        PDViewerPreferences prefs = new PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
        prefs.setDisplayDocTitle(true);
        catalog.setViewerPreferences(prefs);

        PDMetadata metadata = new PDMetadata(doc, new ByteArrayInputStream(xmp(d).getBytes(StandardCharsets.UTF_8)));
        catalog.setMetadata(metadata);

        COSStream profile = Flate.raw(doc.getDocument(), SRGB_PROFILE_DEFLATED);
        profile.setInt(COSName.N, 3);
        COSDictionary intentDictionary = new COSDictionary();
        intentDictionary.setItem(COSName.TYPE, COSName.OUTPUT_INTENT);
        intentDictionary.setItem(COSName.S, COSName.GTS_PDFA1);
        intentDictionary.setItem(COSName.DEST_OUTPUT_PROFILE, profile);
        PDOutputIntent intent = new PDOutputIntent(intentDictionary);
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);

        byte[] id = fileId(d);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        doc.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static byte[] deflated(byte[] data) {
        try (Flate flate = new Flate()) {
            return flate.deflate(data, data.length);
        }
    }

    /** A PDF date, {@code D:YYYYMMDDHHmmSS+HH'mm'} (to the second, as in the XMP). */
    static String pdfDate(ZonedDateTime t) {
        StringBuilder sb = new StringBuilder(24).append("D:");
        pad(sb, t.getYear(), 4);
        pad(sb, t.getMonthValue(), 2);
        pad(sb, t.getDayOfMonth(), 2);
        pad(sb, t.getHour(), 2);
        pad(sb, t.getMinute(), 2);
        pad(sb, t.getSecond(), 2);
        int offset = t.getOffset().getTotalSeconds() / 60;
        sb.append(offset < 0 ? '-' : '+');
        offset = Math.abs(offset);
        pad(sb, offset / 60, 2);
        sb.append('\'');
        pad(sb, offset % 60, 2);
        return sb.append('\'').toString();
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String v = Integer.toString(value);
        for (int i = v.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(v);
    }

    private static byte[] fileId(Description d) {
        try {
            MessageDigest md5 = (MessageDigest) MD5.clone();
            md5.update((d.documentId() + '|' + d.date() + '|' + d.title()).getBytes(StandardCharsets.UTF_8));
            return md5.digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's MD5 can be cloned", e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    static String xmp(Description d) {
        String date = XMP_DATE.format(d.date().withNano(0));
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
                + "<pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<dc:format>application/pdf</dc:format>"
                + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(d.title()) + "</rdf:li></rdf:Alt></dc:title>"
                + "<dc:creator><rdf:Seq><rdf:li>" + esc(d.author()) + "</rdf:li></rdf:Seq></dc:creator>"
                + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(d.subject())
                + "</rdf:li></rdf:Alt></dc:description>"
                + "<dc:language><rdf:Bag><rdf:li>" + esc(d.language()) + "</rdf:li></rdf:Bag></dc:language>"
                + "</rdf:Description>\n"
                + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
                + "<xmp:CreateDate>" + date + "</xmp:CreateDate><xmp:ModifyDate>" + date + "</xmp:ModifyDate>"
                + "<xmp:MetadataDate>" + date + "</xmp:MetadataDate>"
                + "<xmp:CreatorTool>" + esc(d.creator()) + "</xmp:CreatorTool></rdf:Description>\n"
                + "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
                + "<pdf:Producer>" + esc(PRODUCER) + "</pdf:Producer></rdf:Description>\n"
                + "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    }

    /** XML-escapes text, leaving out the characters XML 1.0 cannot carry. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
                        sb.append(ch);
                    } else {
                        sb.append(' ');
                    }
                }
            }
        }
        return sb.toString();
    }
}
