package fr.segurbio.dmp.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Element;

import fr.segurbio.cda.Code;
import fr.segurbio.core.Problem;
import fr.segurbio.dmp.AuthorizationStatus;
import fr.segurbio.dmp.DmpDocument;
import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.dmp.DmpState;
import fr.segurbio.dmp.DmpStatus;
import fr.segurbio.dmp.DocumentStatus;
import fr.segurbio.dmp.RegistryError;

/** Reads the DMP's answers. */
public final class Responses {

    private Responses() {
    }

    /**
     * The errors of a {@code rs:RegistryResponse} (or of any element holding a {@code RegistryErrorList}).
     *
     * @param response the response element
     * @return the errors and warnings, in order
     */
    public static List<RegistryError> errors(Element response) {
        List<RegistryError> out = new ArrayList<>();
        for (Element e : Dom.descendants(response, Xds.RS, "RegistryError")) {
            out.add(new RegistryError(e.getAttribute("errorCode"), e.getAttribute("codeContext"),
                    e.getAttribute("location"), e.getAttribute("severity")));
        }
        return out;
    }

    /**
     * Throws when a registry response is not a success.
     *
     * @param response the element with a {@code status} attribute
     * @param what what was asked (for the message)
     * @throws DmpException {@code DMP-031} duplicate uniqueId, {@code DMP-025} not the author,
     *         {@code DMP-030} any other refusal, with the registry's errors kept
     */
    public static void requireSuccess(Element response, String what) {
        String status = response.getAttribute("status");
        List<RegistryError> errors = errors(response);
        boolean failed = !Xds.SUCCESS.equals(status) || errors.stream().anyMatch(RegistryError::isError);
        if (!failed) {
            return;
        }
        throw failure(errors, what, status);
    }

    /**
     * The exception for a refused request.
     *
     * @param errors the registry errors
     * @param what what was asked
     * @param status the status URN
     * @return the exception
     */
    public static DmpException failure(List<RegistryError> errors, String what, String status) {
        List<Problem> problems = new ArrayList<>();
        for (RegistryError r : errors) {
            if (!r.isError()) {
                continue;
            }
            if (RegistryError.DUPLICATE_UNIQUE_ID.equals(r.errorCode())) {
                problems.add(Problem.of(DmpError.DUPLICATE_UNIQUE_ID, r.location(), r.toString()));
            } else {
                problems.add(Problem.of(DmpError.REGISTRY_ERROR, r.location(), what + ": " + r));
            }
        }
        if (problems.isEmpty()) {
            problems.add(Problem.of(DmpError.REGISTRY_ERROR, "", what + ": status " + status));
        }
        return new DmpException(problems, errors, null);
    }

    /**
     * The document entries of an {@code query:AdhocQueryResponse}.
     *
     * @param response the response
     * @return the entries with their raw elements
     */
    public static List<Found> documents(Element response) {
        requireSuccess(response, "ITI-18");
        List<Found> out = new ArrayList<>();
        for (Element eo : Dom.descendants(response, Xds.RIM, "ExtrinsicObject")) {
            out.add(new Found(document(eo), eo));
        }
        return out;
    }

    /** A document entry and its ebRIM element. */
    public record Found(DmpDocument document, Element element) {
    }

    static DmpDocument document(Element eo) {
        String id = eo.getAttribute("id");
        String uniqueId = null;
        String patientId = "";
        for (Element e : Dom.children(eo, Xds.RIM, "ExternalIdentifier")) {
            String scheme = e.getAttribute("identificationScheme");
            if (Xds.DE_UNIQUE_ID.equals(scheme)) {
                uniqueId = e.getAttribute("value");
            } else if (Xds.DE_PATIENT_ID.equals(scheme)) {
                patientId = e.getAttribute("value");
            }
        }
        if (uniqueId == null) {
            throw new DmpException(DmpError.RESPONSE_MALFORMED, "document entry " + id + " without uniqueId");
        }
        Optional<Code> classCode = Optional.empty();
        Optional<Code> typeCode = Optional.empty();
        Optional<Code> formatCode = Optional.empty();
        List<Code> conf = new ArrayList<>();
        List<String> institutions = new ArrayList<>();
        List<String> persons = new ArrayList<>();
        for (Element c : Dom.children(eo, Xds.RIM, "Classification")) {
            String scheme = c.getAttribute("classificationScheme");
            switch (scheme) {
                case Xds.DE_CLASS -> classCode = Optional.of(code(c));
                case Xds.DE_TYPE -> typeCode = Optional.of(code(c));
                case Xds.DE_FORMAT -> formatCode = Optional.of(code(c));
                case Xds.DE_CONFIDENTIALITY -> conf.add(code(c));
                case Xds.DE_AUTHOR -> {
                    institutions.addAll(slot(c, "authorInstitution"));
                    persons.addAll(slot(c, "authorPerson"));
                }
                default -> {
                }
            }
        }
        int version = 1;
        Element vi = Dom.child(eo, Xds.RIM, "VersionInfo");
        if (vi != null && !vi.getAttribute("versionName").isEmpty()) {
            try {
                version = Integer.parseInt(vi.getAttribute("versionName").trim());
            } catch (NumberFormatException e) {
                throw new DmpException(DmpError.RESPONSE_MALFORMED, "versionName " + vi.getAttribute("versionName"));
            }
        }
        String lid = eo.getAttribute("lid").isEmpty() ? id : eo.getAttribute("lid");
        Optional<String> title = Optional.ofNullable(Dom.child(eo, Xds.RIM, "Name"))
                .map(n -> Dom.child(n, Xds.RIM, "LocalizedString")).map(l -> l.getAttribute("value"));
        Optional<Instant> creation = first(eo, "creationTime").map(Responses::time);
        Optional<Long> size = first(eo, "size").map(s -> {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        });
        return new DmpDocument(id, uniqueId, lid, version, DocumentStatus.fromUrn(eo.getAttribute("status")),
                eo.getAttribute("mimeType"), title, creation, classCode, typeCode, formatCode, conf, patientId,
                institutions, persons, first(eo, "repositoryUniqueId"), size, first(eo, "hash"));
    }

    private static Code code(Element c) {
        String system = slot(c, "codingScheme").stream().findFirst().orElse("");
        String display = Optional.ofNullable(Dom.child(c, Xds.RIM, "Name"))
                .map(n -> Dom.child(n, Xds.RIM, "LocalizedString")).map(l -> l.getAttribute("value")).orElse(null);
        String value = c.getAttribute("nodeRepresentation");
        if (value.isBlank()) {
            throw new DmpException(DmpError.RESPONSE_MALFORMED, "classification " + c.getAttribute("id")
                    + " without a code (nodeRepresentation)");
        }
        return Code.of(value, system.isBlank() ? "unknown" : system,
                display == null || display.isEmpty() ? null : display);
    }

    /**
     * The values of a slot.
     *
     * @param parent the registry object
     * @param name the slot
     * @return the values
     */
    public static List<String> slot(Element parent, String name) {
        List<String> out = new ArrayList<>();
        for (Element s : Dom.children(parent, Xds.RIM, "Slot")) {
            if (name.equals(s.getAttribute("name"))) {
                for (Element v : Dom.descendants(s, Xds.RIM, "Value")) {
                    out.add(v.getTextContent().trim());
                }
            }
        }
        return out;
    }

    private static Optional<String> first(Element parent, String name) {
        return slot(parent, name).stream().findFirst();
    }

    static Instant time(String s) {
        String t = s.trim();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
        try {
            if (t.length() >= 14) {
                return LocalDateTime.parse(t.substring(0, 14), f).toInstant(ZoneOffset.UTC);
            }
            String padded = (t + "00000000000000").substring(0, 14);
            return LocalDateTime.parse(padded.replaceAll("^(\\d{4})0000", "$10101"), f).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** An opposition code is set unless a sibling {@code value} (BL) says false. */
    private static boolean isSet(Element code) {
        if (!(code.getParentNode() instanceof Element parent)) {
            return true;
        }
        for (Element v : Dom.children(parent, code.getNamespaceURI() == null ? "" : code.getNamespaceURI(), "value")) {
            String flag = v.getAttribute("value").trim();
            if ("false".equalsIgnoreCase(flag) || "0".equals(flag)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the TD0.2 answer (HL7 v3). The DMP's public material gives the outputs, not the answer's layout:
     * this reader looks for the status ({@code ACTIF}/{@code FERME}/{@code INEXISTANT}) and the authorisation
     * ({@code VALIDE}/{@code EXPIRE}/{@code INTERDIT}/{@code NON_EXISTE}) wherever they are given as a
     * {@code code} (a {@code statusCode}, an {@code authorization}, a {@code value}…), and for the opposition
     * codes ({@code OPPOSITION_*}, code system {@code 1.2.250.1.213.4.1.2.3}) and a closing date.
     *
     * @param payload the answer's root element
     * @return the status
     */
    public static DmpStatus td02(Element payload) {
        DmpState state = null;
        AuthorizationStatus auth = AuthorizationStatus.NONE;
        Set<String> oppositions = new LinkedHashSet<>();
        Optional<LocalDate> closing = Optional.empty();
        Optional<String> reason = Optional.empty();
        Optional<Boolean> web = Optional.empty();
        for (Element ack : Dom.descendants(payload, Requests.HL7, "queryResponseCode")) {
            if ("NF".equals(ack.getAttribute("code"))) {
                state = DmpState.ABSENT;
            }
        }
        var all = payload.getElementsByTagNameNS("*", "*");
        for (int i = -1; i < all.getLength(); i++) {
            Element e = i < 0 ? payload : (Element) all.item(i);
            for (String attr : new String[] {"code", "value"}) {
                String v = e.getAttribute(attr).trim().toUpperCase(java.util.Locale.ROOT);
                switch (v) {
                    case "ACTIF" -> state = state == null ? DmpState.ACTIVE : state;
                    case "FERME" -> state = DmpState.CLOSED;
                    case "INEXISTANT" -> state = DmpState.ABSENT;
                    case "VALIDE", "EXPIRE", "INTERDIT", "NON_EXISTE" -> auth = AuthorizationStatus.fromCode(v);
                    default -> {
                        if (v.startsWith("OPPOSITION_") && isSet(e)) {
                            oppositions.add(v);
                        }
                    }
                }
            }
            String local = e.getLocalName();
            if (("closingDate".equals(local) || "effectiveTime".equals(local) && e.getParentNode() instanceof Element p
                    && "closure".equalsIgnoreCase(p.getLocalName())) && e.getAttribute("value").length() >= 8) {
                try {
                    closing = Optional.of(LocalDate.parse(e.getAttribute("value").substring(0, 8),
                            DateTimeFormatter.BASIC_ISO_DATE));
                } catch (java.time.format.DateTimeParseException x) {
                    throw new DmpException(DmpError.RESPONSE_MALFORMED, "TD0.2: closing date "
                            + e.getAttribute("value"));
                }
            }
            if ("closingReason".equals(local) && !e.getTextContent().isBlank()) {
                reason = Optional.of(e.getTextContent().trim());
            }
            if ("webAccessIsOpen".equalsIgnoreCase(local) || "i_webAccessIsOpen".equalsIgnoreCase(local)) {
                String v = e.hasAttribute("value") ? e.getAttribute("value") : e.getTextContent();
                web = Optional.of(Boolean.parseBoolean(v.trim()) || "1".equals(v.trim()));
            }
        }
        if (state == null) {
            throw new DmpException(DmpError.RESPONSE_MALFORMED, "TD0.2: no DMP status (ACTIF/FERME/INEXISTANT)");
        }
        return new DmpStatus(state, auth, closing, reason, oppositions, web);
    }
}
