package fr.segurbio.mss.xdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import fr.segurbio.core.SegurException;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.TestReports;

class XdmReaderTest {

    private final TestReports.Documents docs = TestReports.qualified();
    private final byte[] zip = XdmWriter.create().write(docs.submission());

    private Map<String, byte[]> entries() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static MssError code(Runnable r) {
        try {
            r.run();
        } catch (SegurException e) {
            return (MssError) e.code();
        }
        throw new AssertionError("no exception");
    }

    @Test
    void corruptArchiveIsRefused() {
        byte[] truncated = Arrays.copyOf(zip, zip.length / 2);
        assertThat(code(() -> XdmReader.create().read(truncated))).isIn(MssError.XDM_CORRUPT,
                MssError.XDM_MISSING_FILE);
        assertThat(code(() -> XdmReader.create().read("not a zip at all".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(MssError.XDM_CORRUPT);
        byte[] flipped = zip.clone();
        // a byte in the middle of the N3's compressed data: inflating fails or the CRC does not match
        flipped[zip.length / 2] ^= 0x5A;
        assertThat(code(() -> XdmReader.create().read(flipped))).isIn(MssError.XDM_CORRUPT,
                MssError.XDM_HASH_MISMATCH, MssError.XDM_BAD_METADATA);
    }

    @Test
    void zipBombIsRefusedWithoutInflatingIt() throws IOException {
        Map<String, byte[]> e = entries();
        e.put("IHE_XDM/SUBSET01/BOMB.BIN", new byte[50 * 1024 * 1024]);   // 50 MiB of zeros: ~50 KB compressed
        byte[] bomb = zip(e);
        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> XdmReader.create().read(bomb)).isInstanceOf(MssException.class)
                .hasMessageStartingWith("MSS-002");
    }

    @Test
    void archiveOverTheSizeLimitIsRefused() {
        XdmReader small = XdmReader.builder().maxArchiveBytes(1000).build();
        assertThat(code(() -> small.read(zip))).isEqualTo(MssError.XDM_TOO_LARGE);
        assertThat(code(() -> small.read(new ByteArrayInputStream(zip)))).isEqualTo(MssError.XDM_TOO_LARGE);
    }

    @Test
    void traversalPathsAreRefused() throws IOException {
        for (String evil : new String[] {"../../etc/passwd", "/etc/passwd", "IHE_XDM/../../x", "C:\\x.txt",
                "IHE_XDM\\SUBSET01\\..\\..\\x"}) {
            Map<String, byte[]> e = entries();
            e.put(evil, new byte[] {1});
            byte[] z = zip(e);
            assertThat(code(() -> XdmReader.create().read(z))).as(evil).isEqualTo(MssError.XDM_PATH_TRAVERSAL);
        }
    }

    @Test
    void traversalInTheUriSlotIsRefused() throws IOException {
        Map<String, byte[]> e = entries();
        String md = new String(e.get(XdmWriter.METADATA_PATH), StandardCharsets.UTF_8)
                .replace("<rim:Value>DOC00002.XML</rim:Value>", "<rim:Value>../../README.TXT</rim:Value>");
        e.put(XdmWriter.METADATA_PATH, md.getBytes(StandardCharsets.UTF_8));
        byte[] z = zip(e);
        assertThat(code(() -> XdmReader.create().read(z))).isEqualTo(MssError.XDM_PATH_TRAVERSAL);
    }

    @Test
    void duplicateNamesAreRefused() throws IOException {
        // same name in two case spellings (one name on ISO-9660 media)
        Map<String, byte[]> e = entries();
        e.put("IHE_XDM/SUBSET01/doc00001.xml", new byte[] {1});
        byte[] z = zip(e);
        assertThat(code(() -> XdmReader.create().read(z))).isEqualTo(MssError.XDM_DUPLICATE_ENTRY);
        // exactly the same name twice: the second entry is renamed in the archive's bytes
        Map<String, byte[]> f = entries();
        f.put("IHE_XDM/SUBSET01/DOC0000X.XML", "<evil/>".getBytes(StandardCharsets.UTF_8));
        byte[] twice = replace(zip(f), "DOC0000X.XML", "DOC00001.XML");
        assertThat(code(() -> XdmReader.create().read(twice))).isEqualTo(MssError.XDM_DUPLICATE_ENTRY);
    }

    private static byte[] replace(byte[] data, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        byte[] out = data.clone();
        for (int i = 0; i <= out.length - f.length; i++) {
            if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
            }
        }
        return out;
    }

    @Test
    void wrongHashIsRefused() throws IOException {
        Map<String, byte[]> e = entries();
        String md = new String(e.get(XdmWriter.METADATA_PATH), StandardCharsets.UTF_8)
                .replace(docs.n3().metadata().hash(), "0000000000000000000000000000000000000000");
        e.put(XdmWriter.METADATA_PATH, md.getBytes(StandardCharsets.UTF_8));
        byte[] z = zip(e);
        assertThat(code(() -> XdmReader.create().read(z))).isEqualTo(MssError.XDM_HASH_MISMATCH);
    }

    @Test
    void alteredDocumentIsRefusedOnHashAndSize() throws IOException {
        Map<String, byte[]> e = entries();
        byte[] n3 = e.get("IHE_XDM/SUBSET01/DOC00001.XML");
        e.put("IHE_XDM/SUBSET01/DOC00001.XML", Arrays.copyOf(n3, n3.length + 1));
        byte[] z = zip(e);
        assertThatThrownBy(() -> XdmReader.create().read(z)).isInstanceOfSatisfying(MssException.class, ex ->
                assertThat(ex.problems()).extracting(p -> p.code())
                        .contains(MssError.XDM_SIZE_MISMATCH, MssError.XDM_HASH_MISMATCH));
    }

    @Test
    void n3WithoutN1IsRefused() {
        XdmSubmission alone = XdmSubmission.builder().n3(XdmDocument.of(docs.n3())).sourceId("1.2.250.1.213.1.1.9")
                .build();
        byte[] z = XdmWriter.create().write(alone);
        assertThat(code(() -> XdmReader.create().read(z))).isEqualTo(MssError.XDM_N3_WITHOUT_N1);
        // shown but not integrated: a reader told so accepts it
        assertThat(XdmReader.builder().requireN1(false).build().read(z).n3()).isPresent();
    }

    @Test
    void n1PresentButNotLinkedByXfrmIsRefused() throws IOException {
        Map<String, byte[]> e = entries();
        String md = new String(e.get(XdmWriter.METADATA_PATH), StandardCharsets.UTF_8)
                .replace("urn:ihe:iti:2007:AssociationType:XFRM", "urn:ihe:iti:2007:AssociationType:APND");
        e.put(XdmWriter.METADATA_PATH, md.getBytes(StandardCharsets.UTF_8));
        byte[] z = zip(e);
        assertThat(code(() -> XdmReader.create().read(z))).isEqualTo(MssError.XDM_N3_WITHOUT_N1);
    }

    @Test
    void missingMetadataOrDocumentIsRefused() throws IOException {
        Map<String, byte[]> e = entries();
        e.remove(XdmWriter.METADATA_PATH);
        byte[] z = zip(e);
        assertThat(code(() -> XdmReader.create().read(z))).isEqualTo(MssError.XDM_MISSING_FILE);
        Map<String, byte[]> f = entries();
        f.remove("IHE_XDM/SUBSET01/DOC00002.XML");
        byte[] z2 = zip(f);
        assertThat(code(() -> XdmReader.create().read(z2))).isEqualTo(MssError.XDM_MISSING_FILE);
    }

    @Test
    void metadataWithADoctypeIsRefused() throws IOException {
        Map<String, byte[]> e = entries();
        String md = new String(e.get(XdmWriter.METADATA_PATH), StandardCharsets.UTF_8).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>");
        e.put(XdmWriter.METADATA_PATH, md.getBytes(StandardCharsets.UTF_8));
        byte[] z = zip(e);
        assertThat(code(() -> XdmReader.create().read(z))).isEqualTo(MssError.XDM_BAD_METADATA);
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        Map<String, byte[]> e = entries();
        for (int i = 0; i < 10; i++) {
            e.put("EXTRA" + i + ".TXT", new byte[] {1});
        }
        byte[] z = zip(e);
        assertThat(code(() -> XdmReader.builder().maxEntries(8).build().read(z))).isEqualTo(MssError.XDM_TOO_LARGE);
    }

    @Test
    void entryNameNotInUtf8IsACorruptArchive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.ISO_8859_1)) {
            out.putNextEntry(new ZipEntry("IHE_XDM/SUBSET01/DOC\u00e9.XML"));
            out.write(new byte[] {'x'});
            out.closeEntry();
        }
        assertThatThrownBy(() -> XdmReader.create().read(bytes.toByteArray())).isInstanceOf(MssException.class)
                .extracting(e -> ((MssException) e).code()).isEqualTo(MssError.XDM_CORRUPT);
    }
}
