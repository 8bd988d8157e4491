package fr.segurbio.loinc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads, from the {@code ucum-essence.xml} that {@code org.fhir:ucum} bundles, what the library does not expose:
 * the arbitrary units ({@code isArbitrary="yes"}: {@code [IU]}, {@code [arb'U]} …), which UCUM declares
 * commensurable with nothing but themselves, and the essence's version.
 */
public final class UcumArbitrary {

    /** The arbitrary unit codes. */
    public final Set<String> codes;
    /** The UCUM version and revision date of the essence file. */
    public final String version;

    private UcumArbitrary(Set<String> codes, String version) {
        this.codes = Set.copyOf(codes);
        this.version = version;
    }

    /**
     * Reads the essence file.
     *
     * @param in the essence XML
     * @return the arbitrary units and version
     * @throws IOException when the file cannot be read
     */
    public static UcumArbitrary read(InputStream in) throws IOException {
        Set<String> codes = new HashSet<>();
        String version = "";
        try {
            XMLStreamReader r = SafeXml.inputFactory().createXMLStreamReader(in);
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.DTD) {
                    throw new IOException("DTD in ucum-essence.xml");
                }
                if (e != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (r.getLocalName().equals("root")) {
                    version = r.getAttributeValue(null, "version") + " (" + r.getAttributeValue(null, "revision-date")
                            + ")";
                } else if (r.getLocalName().equals("unit") && "yes".equals(r.getAttributeValue(null, "isArbitrary"))) {
                    codes.add(r.getAttributeValue(null, "Code"));
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return new UcumArbitrary(codes, version);
    }
}
