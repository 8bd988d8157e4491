package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.dmp.internal.Dom;
import fr.segurbio.dmp.internal.EntryData;
import fr.segurbio.dmp.internal.Metadata;
import fr.segurbio.dmp.internal.Requests;
import fr.segurbio.dmp.internal.RimWriter;
import fr.segurbio.dmp.internal.Xds;
import fr.segurbio.transport.SecureXml;

/** The ITI-18, ITI-43 and ITI-57 requests against the XDS.b / ebRS 3.0 schemas (ITI-41: SubmitTest). */
class RequestSchemasTest {

    @Test
    void storedQueriesValidate() throws Exception {
        Map<String, List<String>> slots = new LinkedHashMap<>();
        slots.put("$XDSDocumentEntryPatientId", List.of(Requests.quote("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH")));
        slots.put("$XDSDocumentEntryStatus", List.of(Requests.list(List.of(Xds.APPROVED, Xds.ARCHIVED))));
        slots.put("$XDSDocumentEntryTypeCode", List.of(Requests.list(List.of("11502-2^^2.16.840.1.113883.6.1"))));
        Element q = Requests.storedQuery(Xds.FIND_DOCUMENTS, slots);
        assertThat(Schemas.errors(Schemas.xds(), q)).isEmpty();
        assertThat(SecureXml.toString(q)).contains("('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',"
                + "'urn:asip:ci-sis:2010:StatusType:Archived')");
        Element get = Requests.storedQuery(Xds.GET_DOCUMENTS, Map.of("$XDSDocumentEntryUniqueId",
                List.of(Requests.list(List.of("1.2.3^A'B")))));
        assertThat(Schemas.errors(Schemas.xds(), get)).isEmpty();
        assertThat(SecureXml.toString(get)).contains("('1.2.3^A''B')");
    }

    @Test
    void retrieveValidates() throws Exception {
        Element r = Requests.retrieve(DmpClient.DEFAULT_REPOSITORY, List.of("1.2.3^CR-1", "1.2.3^CR-1-N1"));
        assertThat(Schemas.errors(Schemas.xds(), r)).isEmpty();
    }

    @Test
    void updatesValidate() throws Exception {
        // an entry as the registry returns it: the SDK's own DocumentEntry with a status and a version
        WrittenDocument n3 = CrBioWriter.standard().n3(Fixtures.report("RQ-1"), Fixtures.PDF);
        EntryData entry = Metadata.entry(n3.metadata(), RimWriter.newId(), java.util.Set.of(), n3.document().length,
                n3.metadata().hash());
        Element holder = SecureXml.parse("<rim:RegistryObjectList xmlns:rim=\"" + Xds.RIM + "\"/>").getDocumentElement();
        Element eo = RimWriter.documentEntry(holder, entry);
        eo.setAttribute("status", Xds.APPROVED);
        eo.setAttribute("lid", eo.getAttribute("id"));

        Requests.Update mask = Requests.update("2.25.1", "1.2.250.1.999.1.1.42", entry.patientId(), Instant.now(),
                null, DmpClient.DEFAULT_CONTENT_TYPE);
        Requests.metadataVersion(mask, eo, 1, List.of(Code.of("N", "2.16.840.1.113883.5.25", "Normal"),
                Code.of("MASQUE_PS", Visibility.CODE_SYSTEM, "Masqué")));
        assertThat(Schemas.errors(Schemas.xds(), mask.root())).isEmpty();
        Element copy = Dom.descendants(mask.root(), Xds.RIM, "ExtrinsicObject").get(0);
        assertThat(copy.getAttribute("lid")).isEqualTo(eo.getAttribute("id"));
        assertThat(copy.getAttribute("id")).isNotEqualTo(eo.getAttribute("id"));
        assertThat(Dom.child(copy, Xds.RIM, "VersionInfo").getAttribute("versionName")).isEqualTo("2");
        assertThat(SecureXml.toString(mask.root())).contains("PreviousVersion").contains("MASQUE_PS");

        Requests.Update delete = Requests.update("2.25.2", "1.2.250.1.999.1.1.42", entry.patientId(), Instant.now(),
                null, DmpClient.DEFAULT_CONTENT_TYPE);
        Requests.statusChange(delete, eo.getAttribute("id"), Xds.APPROVED, Xds.DELETED);
        assertThat(Schemas.errors(Schemas.xds(), delete.root())).isEmpty();
        assertThat(SecureXml.toString(delete.root())).contains(Xds.UPDATE_AVAILABILITY).contains(Xds.DELETED);
    }
}
