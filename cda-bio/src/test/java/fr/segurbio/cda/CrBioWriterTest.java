package fr.segurbio.cda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import fr.segurbio.cda.xds.Cx;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.cda.xds.Xon;
import fr.segurbio.ins.Ins;
import fr.segurbio.testkit.ConformanceMaterial;

class CrBioWriterTest {

    private final CrBioWriter writer = CrBioWriter.builder().stylesheet("CDA-FO.xsl").build();

    @Test
    void n3HasThe2024TemplateIdsTheStylesheetAndNoSchemaLocation() throws Exception {
        WrittenDocument n3 = writer.n3(Fixtures.report(), Fixtures.pdf());
        String text = new String(n3.document(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<?xml-stylesheet type=\"text/xsl\" href=\"CDA-FO.xsl\"?>");
        assertThat(text).doesNotContain("schemaLocation");
        Document d = Xml.parse(n3.document());
        assertThat(Xml.strings(d, "/h:ClinicalDocument/h:templateId/@root")).containsExactly(
                "2.16.840.1.113883.2.8.2.1", "1.2.250.1.213.1.1.1.1", "1.3.6.1.4.1.19376.1.3.3", "1.2.250.1.213.1.1.1.55");
        assertThat(Xml.string(d, "/h:ClinicalDocument/h:templateId[@root='1.2.250.1.213.1.1.1.55']/@extension"))
                .isEqualTo("2024.01");
        assertThat(Xml.string(d, "/h:ClinicalDocument/h:code/@code")).isEqualTo("11502-2");
        assertThat(Xml.string(d, "/h:ClinicalDocument/h:title")).isEqualTo("Compte rendu d'examens biologiques");
        assertThat(Xml.string(d, "//h:serviceEvent/lab:statusCode/@code")).isEqualTo("completed");
        assertThat(Xml.string(d, "/h:ClinicalDocument/h:relatedDocument[@typeCode='RPLC']/h:parentDocument/h:id/@root"))
                .isEqualTo("1.2.250.1.213.1.1.1.55.2024.9.1");
        assertThat(Xml.string(d, "//h:patientRole/h:id[1]/@root")).isEqualTo("1.2.250.1.213.1.4.10");
        assertThat(Xml.string(d, "//h:patientRole/h:id[1]/@extension")).isEqualTo("279035121518989");
    }

    @Test
    void n3IsValidAgainstTheCdaSchema() throws Exception {
        assumeTrue(Xml.xsd().isPresent(), ConformanceMaterial.missing("conformance/cda/infrastructure/cda/CDA_extended.xsd"));
        assertThat(Xml.xsdErrors(writer.n3(Fixtures.report(), Fixtures.pdf()).document())).isEmpty();
        assertThat(Xml.xsdErrors(writer.n1(Fixtures.report(), Fixtures.pdf()).document())).isEmpty();
    }

    @Test
    void everyNarrativeReferenceResolvesAndEveryObservationHasOne() throws Exception {
        Document d = Xml.parse(writer.n3(Fixtures.report(), Fixtures.pdf()).document());
        List<String> refs = Xml.strings(d, "//h:reference/@value");
        List<String> ids = Xml.strings(d, "//@ID");
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ids).contains(ref.substring(1));
        }
        assertThat(ids).doesNotHaveDuplicates();
        for (String media : Xml.strings(d, "//h:renderMultiMedia/@referencedObject")) {
            assertThat(Xml.number(d, "count(//h:observationMedia[@ID='" + media + "'])")).isEqualTo(1.0);
        }
        assertThat(Xml.number(d, "count(//h:observation[h:templateId/@root='1.2.250.1.213.1.1.3.80'])"))
                .isEqualTo(Xml.number(d, "count(//h:observation[h:templateId/@root='1.2.250.1.213.1.1.3.80']"
                        + "/h:code/h:originalText/h:reference)"));
        assertThat(Xml.strings(d, "//h:td/h:content")).contains("Urée", "Escherichia coli", "Protéine C réactive");
    }

    @Test
    void n3CarriesEveryPartOfTheModel() throws Exception {
        Document d = Xml.parse(writer.n3(Fixtures.report(), Fixtures.pdf()).document());
        // result without LOINC: code without attributes, local code as translation
        assertThat(Xml.string(d, "//h:observation[h:code/h:translation/@code='CRP-LAB']/h:code/@code")).isEmpty();
        // previous result, subcontracting lab at entry and result level, antibiogram, isolate, comments
        assertThat(Xml.string(d, "//h:entryRelationship[@typeCode='REFR']/h:observation/h:value/@value")).isEqualTo("8.5");
        assertThat(Xml.number(d, "count(//h:act/h:performer/h:templateId[@root='1.2.250.1.213.1.1.3.23'])")).isEqualTo(1.0);
        assertThat(Xml.number(d, "count(//h:observation/h:performer/h:templateId[@root='1.2.250.1.213.1.1.3.23'])"))
                .isEqualTo(1.0);
        assertThat(Xml.string(d, "//h:organizer[@classCode='CLUSTER']/h:specimen//h:code/h:translation/@code")).isEqualTo("562");
        assertThat(Xml.string(d, "//h:organizer[h:code/@code='18769-0']//h:value[@xsi:type='IVL_PQ']/h:low/@inclusive"))
                .isEqualTo("true");
        assertThat(Xml.number(d, "count(//h:act[h:code/@code='48767-8'])")).isEqualTo(2.0);
        assertThat(Xml.strings(d, "//h:value/@xsi:type")).contains("PQ", "IVL_PQ", "CD", "ST", "RTO", "BL", "INT", "REAL");
        assertThat(Xml.string(d, "//h:procedure/h:entryRelationship/h:act/h:code/@code")).isEqualTo("SPRECEIVE");
        assertThat(Xml.string(d, "//h:observation[h:statusCode/@code='aborted']/h:value")).isEmpty();
        assertThat(Xml.number(d, "count(//h:section[h:templateId/@root='1.2.250.1.213.1.1.2.73'])")).isEqualTo(1.0);
        assertThat(Xml.number(d, "count(//h:section[h:templateId/@root='1.2.250.1.213.1.1.2.60'])")).isEqualTo(1.0);
        assertThat(Xml.string(d, "//h:observationMedia[h:templateId/@root='1.2.250.1.213.1.1.3.103']/h:value/@mediaType"))
                .isEqualTo("image/png");
        assertThat(Xml.strings(d, "//h:documentationOf/h:serviceEvent/h:code/@code")).containsExactly("18719-5", "18725-2");
    }

    @Test
    void theLastSectionIsThePdfCopy() throws Exception {
        byte[] pdf = Fixtures.pdf();
        Document d = Xml.parse(writer.n3(Fixtures.report(), pdf).document());
        String last = "/h:ClinicalDocument/h:component/h:structuredBody/h:component[last()]/h:section";
        assertThat(Xml.string(d, last + "/h:templateId/@root")).isEqualTo("1.2.250.1.213.1.1.2.243");
        assertThat(Xml.string(d, last + "/h:title")).isEqualTo("Copie du document");
        String b64 = Xml.string(d, last + "//h:observationMedia/h:value");
        assertThat(Base64.getDecoder().decode(b64)).isEqualTo(pdf);
    }

    @Test
    void recipientsAreWrittenAfterTheCustodianInN3AndN1() throws Exception {
        CrBioReport report = Fixtures.report();
        for (WrittenDocument doc : List.of(writer.n3(report, Fixtures.pdf()), writer.n1(report, Fixtures.pdf()))) {
            Document d = Xml.parse(doc.document());
            // CDA order: custodian, informationRecipient*, legalAuthenticator
            assertThat(Xml.number(d, "count(/h:ClinicalDocument/h:informationRecipient)")).isEqualTo(2);
            assertThat(Xml.number(d, "count(/h:ClinicalDocument/h:informationRecipient[1]"
                    + "/preceding-sibling::*[1][self::h:custodian])")).isEqualTo(1);
            assertThat(Xml.number(d, "count(/h:ClinicalDocument/h:informationRecipient[1]"
                    + "/following-sibling::*[1][self::h:informationRecipient])")).isEqualTo(1);
            assertThat(Xml.number(d, "count(/h:ClinicalDocument/h:informationRecipient[2]"
                    + "/following-sibling::*[1][self::h:legalAuthenticator])")).isEqualTo(1);
            String first = "/h:ClinicalDocument/h:informationRecipient[1]/h:intendedRecipient";
            assertThat(Xml.string(d, first + "/h:templateId/@root")).isEqualTo("1.3.6.1.4.1.19376.1.3.3.1.4");
            assertThat(Xml.string(d, first + "/h:id/@root")).isEqualTo(InstanceId.ID_NAT_PS);
            assertThat(Xml.string(d, first + "/h:id/@extension")).isEqualTo("801234567897");
            assertThat(Xml.string(d, first + "/h:addr/h:city")).isEqualTo("PARIS");
            assertThat(Xml.strings(d, first + "/h:telecom/@value"))
                    .containsExactly("tel:0147150000", "mailto:stephane.medioni@medecin.mssante.fr");
            assertThat(Xml.strings(d, first + "/h:informationRecipient/h:name/*"))
                    .containsExactly("M", "Stéphane", "MEDIONI", "DR");
            assertThat(Xml.string(d, first + "/h:receivedOrganization/h:id/@root")).isEqualTo(InstanceId.ID_NAT_STRUCT);
            assertThat(Xml.string(d, first + "/h:receivedOrganization/h:name"))
                    .isEqualTo("Centre de soins le Belvédère");
            String second = "/h:ClinicalDocument/h:informationRecipient[2]/h:intendedRecipient";
            assertThat(Xml.string(d, second + "/h:informationRecipient/h:name/h:family")).isEqualTo("FONTAINE");
            assertThat(Xml.string(d, second + "/h:addr/@nullFlavor")).isEqualTo("UNK");
            assertThat(Xml.number(d, "count(" + second + "/h:receivedOrganization)")).isZero();
        }
    }

    @Test
    void n1WithRecipientsIsValidAgainstTheCdaSchema() throws Exception {
        assumeTrue(Xml.xsd().isPresent(), ConformanceMaterial.missing("conformance/cda/infrastructure/cda/CDA_extended.xsd"));
        assertThat(Fixtures.report().recipients()).hasSize(2);
        assertThat(Xml.xsdErrors(writer.n1(Fixtures.report(), Fixtures.pdf()).document())).isEmpty();
    }

    @Test
    void n1HasExactlyTheThreeN1TemplateIdsAndThePdf() throws Exception {
        byte[] pdf = Fixtures.pdf();
        CrBioReport report = Fixtures.report();
        WrittenDocument n1 = writer.n1(report, pdf);
        Document d = Xml.parse(n1.document());
        assertThat(Xml.strings(d, "/h:ClinicalDocument/h:templateId/@root"))
                .containsExactly("2.16.840.1.113883.2.8.2.1", "1.2.250.1.213.1.1.1.1", "1.3.6.1.4.1.19376.1.2.20");
        assertThat(Xml.string(d, "//h:nonXMLBody/h:text/@mediaType")).isEqualTo("application/pdf");
        assertThat(Base64.getDecoder().decode(Xml.string(d, "//h:nonXMLBody/h:text"))).isEqualTo(pdf);
        assertThat(Xml.number(d, "count(//h:structuredBody)")).isZero();
        assertThat(Xml.string(d, "/h:ClinicalDocument/h:id/@extension")).isEqualTo("N1");
        assertThat(n1.metadata().uniqueId()).isEqualTo("1.2.250.1.213.1.1.1.55.2024.9.2^N1");
        assertThat(n1.metadata().replacedUniqueId()).contains("1.2.250.1.213.1.1.1.55.2024.9.1^N1");
        assertThat(n1.metadata().formatCode().code()).isEqualTo("urn:ihe:iti:xds-sd:pdf:2008");
    }

    @Test
    void metadataDescribesTheBytesWritten() throws Exception {
        WrittenDocument n3 = writer.n3(Fixtures.report(), Fixtures.pdf());
        XdsMetadata m = n3.metadata();
        assertThat(m.kind()).isEqualTo(DocumentKind.N3);
        assertThat(m.size()).isEqualTo(n3.document().length);
        assertThat(m.hash()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(n3.document())));
        assertThat(m.typeCode().code()).isEqualTo("11502-2");
        assertThat(m.classCode().code()).isEqualTo("10");
        assertThat(m.formatCode().code()).isEqualTo("urn:ihe:lab:xd-lab:2008");
        assertThat(m.mimeType()).isEqualTo("text/xml");
        assertThat(m.patientId().map(Cx::format)).contains("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH");
        assertThat(m.sourcePatientId().format()).isEqualTo("1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI");
        assertThat(m.authors()).singleElement().satisfies(a -> {
            assertThat(a.person().format()).startsWith("801234534765^CAMPARINI^Marcel^");
            assertThat(a.institution().map(Xon::format).orElseThrow()).endsWith("^1120459876");
        });
        assertThat(m.intendedRecipients()).hasSize(2);
        assertThat(m).isEqualTo(XdsProjection.n3(Fixtures.report(), n3.document()));
        assertThat(m.confidentialityCode().code()).isEqualTo("N");
        assertThat(m.practiceSettingCode().code()).isEqualTo("AMBULATOIRE");
        assertThat(m.healthcareFacilityTypeCode().code()).isEqualTo("SA25");
        assertThat(m.replacedUniqueId()).contains("1.2.250.1.213.1.1.1.55.2024.9.1");
        assertThat(m.creationTime()).isEqualTo(Fixtures.T0.plusHours(9).toInstant());
    }

    @Test
    void writingIsDeterministic() {
        CrBioReport r = Fixtures.report();
        assertThat(writer.n3(r, Fixtures.pdf()).document()).isEqualTo(writer.n3(r, Fixtures.pdf()).document());
    }

    @Test
    void aNonQualifiedInsGivesADocumentWithTheLocalIdentifierOnlyAndSaysSo() throws Exception {
        Patient p = Fixtures.patient().ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), false).build();
        CrBioReport report = Fixtures.report(p).build();
        assertThat(report.notices().isValid()).isTrue();
        assertThat(report.notices().problems()).singleElement().satisfies(n -> {
            assertThat(n.code()).isEqualTo(CdaError.INS_NOT_QUALIFIED);
            assertThat(n.messageFr()).contains("identifiant local");
        });
        WrittenDocument n3 = writer.n3(report, Fixtures.pdf());
        Document d = Xml.parse(n3.document());
        assertThat(Xml.strings(d, "//h:patientRole/h:id/@root")).containsExactly("1.2.3.4.567.8.9.10");
        assertThat(new String(n3.document(), StandardCharsets.UTF_8)).doesNotContain("279035121518989");
        assertThat(n3.metadata().patientId()).isEmpty();
        assertThat(n3.metadata().sourcePatientId().format()).startsWith("1234567890121^");
        assertThat(n3.metadata().sourcePatientInfo().lines()).noneMatch(l -> l.contains("279035121518989"));
        if (Xml.xsd().isPresent()) {
            assertThat(Xml.xsdErrors(n3.document())).isEmpty();
        }
    }

    @Test
    void aMissingOrFakePdfIsRefused() {
        CrBioReport r = Fixtures.report();
        assertThatThrownBy(() -> writer.n3(r, new byte[0]))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_PDF));
        assertThatThrownBy(() -> writer.n1(r, "<html/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_PDF));
    }

    @Test
    void aStylesheetHrefCannotBreakTheProcessingInstruction() {
        assertThatThrownBy(() -> CrBioWriter.builder().stylesheet("x?><evil/>"))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_VALUE));
    }
}
