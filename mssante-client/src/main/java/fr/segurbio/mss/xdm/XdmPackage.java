package fr.segurbio.mss.xdm;

import java.util.List;
import java.util.Optional;

/**
 * An {@code IHE_XDM.ZIP} read and checked by {@link XdmReader}: its documents with their metadata, the
 * submission set and the associations.
 *
 * <pre>{@code
 * XdmPackage xdm = XdmReader.create().read(zip);
 * xdm.n3().ifPresent(n3 -> integrate(n3.content()));
 * }</pre>
 *
 * @param submissionSetUniqueId the submission set's unique id
 * @param sourceId the sending system's OID
 * @param patientId the submission set's patient id (CX)
 * @param submissionTime the submission time as written ({@code yyyyMMddHHmmss}, UTC)
 * @param intendedRecipients the intendedRecipient slot values
 * @param documents the documents, in archive order
 * @param associations the associations
 * @param readme the README.TXT text
 */
public record XdmPackage(String submissionSetUniqueId, String sourceId, String patientId, String submissionTime,
        List<String> intendedRecipients, List<XdmEntry> documents, List<Association> associations, String readme) {

    /**
     * Copies the lists.
     *
     * @param submissionSetUniqueId the unique id
     * @param sourceId the source id
     * @param patientId the patient id
     * @param submissionTime the time
     * @param intendedRecipients the recipients
     * @param documents the documents
     * @param associations the associations
     * @param readme the README.TXT text
     */
    public XdmPackage {
        intendedRecipients = List.copyOf(intendedRecipients);
        documents = List.copyOf(documents);
        associations = List.copyOf(associations);
    }

    /**
     * The first structured document.
     *
     * @return the N3, if any
     */
    public Optional<XdmEntry> n3() {
        return documents.stream().filter(XdmEntry::isN3).findFirst();
    }

    /**
     * The first CDA level 1.
     *
     * @return the N1, if any
     */
    public Optional<XdmEntry> n1() {
        return documents.stream().filter(XdmEntry::isN1).findFirst();
    }

    /**
     * An ebRIM association between two objects of METADATA.XML.
     *
     * @param type the association type URN
     * @param source the source object's id
     * @param target the target object's id
     */
    public record Association(String type, String source, String target) {
    }
}
