package fr.segurbio.hl7v2.report;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.Field;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.PatientIdentifier;
import fr.segurbio.hl7v2.Segment;
import fr.segurbio.hl7v2.internal.Structures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ORU^R01 or MDM^T02/T10/T04 of the volet {@code CISIS_CDA_HL7_V2}, as the PFI does: segment order,
 * coherence of OBX-11, ORC-1 and the event, the document ED (base64 checked), the MetaDMPMSS OBX (order, Y/N)
 * and the PRT. Used by the SDK's tests as the receiving side and by {@code segur hl7 listen}. Thread-safe.
 *
 * <pre>{@code
 * ReceivedReport r = ReportMessageReader.create().read(Er7Parser.create().parse(bytes));
 * r.action();                       // Optional[REPLACE] for OBX-11 C, ORC-1 RO
 * }</pre>
 */
public final class ReportMessageReader {

    private static final ReportMessageReader INSTANCE = new ReportMessageReader();

    private ReportMessageReader() {
    }

    /**
     * The reader.
     *
     * @return the shared instance
     */
    public static ReportMessageReader create() {
        return INSTANCE;
    }

    /**
     * Reads a message.
     *
     * @param m the message
     * @return the report, with every problem
     */
    public ReceivedReport read(Hl7Message m) {
        List<Problem> problems = new ArrayList<>(m.notes().problems());
        String type = m.messageType();
        String event = m.triggerEvent();
        MessageFlavour flavour;
        if ("ORU".equals(type) && "R01".equals(event)) {
            flavour = MessageFlavour.ORU;
            Structures.check(m, Structures.ORU_R01, "ORU_R01", Set.of(), problems::add);
        } else if ("MDM".equals(type) && Set.of("T02", "T04", "T10").contains(event)) {
            flavour = MessageFlavour.MDM;
            Structures.check(m, Structures.MDM_T02, "MDM_T02", Set.of(), problems::add);
        } else {
            problems.add(Problem.of(Hl7Error.UNSUPPORTED_MESSAGE, "MSH-9", type + "^" + event,
                    "ORU^R01, MDM^T02/T10/T04"));
            return new ReceivedReport(m.controlId(), MessageFlavour.ORU, Optional.empty(), Optional.empty(),
                    DmpMssFlags.builder().build(), List.of(), List.of(), ValidationResult.of(problems));
        }
        List<PatientIdentifier> ids = new ArrayList<>();
        m.segment("PID").ifPresent(pid -> pid.repetitions(3).forEach(f -> ids.add(PatientIdentifier.of(f))));
        Segment docObx = null;
        List<Segment> meta = new ArrayList<>();
        for (Segment obx : m.segments("OBX")) {
            if (MetaFlag.SYSTEM.equals(obx.field(3).trimmed(3))) {
                meta.add(obx);
            } else if (docObx == null && "ED".equals(obx.value(2).trim())) {
                docObx = obx;
            }
        }
        Optional<byte[]> document = Optional.empty();
        Optional<DocumentAction> action = Optional.empty();
        if (docObx == null) {
            problems.add(Problem.of(Hl7Error.DOCUMENT_OBX_MISSING, "OBX"));
        } else {
            String seq = docObx.value(1);
            document = decode(docObx.field(5).rawComponent(5), seq, problems);
            String obx11 = docObx.value(11).trim();
            String orc1 = m.segment("ORC").map(s -> s.value(1).trim()).orElse("");
            Optional<DocumentAction> a = DocumentAction.fromObx11(obx11);
            boolean coherent = a.isPresent() && a.get().orc1().equals(orc1)
                    && (flavour == MessageFlavour.ORU || a.get().mdmEvent().equals(event));
            if (coherent) {
                action = a;
            } else {
                problems.add(Problem.of(Hl7Error.ACTION_INCOHERENT, "OBX-11", obx11, orc1, type + "^" + event));
            }
        }
        DmpMssFlags flags = flags(meta, problems);
        List<Participant> participants = new ArrayList<>();
        for (Segment prt : m.segments("PRT")) {
            Participant.of(prt).ifPresent(participants::add);
        }
        return new ReceivedReport(m.controlId(), flavour, action, document, flags, participants, ids,
                ValidationResult.of(problems));
    }

    private static DmpMssFlags flags(List<Segment> meta, List<Problem> problems) {
        DmpMssFlags.Builder b = DmpMssFlags.builder();
        int last = -1;
        Set<MetaFlag> seen = java.util.EnumSet.noneOf(MetaFlag.class);
        for (Segment obx : meta) {
            Field code = obx.field(3);
            Optional<MetaFlag> f = MetaFlag.fromCode(code.component(1));
            if (f.isEmpty()) {
                problems.add(Problem.of(Hl7Error.META_ORDER, "OBX-3", code.component(1), "inconnu / unknown"));
                continue;
            }
            MetaFlag flag = f.get();
            if (flag.ordinal() <= last) {
                problems.add(Problem.of(Hl7Error.META_ORDER, "OBX-3", flag.code(),
                        "hors de l'ordre du volet / out of the volet's order"));
            }
            last = Math.max(last, flag.ordinal());
            seen.add(flag);
            if (flag.isMailBody()) {
                decode(obx.field(5).rawComponent(5), obx.value(1), problems).ifPresent(bytes -> {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    if (flag == MetaFlag.CORPSMAIL_PS) {
                        b.mailBodyForProfessionals(text);
                    } else {
                        b.mailBodyForPatient(text);
                    }
                });
                continue;
            }
            String v = obx.value(5).trim();
            if ("Y".equals(v) || "N".equals(v)) {
                b.set(flag, "Y".equals(v));
            } else {
                problems.add(Problem.of(Hl7Error.META_VALUE, "OBX-5", flag.code(), v));
            }
        }
        for (MetaFlag f : MetaFlag.values()) {
            if (f.required() && !seen.contains(f)) {
                problems.add(Problem.of(Hl7Error.META_ORDER, "OBX", f.code(), "absent / missing"));
            }
        }
        return b.build();
    }

    /** Strict base64: the alphabet only, padding checked (a missing padding is decoded and reported). */
    static Optional<byte[]> decode(String text, String obxSeq, List<Problem> problems) {
        String t = text.trim();
        int bad = -1;
        int pad = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (c == '=') {
                pad++;
            } else if (!alpha || pad > 0) {
                bad = i;
                break;
            }
        }
        if (t.isEmpty() || bad >= 0 || pad > 2 || t.length() % 4 == 1) {
            String why = t.isEmpty() ? "vide / empty"
                    : bad >= 0 ? "caractère « " + t.charAt(bad) + " » en position / character at position " + bad
                    : "longueur / length " + t.length();
            problems.add(Problem.of(Hl7Error.ED_NOT_BASE64, "OBX-5.5", obxSeq, why));
            return Optional.empty();
        }
        if (t.length() % 4 != 0) {
            problems.add(Problem.of(Hl7Error.ED_UNPADDED, "OBX-5.5", obxSeq, t.length()));
        }
        try {
            return Optional.of(Base64.getDecoder().decode(t));
        } catch (IllegalArgumentException e) {
            // padding in the wrong place, or a last group whose bits do not make whole bytes
            problems.add(Problem.of(Hl7Error.ED_NOT_BASE64, "OBX-5.5", obxSeq, e.getMessage()));
            return Optional.empty();
        }
    }
}
