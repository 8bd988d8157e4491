package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.Telecom;

/** The data types every part writes. */
class CdaOutTest {

    @Test
    void identifiersCodesAndTimes() throws Exception {
        Fragment f = Fragment.of(out -> {
            out.id("id", InstanceId.of("1.2.3", "X"));
            out.id("setId", InstanceId.of("1.2.4"));
            out.code("code", Code.loinc("3016-3", "TSH"));
            out.code("methodCode", Code.of("DEI", CodeSystems.ANSM_TECHNIQUE, null));
            out.codeWithText("value", null, Code.of("L1", "1.2.5", "Local"), "res-1");
            out.ts("effectiveTime", WriteFixtures.T0);
        });
        assertThat(f.string("/h:fragment/h:id/@extension")).isEqualTo("X");
        assertThat(f.count("/h:fragment/h:setId/@extension")).isZero();
        assertThat(f.string("/h:fragment/h:code/@codeSystemName")).isEqualTo("LOINC");
        assertThat(f.count("/h:fragment/h:methodCode/@displayName")).isZero();
        assertThat(f.string("/h:fragment/h:methodCode/@codeSystemName"))
                .isEqualTo("ANSM – Table de codage commune des réactifs");
        assertThat(f.count("/h:fragment/h:value/@code")).isZero();
        assertThat(f.string("/h:fragment/h:value/h:originalText/h:reference/@value")).isEqualTo("#res-1");
        assertThat(f.string("/h:fragment/h:value/h:translation/@code")).isEqualTo("L1");
        assertThat(f.string("/h:fragment/h:effectiveTime/@value")).isEqualTo("20240104073500+0100");
    }

    @Test
    void addressesTelecomsAndNamesInTheSchemaOrderOrWithANullFlavor() throws Exception {
        Fragment f = Fragment.of(out -> {
            out.addr(new Address(List.of("8 rue Frédéric Bastia", "Bâtiment B"), "92100", "BOULOGNE", "FRANCE"),
                    "UNK");
            out.addr(null, "UNK");
            out.addr(Address.builder().use("H").streetLine("Résidence Les Tilleuls").houseNumber("12")
                    .streetName("Rue des Lilas").additionalLocator("Bâtiment C").postBox("BP 42").postalCode("75011")
                    .city("PARIS").county("75111").part("unitID", "7").country("FR").build(), "UNK");
            out.addr(Address.unknown("MSK"), "UNK");
            out.telecoms(List.of(Telecom.phone("0174589607", "WP"), Telecom.email("a@b.fr", null)), "UNK");
            out.telecoms(List.of(), "NASK");
            out.name(new PersonName("M", "Marcel", "CAMPARINI", "DR"));
        });
        assertThat(f.children("/h:fragment/h:addr[1]"))
                .containsExactly("streetAddressLine", "streetAddressLine", "postalCode", "city", "country");
        assertThat(f.children("/h:fragment/h:addr[3]")).containsExactly("streetAddressLine", "houseNumber",
                "streetName", "additionalLocator", "postBox", "postalCode", "city", "county", "unitID", "country");
        assertThat(f.string("/h:fragment/h:addr[3]/@use")).isEqualTo("H");
        assertThat(f.string("/h:fragment/h:addr[4]/@nullFlavor")).isEqualTo("MSK");
        assertThat(f.string("/h:fragment/h:addr[2]/@nullFlavor")).isEqualTo("UNK");
        assertThat(f.strings("/h:fragment/h:telecom/@value")).containsExactly("tel:0174589607", "mailto:a@b.fr");
        assertThat(f.string("/h:fragment/h:telecom[3]/@nullFlavor")).isEqualTo("NASK");
        assertThat(f.children("/h:fragment/h:name")).containsExactly("prefix", "given", "family", "suffix");
    }

    @Test
    void generatedIdsAndUuidsAreDeterministicPerDocument() throws Exception {
        String[] first = new String[3];
        Fragment.of(out -> {
            first[0] = out.nextId("res");
            first[1] = out.nextId("com");
            first[2] = out.uuid();
        });
        assertThat(first[0]).isEqualTo("res-1");
        assertThat(first[1]).isEqualTo("com-2");
        String[] again = new String[1];
        Fragment.of(out -> {
            out.nextId("res");
            out.nextId("com");
            again[0] = out.uuid();
        });
        assertThat(again[0]).isEqualTo(first[2]).matches("[0-9A-F-]{36}");
    }

    @Test
    void base64GoesStraightToTheBytesAfterWhatWasWrittenBefore() throws Exception {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Fragment f = Fragment.of(out -> {
            out.element("title", "avant");
            out.start("value");
            out.base64(data);
            out.end();
            out.element("title", "après");
        });
        assertThat(Base64.getDecoder().decode(f.string("/h:fragment/h:value"))).isEqualTo(data);
        assertThat(f.strings("/h:fragment/h:title")).containsExactly("avant", "après");
        assertThat(f.xml.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(data.length * 4 / 3);
    }
}
