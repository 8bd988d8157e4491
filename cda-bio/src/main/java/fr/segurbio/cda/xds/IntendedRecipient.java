package fr.segurbio.cda.xds;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.Telecom;

/**
 * An XDS {@code intendedRecipient}: the organization (XON), the person (XCN) or both, and the person's e-mail
 * address (an XTN {@code ^^Internet^address}, the MSSanté mailbox), written {@code XON|XCN|XTN} with empty
 * parts left empty and trailing ones dropped. Taken from the CR-BIO's {@code informationRecipient}s.
 *
 * <pre>{@code
 * IntendedRecipient r = IntendedRecipient.of(doctor);
 * r.format();
 * // "Centre de soins^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^2801234567"
 * //   + "|801234567897^MEDIONI^Stéphane^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"
 * //   + "|^^Internet^stephane.medioni@medecin.mssante.fr"
 * IntendedRecipient.parse("|801234567897^MEDIONI^Stéphane").person();   // Optional[801234567897^MEDIONI^Stéphane]
 * }</pre>
 *
 * @param organization the receiving organization, if any
 * @param person the receiving person, if any
 * @param email the person's e-mail address (without {@code mailto:}), if any
 */
public record IntendedRecipient(Optional<Xon> organization, Optional<Xcn> person, Optional<String> email) {

    private static final String INTERNET = "^^Internet^";

    /**
     * Checks the recipient.
     *
     * @param organization the organization
     * @param person the person
     * @param email the e-mail address
     * @throws CdaException {@code CDA-703} when neither an organization nor a person is given
     */
    public IntendedRecipient {
        organization = Objects.requireNonNull(organization, "organization");
        person = Objects.requireNonNull(person, "person");
        email = Objects.requireNonNull(email, "email").filter(s -> !s.isBlank());
        if (organization.isEmpty() && person.isEmpty()) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "intendedRecipient", "intendedRecipient");
        }
    }

    /**
     * A recipient of the report: the professional, the organization when the report names it, and the first
     * {@code mailto:} telecom of the professional.
     *
     * @param recipient the professional
     * @return the intended recipient
     */
    public static IntendedRecipient of(HealthProfessional recipient) {
        Objects.requireNonNull(recipient, "recipient");
        Optional<String> email = recipient.telecoms().stream().map(Telecom::value)
                .filter(v -> v.startsWith("mailto:")).map(v -> v.substring("mailto:".length())).findFirst();
        return new IntendedRecipient(recipient.organization().map(Xon::of), Optional.of(Xcn.of(recipient)), email);
    }

    /**
     * The XDS form.
     *
     * @return {@code XON|XCN|^^Internet^address}, trailing empty parts dropped
     */
    public String format() {
        return Components.join(Hl7Escape.FIELD, organization.map(Xon::format).orElse(""),
                person.map(Xcn::format).orElse(""), email.map(e -> INTERNET + Hl7Escape.escape(e)).orElse(""));
    }

    /**
     * Reads an intended recipient.
     *
     * @param value {@code XON|XCN|XTN}
     * @return the recipient
     * @throws CdaException {@code CDA-70x} when a part is malformed, or the telecom is not an Internet address
     */
    public static IntendedRecipient parse(String value) {
        if (value == null || value.isBlank()) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "intendedRecipient", "intendedRecipient");
        }
        List<String> parts = Components.splitFields(value);
        if (parts.size() > 3) {
            throw Components.fail(XdsError.UNSUPPORTED_COMPONENT, "intendedRecipient", parts.get(3), value);
        }
        Optional<Xon> org = parts.get(0).isEmpty() ? Optional.empty() : Optional.of(Xon.parse(parts.get(0)));
        Optional<Xcn> person = parts.size() < 2 || parts.get(1).isEmpty() ? Optional.empty()
                : Optional.of(Xcn.parse(parts.get(1)));
        Optional<String> email = Optional.empty();
        if (parts.size() == 3 && !parts.get(2).isEmpty()) {
            String xtn = parts.get(2);
            if (!xtn.startsWith(INTERNET) || xtn.length() == INTERNET.length()
                    || xtn.indexOf('^', INTERNET.length()) >= 0) {
                throw Components.fail(XdsError.BAD_COMPONENT, "intendedRecipient.XTN", xtn,
                        "the telecom of a recipient is ^^Internet^address");
            }
            email = Optional.of(Hl7Escape.unescape(xtn.substring(INTERNET.length()), "intendedRecipient.XTN-4"));
        }
        return new IntendedRecipient(org, person, email);
    }

    @Override
    public String toString() {
        return format();
    }
}
