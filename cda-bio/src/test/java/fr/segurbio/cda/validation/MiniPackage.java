package fr.segurbio.cda.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small conformance package laid out like the ANS tree, with the ANS's own ISO skeleton and tiny profiles, so
 * that cache behaviour is tested in seconds: every profile has one assertion with an id, and the volet 2024.01
 * one too.
 */
final class MiniPackage {

    static final String DOCUMENT = """
            <ClinicalDocument xmlns="urn:hl7-org:v3">
              <templateId root="1.2.250.1.213.1.1.1.55" extension="2024.01"/>
              <component><structuredBody/></component>
            </ClinicalDocument>
            """;

    private static final String XSD = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:hl7-org:v3"
                elementFormDefault="qualified">
              <xs:element name="ClinicalDocument">
                <xs:complexType>
                  <xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
                  <xs:anyAttribute processContents="skip"/>
                </xs:complexType>
              </xs:element>
            </xs:schema>
            """;

    private MiniPackage() {
    }

    /** Writes the package under {@code dir}, the skeleton copied from the ANS package at {@code ans}. */
    static Path create(Path dir, Path ans) throws IOException {
        Files.createDirectories(dir.resolve("infrastructure/cda"));
        Files.writeString(dir.resolve("infrastructure/cda/CDA_extended.xsd"), XSD);
        Path moteur = Files.createDirectories(dir.resolve("schematrons/moteur"));
        for (String f : new String[] {"iso_dsdl_include.xsl", "iso_abstract_expand.xsl", "iso_svrl_for_xslt2.xsl",
            "iso_schematron_skeleton_for_saxon.xsl"}) {
            Files.copy(ans.resolve("schematrons/moteur").resolve(f), moteur.resolve(f));
        }
        Files.createDirectories(dir.resolve("schematrons/profils/structurationMinimale"));
        write(dir.resolve("schematrons/profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch"),
                "SM-1", "cda:title");
        write(dir.resolve("schematrons/profils/IHE.sch"), "IHE-1", "cda:templateId");
        write(dir.resolve("schematrons/profils/CI-SIS_ModelesDeContenusCDA.sch"), "MDC-1", "cda:component");
        write(dir.resolve("schematrons/profils/CI-SIS_Modeles_ANS.sch"), "ANS-1", "cda:code");
        volet(dir, "V-1");
        return dir;
    }

    /** (Re)writes the 2024.01 volet with one failing assertion of that id. */
    static void volet(Path dir, String id) throws IOException {
        write(dir.resolve("schematrons/CI-SIS_BIO-CR-BIO_2024.01.sch"), id, "cda:effectiveTime");
    }

    /** Writes a profile asserting {@code test} on the ClinicalDocument, with the given id. */
    static void write(Path sch, String id, String test) throws IOException {
        Files.writeString(sch, """
                <schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
                  <ns prefix="cda" uri="urn:hl7-org:v3"/>
                  <pattern id="p">
                    <rule context="/cda:ClinicalDocument">
                      <assert id="%s" test="%s">%s is required</assert>
                    </rule>
                  </pattern>
                </schema>
                """.formatted(id, test, test));
    }
}
