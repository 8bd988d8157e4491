package fr.segurbio.hl7v2.report;

import fr.segurbio.hl7v2.Delimiters;
import fr.segurbio.hl7v2.Field;
import fr.segurbio.hl7v2.Segment;
import fr.segurbio.ins.Ins;
import java.util.Objects;
import java.util.Optional;

/**
 * A PRT segment (pre-adopted from HL7 v2.9 by the volet) after the document OBX: the sender ({@code SB}, whose
 * organisation the PFI puts in the DMP VIHF), an MSSanté recipient ({@code RCT}: professional, organisation,
 * application or the patient addressed by the INS) or the reply-to address ({@code REPLY}).
 *
 * <pre>{@code
 * Participant.sender(Person.idNatPs("801234567866", "DIAZ", "Thierry"),
 *         Organization.finessGeographic("labo", "1120459876"));
 * Participant.recipient(Person.idNatPs("801234567897", "Hoda", "Adam"), "adam.hoda@test-ci-sis.mssante.fr");
 * Participant.patient(ins, "PAT-TROIS", "DOMINIQUE");    // mail: <matricule>@patient.mssante.fr
 * Participant.replyTo("secretariat@labo.mssante.fr");
 * }</pre>
 *
 * @param role PRT-4.1
 * @param person PRT-5
 * @param organization PRT-8
 * @param application PRT-10.1 (a device or application mailbox)
 * @param mail PRT-15.4, the MSSanté address
 */
public record Participant(Role role, Optional<Person> person, Optional<Organization> organization,
        Optional<String> application, Optional<String> mail) {

    /** The patient MSSanté domain. */
    public static final String PATIENT_MAIL_DOMAIN = "patient.mssante.fr";

    /** PRT-4: the participation. */
    public enum Role {
        /** {@code SB^Send by^participation}. */
        SB("Send by"),
        /** {@code RCT^Result Copies To^participation}. */
        RCT("Result Copies To"),
        /** {@code REPLY^Reply To^participation}. */
        REPLY("Reply To");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /**
         * PRT-4.2.
         *
         * @return the label
         */
        public String label() {
            return label;
        }
    }

    /**
     * Checks the fields.
     *
     * @param role PRT-4.1
     * @param person PRT-5
     * @param organization PRT-8
     * @param application PRT-10.1
     * @param mail PRT-15.4
     */
    public Participant {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(mail, "mail");
    }

    /**
     * The sender: the professional who validated, and the lab's structure (required for DMP publication).
     *
     * @param person the professional, or {@code null} when the author is a device
     * @param organization the structure
     * @return the SB participant
     */
    public static Participant sender(Person person, Organization organization) {
        return new Participant(Role.SB, Optional.ofNullable(person), Optional.of(organization), Optional.empty(),
                Optional.empty());
    }

    /**
     * A professional MSSanté recipient.
     *
     * @param person the professional
     * @param mail the MSSanté address
     * @return the RCT participant
     */
    public static Participant recipient(Person person, String mail) {
        return new Participant(Role.RCT, Optional.of(person), Optional.empty(), Optional.empty(),
                Optional.of(mail));
    }

    /**
     * An organisation MSSanté recipient.
     *
     * @param organization the organisation
     * @param mail the MSSanté address
     * @return the RCT participant
     */
    public static Participant recipient(Organization organization, String mail) {
        return new Participant(Role.RCT, Optional.empty(), Optional.of(organization), Optional.empty(),
                Optional.of(mail));
    }

    /**
     * The patient as MSSanté recipient, addressed by the INS at the patient domain.
     *
     * @param ins the qualified INS
     * @param family the birth name
     * @param given the first given name
     * @return the RCT participant
     */
    public static Participant patient(Ins ins, String family, String given) {
        String m = ins.matricule().value();
        return new Participant(Role.RCT, Optional.of(new Person(m, family, given, "", ins.oid(), "L", "INS")),
                Optional.empty(), Optional.empty(), Optional.of(m + "@" + PATIENT_MAIL_DOMAIN));
    }

    /**
     * The reply-to address.
     *
     * @param mail the MSSanté address replies go to
     * @return the REPLY participant
     */
    public static Participant replyTo(String mail) {
        return new Participant(Role.REPLY, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(mail));
    }

    /**
     * Whether this recipient is the patient (PRT-5.13 {@code INS}).
     *
     * @return {@code true} for the patient
     */
    public boolean isPatient() {
        return role == Role.RCT && person.map(p -> "INS".equals(p.idType())).orElse(false);
    }

    /**
     * The PRT segment.
     *
     * @param d the delimiters (the standard ones: PRT-5 and PRT-8 are written by cda-bio's composites)
     * @return the segment
     */
    public Segment toSegment(Delimiters d) {
        if (!Delimiters.STANDARD.equals(d)) {
            throw new IllegalArgumentException("PRT is written with the standard delimiters");
        }
        Segment.Builder b = Segment.builder("PRT", d).set(2, "UC")
                .components(4, role.name(), role.label(), "participation");
        person.ifPresent(p -> b.raw(5, p.toEr7()));
        organization.ifPresent(o -> b.raw(8, o.toEr7()));
        application.ifPresent(a -> b.set(10, a));
        mail.ifPresent(m -> b.components(15, "", "", "X.400", m));
        return b.build();
    }

    /**
     * Reads a PRT segment.
     *
     * @param prt the segment
     * @return the participant, empty when PRT-4.1 is not SB, RCT or REPLY
     */
    public static Optional<Participant> of(Segment prt) {
        Role role;
        try {
            role = Role.valueOf(prt.field(4).trimmed(1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Field xcn = prt.field(5);
        Field xon = prt.field(8);
        String app = prt.value(10).trim();
        String mail = prt.field(15).trimmed(4);
        return Optional.of(new Participant(role,
                xcn.isEmpty() ? Optional.empty() : Optional.of(Person.of(xcn)),
                xon.isEmpty() ? Optional.empty() : Optional.of(Organization.of(xon)),
                app.isEmpty() ? Optional.empty() : Optional.of(app),
                mail.isEmpty() ? Optional.empty() : Optional.of(mail)));
    }
}
