package fr.segurbio.hl7v2.report;

import fr.segurbio.hl7v2.AnsExamples;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.PatientIdentifier;
import fr.segurbio.hl7v2.Visit;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The SDK's builder configured like the ANS ORU examples (same patient, order, participants, flags). */
final class AnsOru {

    static final Ins INS = Ins.of("279035121518989", "1.2.250.1.213.1.4.10", InsEnvironment.TEST);

    private AnsOru() {
    }

    static Hl7Message ans(String file) {
        return Er7Parser.create().parse(AnsExamples.bytes(file));
    }

    static ReportPatient patient() {
        return ReportPatient.builder().ins(INS, true).birthName("PAT-TROIS").firstGiven("DOMINIQUE")
                .givenNames("DOMINIQUE").sex("F").birthDate(LocalDate.of(1979, 3, 28)).birthPlace("63220")
                .status("VALI").build();
    }

    /** A builder holding what the ANS message holds, the document and flags taken from it. */
    static ReportMessage.Builder like(ReceivedReport ans, DocumentAction action) {
        ReportMessage.Builder b = ReportMessage.builder()
                .action(action)
                .header("SIL-Y", "labo", "PFI-X", "Organisation-X")
                .controlId("015")
                .time(OffsetDateTime.of(2021, 6, 6, 9, 31, 0, 0, ZoneOffset.ofHours(2)))
                .patient(patient())
                .visit(Visit.of("I", new PatientIdentifier("000897406", "AUT-AFFECTATION", "120456789", "M", "VN")))
                .placerOrder("98765431", "Nephro")
                .fillerOrder("1001-E1", "labo")
                .document(ans.document().orElseThrow())
                .participant(Participant.sender(Person.idNatPs("801234567866", "DIAZ", "Thierry"),
                        Organization.finessGeographic("labo", "1120459876")))
                .participant(Participant.recipient(Person.idNatPs("801234567897", "Hoda", "Adam"),
                        "adam.hoda@test-ci-sis.mssante.fr"))
                .participant(Participant.patient(INS, "PAT-TROIS", "DOMINIQUE"))
                .participant(Participant.replyTo("adam.hoda@test-ci-sis.mssante.fr"))
                .flags(flagsOf(ans));
        return b;
    }

    /**
     * The ANS switches; the ANS mail body is a base64 of 93 characters (one stray character: invalid), so its
     * text is taken from the first 92.
     */
    static DmpMssFlags flagsOf(ReceivedReport ans) {
        DmpMssFlags.Builder f = DmpMssFlags.builder();
        for (MetaFlag m : MetaFlag.values()) {
            ans.flags().get(m).ifPresent(v -> f.set(m, v));
        }
        f.mailBodyForProfessionals(MAIL_BODY);
        return f.build();
    }

    static final String MAIL_BODY = new String(java.util.Base64.getDecoder().decode(
            "Q2hlciBjb25mcsOocmUsIHZvdXMgdHJvdXZlcmV6IGNpLWpvaW50IGxlIENSIGTigJlpbWFnZXJpZSBkZSBNLkR1cG9u"),
            java.nio.charset.StandardCharsets.UTF_8);
}
