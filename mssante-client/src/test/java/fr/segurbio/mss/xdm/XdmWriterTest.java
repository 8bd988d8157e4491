package fr.segurbio.mss.xdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.mss.TestReports;
import fr.segurbio.testkit.ConformanceMaterial;

class XdmWriterTest {

    private final TestReports.Documents docs = TestReports.qualified();
    private final byte[] zip = XdmWriter.create().write(docs.submission());

    @Test
    void layoutIsTheIheXdmOneWithEightDotThreeNames() throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        assertThat(names).containsExactly("INDEX.HTM", "README.TXT", "IHE_XDM/SUBSET01/METADATA.XML",
                "IHE_XDM/SUBSET01/DOC00001.XML", "IHE_XDM/SUBSET01/DOC00002.XML");
        for (String n : names) {
            for (String part : n.split("/")) {
                assertThat(part).matches("[A-Z0-9_]{1,8}(\\.[A-Z0-9]{1,3})?");
            }
        }
    }

    @Test
    void metadataIsValidEbRs30() throws Exception {
        Optional<Path> xsd = ConformanceMaterial.find("conformance/xds/wsdl/schema/ebRS30/lcm.xsd");
        assumeTrue(xsd.isPresent(), ConformanceMaterial.missing("conformance/xds/wsdl/schema/ebRS30/lcm.xsd"));
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = f.newSchema(xsd.get().toFile());
        Validator v = schema.newValidator();
        List<String> errors = new ArrayList<>();
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }
        });
        byte[] metadata = XdmWriter.create().metadata(docs.submission());
        v.validate(new StreamSource(new ByteArrayInputStream(metadata)));
        assertThat(errors).isEmpty();
        String xml = new String(metadata, StandardCharsets.UTF_8);
        assertThat(xml).contains("urn:ihe:iti:2007:AssociationType:XFRM")
                .contains("<rim:Value>DOC00001.XML</rim:Value>")
                .contains("<rim:Value>" + docs.n3().metadata().hash() + "</rim:Value>")
                .contains("<rim:Value>" + docs.n3().metadata().size() + "</rim:Value>")
                .contains("value=\"" + TestReports.INS + "^^^&amp;1.2.250.1.213.1.4.8&amp;ISO^NH\"")
                .contains("|^^Internet^dr.martin@medecin.mssante.fr");
    }

    @Test
    void roundTripGivesBackTheDocumentsAndTheirMetadata() {
        XdmPackage read = XdmReader.create().read(zip);
        assertThat(read.documents()).hasSize(2);
        XdmEntry n3 = read.n3().orElseThrow();
        XdmEntry n1 = read.n1().orElseThrow();
        assertThat(n3.content()).isEqualTo(docs.n3().document());
        assertThat(n1.content()).isEqualTo(docs.n1().document());
        assertThat(n3.formatCode()).isEqualTo(XdmEntry.FORMAT_N3);
        assertThat(n1.formatCode()).isEqualTo("urn:ihe:iti:xds-sd:pdf:2008");
        assertThat(n3.uniqueId()).isEqualTo(docs.n3().metadata().uniqueId());
        assertThat(n3.slot("hash")).contains(docs.n3().metadata().hash());
        assertThat(n3.slots().get("sourcePatientInfo")).isEqualTo(docs.n3().metadata().sourcePatientInfo().lines());
        assertThat(n3.codes()).containsEntry("classCode", "10").containsEntry("typeCode", "11502-2")
                .containsKey("practiceSettingCode");
        assertThat(n3.authors()).hasSize(docs.n3().metadata().authors().size())
                .allMatch(a -> a.contains("&1.2.250.1.71.4.2.1&ISO"));
        assertThat(read.submissionSetUniqueId()).isEqualTo("1.2.250.1.213.1.1.9.99.1");
        assertThat(read.sourceId()).isEqualTo("1.2.250.1.213.1.1.9");
        assertThat(read.patientId()).startsWith(TestReports.INS);
        assertThat(read.intendedRecipients()).containsExactly("|^^Internet^dr.martin@medecin.mssante.fr");
        assertThat(read.readme()).contains("Ségur Bio SDK");
        // the documents themselves read back as a CR-BIO
        assertThat(CrBioReader.create().read(n3.content()).report().patient().birthFamilyName()).isEqualTo("ADRUN");
    }

    @Test
    void archiveIsReproducible() {
        assertThat(XdmWriter.create().write(docs.submission())).isEqualTo(zip);
    }

    @Test
    void indexLinksEveryDocument() throws Exception {
        String index = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals("INDEX.HTM")) {
                    index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(index).contains("href=\"IHE_XDM/SUBSET01/DOC00001.XML\"")
                .contains("href=\"IHE_XDM/SUBSET01/DOC00002.XML\"");
    }

    @Test
    void base64TextIsStoredAndMarkupDeflatedInTheSameEntry() throws Exception {
        java.util.Random random = new java.util.Random(7);
        byte[] pdfLike = new byte[60_000];
        random.nextBytes(pdfLike);
        String base64 = java.util.Base64.getMimeEncoder().encodeToString(pdfLike);
        StringBuilder markup = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            markup.append("<observation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"2345-7\"/></observation>");
        }
        byte[] content = ("<doc>" + markup + "<text representation=\"B64\">" + base64 + "</text></doc>")
                .getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (XdmWriter.AdaptiveZip z = new XdmWriter.AdaptiveZip(out)) {
            z.putNextEntry(new ZipEntry("A.XML"));
            z.writeAdaptive(content);
            z.closeEntry();
        }
        try (java.util.zip.ZipFile read = zipFile(out.toByteArray())) {
            ZipEntry e = read.getEntry("A.XML");
            assertThat(e.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(read.getInputStream(e).readAllBytes()).isEqualTo(content);
            // the markup (about 30 KB) shrinks to almost nothing, the base64 text stays as it is
            assertThat(e.getCompressedSize()).isLessThan(base64.length() + markup.length() / 4)
                    .isGreaterThanOrEqualTo(base64.length() - XdmWriter.AdaptiveZip.CHUNK);
        }
    }

    @Test
    void base64TextIsRecognisedByItsAlphabetOnly() {
        byte[] text = "QUJD+/09\r\nZGVm=".getBytes(StandardCharsets.US_ASCII);
        assertThat(XdmWriter.AdaptiveZip.isBase64Text(text, 0, text.length)).isTrue();
        byte[] markup = "QUJD<a/>".getBytes(StandardCharsets.US_ASCII);
        assertThat(XdmWriter.AdaptiveZip.isBase64Text(markup, 0, markup.length)).isFalse();
        assertThat(XdmWriter.AdaptiveZip.isBase64Text(markup, 0, 4)).isTrue();
        byte[] utf8 = "QUJDé".getBytes(StandardCharsets.UTF_8);
        assertThat(XdmWriter.AdaptiveZip.isBase64Text(utf8, 0, utf8.length)).isFalse();
    }

    private static java.util.zip.ZipFile zipFile(byte[] bytes) throws java.io.IOException {
        Path file = java.nio.file.Files.createTempFile("xdm", ".zip");
        java.nio.file.Files.write(file, bytes);
        file.toFile().deleteOnExit();
        return new java.util.zip.ZipFile(file.toFile());
    }
}
