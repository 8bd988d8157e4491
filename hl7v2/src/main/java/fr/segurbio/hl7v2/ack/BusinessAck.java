package fr.segurbio.hl7v2.ack;

import fr.segurbio.hl7v2.Delimiters;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.Segment;
import fr.segurbio.hl7v2.internal.Hl7Time;
import fr.segurbio.hl7v2.internal.Structures;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A business acknowledgement of the volet ({@code ZAM^Z01|Z02|Z03^ZAM_Z01}, HL7 v2.6, PFI to lab), received
 * after the technical ACK: Z01 DMP reception, Z02 MSSanté reception (DSN) for one recipient, Z03 MSSanté read
 * (MDN). The first OBX carries in OBX-4 the MSH-10 of the ORU/MDM that carried the document and Y/N in OBX-5;
 * the second the MSSanté address; ERR the DMP or SMTP error.
 *
 * <pre>{@code
 * BusinessAck zam = BusinessAck.read(message);
 * zam.kind();                   // DMP_RECEPTION
 * zam.acknowledgedControlId();  // "015", the ORU's MSH-10
 * zam.success();                // false: see zam.errors()
 * }</pre>
 *
 * @param controlId MSH-10 of the ZAM
 * @param kind Z01, Z02 or Z03
 * @param acknowledgedControlId OBX-4 of the first OBX
 * @param success OBX-5.1 = Y
 * @param address the MSSanté address of the recipient (Z02) or of the reader (Z03)
 * @param errors the ERR segments
 */
public record BusinessAck(String controlId, Kind kind, String acknowledgedControlId, boolean success,
        Optional<String> address, List<ErrorDetail> errors) {

    /** The three business acknowledgements. */
    public enum Kind {
        /** Z01: DMP reception. */
        DMP_RECEPTION("Z01", "ACK_RECEPTION_DMP", "Accusé de réception DMP", ""),
        /** Z02: MSSanté reception. */
        MSS_RECEPTION("Z02", "ACK_RECEPTION_MSS", "Accusé de réception MSSanté", "DESTINATAIRE_MSS"),
        /** Z03: MSSanté read. */
        MSS_READ("Z03", "ACK_LECTURE_MSS", "Accusé de lecture", "LECTEUR_MSS");

        private final String event;
        private final String code;
        private final String label;
        private final String addressCode;

        Kind(String event, String code, String label, String addressCode) {
            this.event = event;
            this.code = code;
            this.label = label;
            this.addressCode = addressCode;
        }

        /**
         * MSH-9.2.
         *
         * @return Z01, Z02 or Z03
         */
        public String event() {
            return event;
        }

        /**
         * OBX-3.1 of the first OBX.
         *
         * @return the code
         */
        public String code() {
            return code;
        }

        static Optional<Kind> of(String event) {
            for (Kind k : values()) {
                if (k.event.equals(event)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Copies the list.
     *
     * @param controlId MSH-10 of the ZAM
     * @param kind Z01, Z02 or Z03
     * @param acknowledgedControlId OBX-4 of the first OBX
     * @param success OBX-5.1 = Y
     * @param address the MSSanté address
     * @param errors the ERR segments
     */
    public BusinessAck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        errors = List.copyOf(errors);
    }

    /**
     * Reads a ZAM.
     *
     * @param m the message
     * @return the business acknowledgement
     * @throws Hl7Exception {@code HL7-304} when malformed, {@code HL7-015} for another message
     */
    public static BusinessAck read(Hl7Message m) {
        Optional<Kind> kind = Kind.of(m.triggerEvent());
        if (!"ZAM".equals(m.messageType()) || kind.isEmpty()) {
            throw new Hl7Exception(Hl7Error.UNSUPPORTED_MESSAGE, m.messageType() + "^" + m.triggerEvent(),
                    "ZAM^Z01/Z02/Z03");
        }
        List<fr.segurbio.core.Problem> order = new ArrayList<>();
        if (!Structures.check(m, Structures.ZAM_Z01, "ZAM_Z01", Set.of(), order::add)) {
            throw new Hl7Exception(order, null);
        }
        List<Segment> obx = m.segments("OBX");
        Segment first = obx.get(0);
        String acked = first.value(4).trim();
        if (acked.isEmpty()) {
            throw new Hl7Exception(Hl7Error.ZAM_MALFORMED, kind.get().event(), "OBX-4 vide / empty");
        }
        String yn = first.value(5).trim();
        if (!"Y".equals(yn) && !"N".equals(yn)) {
            throw new Hl7Exception(Hl7Error.ZAM_MALFORMED, kind.get().event(), "OBX-5 « " + yn + " »");
        }
        Optional<String> address = Optional.empty();
        if (obx.size() > 1) {
            String a = obx.get(1).field(5).trimmed(4);
            address = a.isEmpty() ? Optional.empty() : Optional.of(a);
        }
        List<ErrorDetail> errors = new ArrayList<>();
        for (Segment err : m.segments("ERR")) {
            errors.add(ErrorDetail.of(err));
        }
        if ("N".equals(yn) && errors.isEmpty()) {
            throw new Hl7Exception(Hl7Error.ZAM_MALFORMED, kind.get().event(),
                    "OBX-5 = N sans ERR / without ERR");
        }
        return new BusinessAck(m.controlId(), kind.get(), acked, "Y".equals(yn), address, errors);
    }

    /**
     * Writes this ZAM (the PFI side; the SDK's test platform uses it).
     *
     * @param sendingApp MSH-3 (the PFI)
     * @param sendingOrg MSH-4
     * @param receivingApp MSH-5 (the SGL)
     * @param receivingOrg MSH-6
     * @param time MSH-7 and EVN-2
     * @return the ZAM message (UTF-8)
     */
    public Hl7Message toMessage(String sendingApp, String sendingOrg, String receivingApp, String receivingOrg,
            OffsetDateTime time) {
        Delimiters d = Delimiters.STANDARD;
        String ts = Hl7Time.format(time);
        Hl7Message.Builder m = Hl7Message.builder(d);
        m.add(m.segment("MSH").set(3, sendingApp).set(4, sendingOrg).set(5, receivingApp).set(6, receivingOrg)
                .set(7, ts).components(9, "ZAM", kind.event(), "ZAM_Z01").set(10, controlId).set(11, "P")
                .set(12, "2.6").set(17, "FRA").set(18, "UNICODE UTF-8").components(21, "2.1", "CISIS_CDA_HL7_V2")
                .build());
        m.add(m.segment("EVN").set(2, ts).build());
        m.add(m.segment("OBX").set(1, "1").set(2, "CWE").components(3, kind.code(), kind.label, "AckMetierZAM")
                .set(4, acknowledgedControlId).components(5, success ? "Y" : "N", "", "expandedYes-NoIndicator")
                .set(11, "F").build());
        address.ifPresent(a -> m.add(m.segment("OBX").set(1, "2").set(2, "XTN")
                .components(3, kind.addressCode, "", "AckMetierZAM").components(5, "", "", "X.400", a)
                .set(11, "F").build()));
        for (ErrorDetail e : errors) {
            m.add(e.toSegment(d));
        }
        return m.build();
    }
}
