package fr.segurbio.cda.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import fr.segurbio.cda.CdaExtension;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.JsonReport;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.validation.SharedValidator;
import fr.segurbio.core.Severity;
import fr.segurbio.transport.SecureXml;

/**
 * What the model does not cover is kept: every kind of unmodelled element, added to ANS examples of the three volet
 * versions where the CDA schema and the ANS validation accept it, is read as a {@link CdaExtension} (notice
 * {@code CDA-617}), written back at the place the CDA schema gives it, the re-written document has 0 errors with
 * the full ANS set, and reading it again gives the same model (every field, the extensions included).
 */
class CrBioExtensionsTest {

    private static final String HL7 = "urn:hl7-org:v3";

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
        // what | example | insert before (first occurrence) | the element | place | its parent | written after
        "dataEnterer|BIO-CR-BIO_2024.01_TSH_1.xml|<custodian>|<dataEnterer><assignedEntity><id root=\"1.2.250.1.71.4.2.1\" extension=\"801234567897\"/></assignedEntity></dataEnterer>|HEADER|ClinicalDocument|author",
        "informant that is a professional|BIO-CR-BIO_2024.01_TSH_2.xml|<custodian>|<informant><assignedEntity><id root=\"1.2.250.1.71.4.2.1\" extension=\"801234567897\"/><assignedPerson><name><family>DUPONT</family></name></assignedPerson></assignedEntity></informant>|HEADER|ClinicalDocument|author",
        "recipient without idNat_PS|BIO-CR-BIO_2024.01_Glycemie_mole.xml|<legalAuthenticator>|<informationRecipient><intendedRecipient><informationRecipient><name><family>SANSID</family></name></informationRecipient></intendedRecipient></informationRecipient>|HEADER|ClinicalDocument|custodian",
        "consultant participant|BIO-CR-BIO_2024.01_TSH_1.xml|<inFulfillmentOf>|<participant typeCode=\"CON\"><time value=\"20240104\"/><associatedEntity classCode=\"PROV\"><id root=\"1.2.250.1.71.4.2.1\" extension=\"801234567897\"/><associatedPerson><name><family>CONSULTANT</family></name></associatedPerson></associatedEntity></participant>|HEADER|ClinicalDocument|participant",
        "copyTime|BIO-CR-BIO_2023.01_Electrophorese.xml|<recordTarget>|<copyTime value=\"20240104\"/>|HEADER|ClinicalDocument|versionNumber",
        "second order|BIO-CR-BIO_2021.01_Microbiologie_V1.xml|<documentationOf>|<inFulfillmentOf><order><id root=\"1.2.250.1.213.1.1.9.77\" extension=\"CMD-2\"/></order></inFulfillmentOf>|HEADER|ClinicalDocument|inFulfillmentOf",
        "appended document|BIO-CR-BIO_2024.01_TSH_1.xml|<componentOf>|<relatedDocument typeCode=\"APND\"><parentDocument><id root=\"1.2.250.1.213.1.1.9.99\"/></parentDocument></relatedDocument>|HEADER|ClinicalDocument|documentationOf",
        "authorization|BIO-CR-BIO_2021.01_Electrophorese.xml|<componentOf>|<authorization><consent><code code=\"X\" codeSystem=\"1.2.3\"/><statusCode code=\"completed\"/></consent></authorization>|HEADER|ClinicalDocument|documentationOf",
        "guardian organization|BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml|<birthplace>|<guardian><guardianOrganization><name>Conseil départemental &amp; co</name></guardianOrganization></guardian>|PATIENT|patient|guardian",
        "deceased indicator (sdtc)|BIO-CR-BIO_2024.01_TSH_2.xml|<guardian>|<sdtc:deceasedInd xmlns:sdtc=\"urn:hl7-org:sdtc\" value=\"false\"/>|PATIENT|patient|birthTime",
        "marital status|BIO-CR-BIO_2021.01_CR-2nde-intention.xml|<guardian>|<maritalStatusCode code=\"M\" codeSystem=\"2.16.840.1.113883.5.2\"/>|PATIENT|patient|birthTime",
        "language|BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2.xml|</patient>|<languageCommunication><languageCode code=\"fr-FR\"/></languageCommunication>|PATIENT|patient|birthplace",
        "provider organization|BIO-CR-BIO_2024.01_Glycemie_mmol_par_Litre_1.xml|</patientRole>|<providerOrganization><id root=\"1.2.250.1.71.4.2.2\" extension=\"1234567\"/><name>Clinique</name></providerOrganization>|PATIENT_ROLE|patientRole|patient",
    })
    void anUnmodelledElementIsKeptWrittenBackInPlaceAndValid(String what, String example, String before, String element,
            String place, String parent, String writtenAfter) throws Exception {
        String source = Files.readString(SharedValidator.example(example), StandardCharsets.UTF_8);
        int at = source.indexOf(before);
        assertThat(at).as("%s has %s", example, before).isPositive();
        byte[] bytes = (source.substring(0, at) + element + source.substring(at)).getBytes(StandardCharsets.UTF_8);
        assertThat(SharedValidator.get().validate(bytes).errors()).as("the ANS validation accepts the variant")
                .isEmpty();

        ReadDocument first = CrBioFidelityTest.READER.read(bytes);
        CdaExtension expected = CdaExtension.of(CdaExtension.Place.valueOf(place), "<" + name(element)
                + " xmlns=\"" + HL7 + "\"" + element.substring(name(element).length() + 1));
        assertThat(first.report().extensions()).as(what).contains(expected);
        assertThat(first.checks().problems()).filteredOn(p -> p.code() == CdaReadError.KEPT_AS_EXTENSION)
                .anySatisfy(p -> {
                    assertThat(p.severity()).isEqualTo(Severity.INFO);
                    assertThat(p.path()).contains(localName(element));
                    assertThat(p.message(Locale.ENGLISH)).contains("kept as written");
                    assertThat(p.message(Locale.FRENCH)).contains("conservé tel qu'écrit");
                });
        assertThat(first.checks().problems()).noneMatch(p -> p.code() == CdaReadError.NOT_KEPT);

        ReadDocument again = CrBioFidelityTest.roundTrip(what, first);
        assertThat(again.report().extensions()).isEqualTo(first.report().extensions());

        // in the output, right after the elements the model writes before it, under the same parent
        byte[] pdf = first.pdfCopy().orElseGet(() -> CrBioPdfRenderer.create().render(first.report()));
        Document out = SecureXml.parse(CrBioWriter.standard().n3(first.report(), pdf).document());
        Element p = first(out.getDocumentElement(), parent);
        List<String> children = new ArrayList<>();
        for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e.getLocalName());
            }
        }
        int index = children.lastIndexOf(localName(element));
        assertThat(index).as("%s under %s: %s", what, parent, children).isPositive();
        assertThat(children.get(index - 1)).as("%s written after: %s", what, children).isEqualTo(writtenAfter);
    }

    @Test
    void theAnsExamplesServiceEventsWithoutAChapterAreKeptAndTheOnesTheWriterWritesAreNotDoubled() throws IOException {
        ReadDocument tsh = CrBioFidelityTest.READER.read(Files.readAllBytes(
                SharedValidator.example("BIO-CR-BIO_2024.01_TSH_1.xml")));
        assertThat(tsh.report().extensions()).extracting(e -> e.name().getLocalPart())
                .containsExactly("documentationOf", "documentationOf");
        assertThat(tsh.report().extensions().get(0).xml()).contains("18727-8");
        assertThat(tsh.report().extensions().get(1).xml()).contains("18718-7");
        String written = new String(CrBioWriter.standard().n3(tsh.report(), tsh.pdfCopy().orElseThrow()).document(),
                StandardCharsets.UTF_8);
        assertThat(count(written, "<documentationOf>")).isEqualTo(3);

        // the electrophoresis's further service events are its chapters' codes: written from the chapters, once
        ReadDocument electro = CrBioFidelityTest.READER.read(Files.readAllBytes(
                SharedValidator.example("BIO-CR-BIO_2023.01_Electrophorese.xml")));
        assertThat(electro.report().extensions()).isEmpty();
        String electroWritten = new String(CrBioWriter.standard().n3(electro.report(), electro.pdfCopy().orElseThrow())
                .document(), StandardCharsets.UTF_8);
        assertThat(count(electroWritten, "<documentationOf>")).isEqualTo(3);
    }

    @Test
    void anElementNoExtensionCanCarryIsStillListedAsNotKeptWithTheReason() throws IOException {
        String tsh = Files.readString(SharedValidator.example("BIO-CR-BIO_2024.01_TSH_1.xml"), StandardCharsets.UTF_8);
        String withId = tsh.replaceFirst("<patient classCode=\"PSN\">", "<patient classCode=\"PSN\"><id root=\"1.2.3\"/>");
        assertThat(withId).contains("<id root=\"1.2.3\"/>");
        ReadDocument doc = CrBioFidelityTest.READER.read(withId.getBytes(StandardCharsets.UTF_8));
        assertThat(doc.checks().problems()).filteredOn(p -> p.code() == CdaReadError.NOT_KEPT).singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).endsWith("/patient/id");
                    assertThat(p.message(Locale.ENGLISH)).contains("patient/id").contains("not allowed there");
                    assertThat(p.message(Locale.FRENCH)).contains("n'est pas permis là");
                });
    }

    @Test
    void theJsonOfSegurCdaReadCarriesTheExtensionsAndSegurCdaBuildReadsThemBack() throws IOException {
        String tsh = Files.readString(SharedValidator.example("BIO-CR-BIO_2024.01_TSH_1.xml"), StandardCharsets.UTF_8);
        String variant = tsh.replaceFirst("<custodian>", "<dataEnterer><assignedEntity><id root=\"1.2.250.1.71.4.2.1\" "
                + "extension=\"801234567897\"/></assignedEntity></dataEnterer><custodian>")
                .replaceFirst("<birthplace>", "<guardian><guardianOrganization><name>ASE</name></guardianOrganization>"
                        + "</guardian><birthplace>");
        ReadDocument doc = CrBioFidelityTest.READER.read(variant.getBytes(StandardCharsets.UTF_8));
        CrBioReport report = doc.report();
        assertThat(report.extensions()).hasSize(4);
        String json = CrBioJson.write(new JsonReport("tsh", report, doc.pdfCopy(), java.util.Optional.empty()));
        assertThat(json).contains("\"extensions\"").contains("\"place\" : \"patient\"").contains("\"place\" : \"header\"");
        JsonReport back = CrBioJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null);
        assertThat(back.report().extensions()).isEqualTo(report.extensions());
        assertThat(CrBioJson.write(back)).isEqualTo(json);
    }

    @Test
    void aJsonExtensionThatIsNotAnAllowedElementOrPlaceIsRefusedAtItsPointer() throws IOException {
        ReadDocument doc = CrBioFidelityTest.READER.read(Files.readAllBytes(
                SharedValidator.example("BIO-CR-BIO_2024.01_TSH_2.xml")));
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                CrBioFidelityTest.MAPPER.readTree(CrBioJson.write(doc.report()));
        com.fasterxml.jackson.databind.node.ArrayNode ext = json.putArray("extensions");
        ext.addObject().put("place", "header").put("xml", "<custodian xmlns=\"urn:hl7-org:v3\"/>");
        ext.addObject().put("place", "body").put("xml", "<dataEnterer xmlns=\"urn:hl7-org:v3\"/>");
        ext.addObject().put("place", "header").put("xml", "<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<dataEnterer xmlns=\"urn:hl7-org:v3\">&e;</dataEnterer>");
        byte[] bytes = CrBioFidelityTest.MAPPER.writeValueAsBytes(json);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CrBioJson.read(new ByteArrayInputStream(bytes), null))
                .isInstanceOfSatisfying(fr.segurbio.cda.CdaException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.code()).isEqualTo(fr.segurbio.cda.CdaError.BAD_EXTENSION);
                        assertThat(p.path()).startsWith("/extensions/0");
                        assertThat(p.message(Locale.ENGLISH)).contains("custodian");
                    });
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p.path()).startsWith("/extensions/1/place"));
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.path()).startsWith("/extensions/2");
                        assertThat(p.message(Locale.ENGLISH)).contains("DTD");
                    });
                });
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String name(String element) {
        Matcher m = Pattern.compile("^<([^ >/]+)").matcher(element);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String localName(String element) {
        String n = name(element);
        return n.substring(n.indexOf(':') + 1);
    }

    private static Element first(Element root, String name) {
        if (name.equals(root.getLocalName())) {
            return root;
        }
        org.w3c.dom.NodeList list = root.getElementsByTagNameNS(HL7, name);
        assertThat(list.getLength()).as(name).isPositive();
        return (Element) list.item(0);
    }
}
