package fr.segurbio.mss.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.TestReports;
import fr.segurbio.mss.mail.OperatorSettings;
import fr.segurbio.mss.returns.Reception;
import fr.segurbio.mss.returns.ReturnMessage;
import fr.segurbio.mss.returns.ReturnParser;
import fr.segurbio.mss.xdm.XdmEntry;
import fr.segurbio.mss.xdm.XdmPackage;
import fr.segurbio.mss.xdm.XdmReader;
import fr.segurbio.mss.xdm.XdmWriter;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Fuzz targets of mssante-client's readers of what arrives by MSSanté: the {@code IHE_XDM.ZIP} reader (limits, zip
 * slip, zip bombs, duplicate names, hashes and sizes, N3 with its N1) and the returns (MDN, DSN, KO messages) with
 * the receiving side's check of a received message, and the operator's AutoConfig file ({@code config-v1.1.xml}). A result or an {@link MssException} with its code, never
 * another exception. Seeds: {@code MssFuzzTestInputs/<method>} (archives and returns written by this SDK or by
 * hand), and the archives the tests build, with hostile variants, in {@link #generatedArchivesAsSeeds()}.
 */
class MssFuzzTest {

    private static final XdmReader READER = XdmReader.create();
    private static final XdmReader SMALL_LIMITS = XdmReader.builder().maxArchiveBytes(256 * 1024)
            .maxInflatedBytes(1024 * 1024).maxEntries(20).build();
    private static final java.util.Set<String> MSSANTE = java.util.Set.of("mssante.fr");
    private static final Session SESSION = Session.getInstance(new Properties());

    @FuzzTest(maxDuration = "2m")
    void xdm(byte[] input) {
        FuzzProperty.check(MssException.class, input.length, () -> READER.read(input)).ifPresent(MssFuzzTest::sound);
        FuzzProperty.check(MssException.class, input.length, () -> SMALL_LIMITS.read(input))
                .ifPresent(MssFuzzTest::sound);
    }

    @FuzzTest(maxDuration = "2m")
    void returns(byte[] input) {
        Optional<MimeMessage> message = mime(input);
        if (message.isEmpty()) {
            return;
        }
        FuzzProperty.check(MssException.class, input.length, () -> ReturnParser.create().parse(message.get()))
                .ifPresent(list -> {
                    for (ReturnMessage r : list) {
                        assertThat(r).isNotNull();
                    }
                });
        FuzzProperty.check(MssException.class, input.length, () -> Reception.of(message.get()))
                .ifPresent(r -> assertThat(r.accepted() || r.errorCode().isPresent()).as("accepted, or refused with a code").isTrue());
    }

    /**
     * The operator's AutoConfig file: settings, or {@code MSS-201} / {@code MSS-209}. What is accepted keeps its
     * promise: both servers in the allowed domains, over TLS, on a real port.
     */
    @FuzzTest(maxDuration = "2m")
    void autoConfig(byte[] input) {
        FuzzProperty.check(MssException.class, input.length,
                () -> OperatorSettings.fromAutoConfig(new ByteArrayInputStream(input), MSSANTE))
                .ifPresent(s -> {
                    for (var e : List.of(s.smtp(), s.imap())) {
                        assertThat(e.host()).as("server host").satisfies(h -> assertThat(
                                h.equals("mssante.fr") || h.endsWith(".mssante.fr")).as(h).isTrue());
                        assertThat(e.port()).isBetween(1, 65_535);
                        assertThat(e.tls()).isNotNull();
                    }
                });
    }

    /** What an accepted archive promises: each document has its metadata's size and hash, an N3 has its N1. */
    private static void sound(XdmPackage p) {
        for (XdmEntry e : p.documents()) {
            assertThat(e.slot("size")).contains(Integer.toString(e.content().length));
            assertThat(e.slot("hash").map(h -> h.toLowerCase(java.util.Locale.ROOT))).contains(sha1(e.content()));
        }
        if (p.n3().isPresent()) {
            assertThat(p.n1()).as("N1 of an accepted N3").isPresent();
        }
    }

    /** A message as Jakarta Mail reads it from the mailbox; what it cannot read at all is not our parser's input. */
    private static Optional<MimeMessage> mime(byte[] input) {
        try {
            return Optional.of(new MimeMessage(SESSION, new ByteArrayInputStream(input)));
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The archives the tests build (a real report's N3 and N1) and hostile variants of them, through the property
     * and with the refusal each must get.
     *
     * @return one test per archive
     */
    @TestFactory
    Stream<DynamicTest> generatedArchivesAsSeeds() {
        byte[] real = XdmWriter.create().write(TestReports.qualified().submission());
        List<Entry> entries = entries(real);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(expect("real archive", real, null));
        tests.add(expect("entry name with ..", zip(rename(entries, "IHE_XDM/SUBSET01/../../DOC00002.XML")),
                MssError.XDM_PATH_TRAVERSAL));
        tests.add(expect("absolute entry name", zip(rename(entries, "/etc/DOC00002.XML")), MssError.XDM_PATH_TRAVERSAL));
        tests.add(expect("backslashes in a name", zip(rename(entries, "IHE_XDM\\SUBSET01\\DOC00002.XML")),
                MssError.XDM_PATH_TRAVERSAL));
        tests.add(expect("drive letter", zip(rename(entries, "C:/DOC00002.XML")), MssError.XDM_PATH_TRAVERSAL));
        List<Entry> bomb = new ArrayList<>(entries);
        bomb.add(new Entry("IHE_XDM/SUBSET01/ZERO.BIN", new byte[8 * 1024 * 1024]));
        tests.add(expect("high compression ratio", zip(bomb), MssError.XDM_TOO_LARGE));
        List<Entry> many = new ArrayList<>(entries);
        for (int i = 0; i < XdmReader.DEFAULT_MAX_ENTRIES + 1; i++) {
            many.add(new Entry("IHE_XDM/SUBSET01/F" + i + ".TXT", new byte[] {'x'}));
        }
        tests.add(expect("too many entries", zip(many), MssError.XDM_TOO_LARGE));
        List<Entry> nested = new ArrayList<>(entries);
        nested.add(new Entry("IHE_XDM/SUBSET01/INNER.ZIP", zip(List.of(new Entry("ZERO.BIN", new byte[1 << 20])))));
        tests.add(expect("nested archive", zip(nested), null));
        return tests.stream();
    }

    private static DynamicTest expect(String name, byte[] zip, MssError refusal) {
        return DynamicTest.dynamicTest(name, () -> {
            Optional<XdmPackage> read = FuzzProperty.check(MssException.class, zip.length, () -> READER.read(zip));
            read.ifPresent(MssFuzzTest::sound);
            if (refusal != null) {
                assertThat(read).as(name).isEmpty();
                try {
                    READER.read(zip);
                } catch (MssException e) {
                    assertThat(e.code()).as(name).isEqualTo(refusal);
                }
            }
        });
    }

    private record Entry(String name, byte[] content) {
    }

    private static List<Entry> entries(byte[] zip) {
        List<Entry> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.add(new Entry(e.getName(), in.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<Entry> rename(List<Entry> entries, String n1Name) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.name().endsWith("DOC00002.XML") ? new Entry(n1Name, e.content()) : e);
        }
        return out;
    }

    private static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Entry e : entries) {
                out.putNextEntry(new ZipEntry(e.name()));
                out.write(e.content());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
