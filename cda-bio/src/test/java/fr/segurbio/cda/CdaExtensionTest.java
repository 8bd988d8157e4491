package fr.segurbio.cda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.xml.namespace.QName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.segurbio.cda.CdaExtension.Place;
import fr.segurbio.cda.internal.CrBioVocabulary;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;

/** {@link CdaExtension}: canonical form, refusals (each a test), and how the writer replays it. */
class CdaExtensionTest {

    private static final String HL7 = "xmlns=\"urn:hl7-org:v3\"";

    @Test
    void theFragmentIsCanonicalWhateverItsPrefixesIndentationAndAttributeOrder() {
        CdaExtension a = CdaExtension.of(Place.HEADER, "<?xml version=\"1.0\"?>\n<!-- note -->"
                + "<h:dataEnterer xmlns:h=\"urn:hl7-org:v3\" xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                + "  <h:assignedEntity>\n    <h:id root=\"1.2.3\" extension=\"A\"/>\n"
                + "    <h:code x:type=\"h:CE\" code=\"10\" codeSystem=\"1.2.250.1.71.1.2.7\"/>\n"
                + "    <h:assignedPerson><h:name> <h:family>DUPONT</h:family> </h:name></h:assignedPerson>\n"
                + "  </h:assignedEntity>\n</h:dataEnterer>");
        CdaExtension b = CdaExtension.of(Place.HEADER, "<dataEnterer " + HL7 + " xmlns:xsi=\"http://www.w3.org/2001/"
                + "XMLSchema-instance\"><assignedEntity><id extension=\"A\" root=\"1.2.3\"></id><code code=\"10\" "
                + "codeSystem=\"1.2.250.1.71.1.2.7\" xsi:type=\"CE\"/><assignedPerson><name><family>DUPONT</family>"
                + "</name></assignedPerson></assignedEntity></dataEnterer>");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.xml()).isEqualTo("<dataEnterer xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/"
                + "XMLSchema-instance\"><assignedEntity><id extension=\"A\" root=\"1.2.3\"/><code code=\"10\" "
                + "codeSystem=\"1.2.250.1.71.1.2.7\" xsi:type=\"CE\"/><assignedPerson><name><family>DUPONT</family>"
                + "</name></assignedPerson></assignedEntity></dataEnterer>");
        assertThat(a.name()).isEqualTo(new QName(CrBioVocabulary.NS_HL7, "dataEnterer"));
        assertThat(a.place()).isEqualTo(Place.HEADER);
        assertThat(CdaExtension.of(Place.PATIENT, a.xml().replace("dataEnterer", "guardian")))
                .as("the place is part of the identity").isNotEqualTo(a);
    }

    @Test
    void textIsKeptAsWrittenAndEscapedAndExtensionNamespacesGetTheirCanonicalPrefix() {
        CdaExtension e = CdaExtension.of(Place.PATIENT, "<guardian " + HL7 + " xmlns:s=\"urn:hl7-org:sdtc\">"
                + "<guardianOrganization><name>  Conseil &amp; &lt;famille&gt; ]]&gt; </name>"
                + "<s:desc>A<![CDATA[<b>]]></s:desc></guardianOrganization></guardian>");
        assertThat(e.xml()).isEqualTo("<guardian xmlns=\"urn:hl7-org:v3\" xmlns:sdtc=\"urn:hl7-org:sdtc\">"
                + "<guardianOrganization><name>  Conseil &amp; &lt;famille&gt; ]]&gt; </name>"
                + "<sdtc:desc>A&lt;b&gt;</sdtc:desc></guardianOrganization></guardian>");
        CdaExtension sdtc = CdaExtension.of(Place.PATIENT, "<d:deceasedInd xmlns:d=\"urn:hl7-org:sdtc\" value=\"false\"/>");
        assertThat(sdtc.name()).isEqualTo(new QName(CdaExtension.NS_SDTC, "deceasedInd"));
        assertThat(sdtc.xml()).isEqualTo("<sdtc:deceasedInd xmlns=\"urn:hl7-org:v3\" xmlns:sdtc=\"urn:hl7-org:sdtc\""
                + " value=\"false\"/>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a DTD|<!DOCTYPE dataEnterer [<!ENTITY x \"y\">]><dataEnterer xmlns=\"urn:hl7-org:v3\">&x;</dataEnterer>|DTD",
        "an external entity|<!DOCTYPE d SYSTEM \"file:///etc/passwd\"><dataEnterer xmlns=\"urn:hl7-org:v3\"/>|DTD",
        "an undeclared entity|<dataEnterer xmlns=\"urn:hl7-org:v3\">&x;</dataEnterer>|x",
        "unbalanced markup|<dataEnterer xmlns=\"urn:hl7-org:v3\"><assignedEntity></dataEnterer>|malformed",
        "two elements|<dataEnterer xmlns=\"urn:hl7-org:v3\"/><authorization xmlns=\"urn:hl7-org:v3\"/>|malformed",
        "text only|no element here|malformed",
        "an empty fragment|'   '|",
        "an element the schema does not allow there|<custodian xmlns=\"urn:hl7-org:v3\"/>|not allowed there",
        "an element without namespace|<dataEnterer/>|not allowed there",
        "an element of another namespace|<dataEnterer xmlns=\"urn:hl7-org:v3\"><x:evil xmlns:x=\"urn:evil\"/></dataEnterer>|urn:evil",
        "an attribute of another namespace|<dataEnterer xmlns=\"urn:hl7-org:v3\" xmlns:x=\"urn:evil\" x:a=\"1\"/>|urn:evil",
        "xsi:schemaLocation|<dataEnterer xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:hl7-org:v3 http://evil/x.xsd\"/>|xsi:schemaLocation",
        "an xsi:type of an unknown prefix|<dataEnterer xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><time xsi:type=\"q:TS\"/></dataEnterer>|q:TS",
    })
    void aFragmentThatIsNotOneAllowedElementIsRefused(String what, String xml, String inMessage) {
        assertThatThrownBy(() -> CdaExtension.of(Place.HEADER, xml)).as(what).isInstanceOfSatisfying(CdaException.class,
                e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.code()).isEqualTo(CdaError.BAD_EXTENSION);
                        assertThat(p.message(Locale.FRENCH)).contains("Extension CDA refusée");
                        if (inMessage != null) {
                            assertThat(p.message(Locale.ENGLISH)).contains(inMessage);
                        }
                    });
                });
    }

    @Test
    void moreExtensionsThanTheSchemaAllowsAtAPlaceAreRefusedByTheReportBuilder() {
        CdaExtension enterer = CdaExtension.of(Place.HEADER, "<dataEnterer " + HL7 + "><assignedEntity><id root=\"1.2.3\"/>"
                + "</assignedEntity></dataEnterer>");
        CrBioReport.Builder b = Fixtures.report().toBuilder().extension(enterer).extension(enterer);
        assertThatThrownBy(b::build).isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.problems())
                .anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(CdaError.BAD_EXTENSION);
                    assertThat(p.path()).isEqualTo("extensions[1]");
                    assertThat(p.message(Locale.ENGLISH)).contains("only 1");
                }));
    }

    @Test
    void theWriterReplaysTheFragmentElementByElementSoItsTextCannotBreakTheDocument() {
        CdaExtension tricky = CdaExtension.of(Place.HEADER, "<authorization " + HL7 + "><consent><code code=\"X\" "
                + "codeSystem=\"1.2.3\" displayName=\"&quot;&gt;&lt;/authorization&gt;&lt;!DOCTYPE x&gt;\"/>"
                + "<statusCode code=\"completed\"/></consent></authorization>");
        CdaExtension desc = CdaExtension.of(Place.PATIENT, "<languageCommunication " + HL7 + "><languageCode code=\"fr-FR\"/>"
                + "</languageCommunication>");
        CrBioReport report = Fixtures.report().toBuilder().extension(tricky).extension(desc).build();
        byte[] n3 = CrBioWriter.standard().n3(report, Fixtures.pdf()).document();
        String xml = new String(n3, StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("<!DOCTYPE").contains("&lt;/authorization").contains("&lt;!DOCTYPE x")
                .containsOnlyOnce("<authorization>").containsOnlyOnce("<languageCommunication>");
        assertThat(xml.indexOf("<authorization>")).isGreaterThan(xml.indexOf("<documentationOf>"))
                .isLessThan(xml.indexOf("<componentOf>"));
        assertThat(xml.indexOf("<languageCommunication>")).isGreaterThan(xml.indexOf("<birthTime"))
                .isLessThan(xml.indexOf("</patient>"));
        ReadDocument again = CrBioReader.create().read(new ByteArrayInputStream(n3));
        assertThat(again.report().extensions()).as("in document order").containsExactly(desc, tricky);
        assertThat(report.extensions()).as("in document order whatever the order given").containsExactly(desc, tricky);
    }
}
