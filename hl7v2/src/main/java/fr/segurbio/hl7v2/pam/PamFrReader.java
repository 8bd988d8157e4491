package fr.segurbio.hl7v2.pam;

import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Field;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.PatientIdentifier;
import fr.segurbio.hl7v2.Segment;
import fr.segurbio.hl7v2.Visit;
import fr.segurbio.hl7v2.internal.Hl7Time;
import fr.segurbio.hl7v2.internal.Structures;
import fr.segurbio.ins.AssigningAuthority;
import fr.segurbio.ins.HighTrustDocument;
import fr.segurbio.ins.IdentityAttribute;
import fr.segurbio.ins.IdentityStatus;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.InsError;
import fr.segurbio.ins.InsException;
import fr.segurbio.ins.LocalIdentifier;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the hospital identity repository's IHE PAM national extension France 2.11 ADT messages into the
 * identities the SGL stores: A28/A31 (create/update a person), A01/A04/A08/A03 and the other movement events (with
 * ZBE and ZFA), A40 (merge), A47 (identifier change), A24/A37 (link/unlink). Thread-safe.
 *
 * <h2>INS and identity status</h2>
 * The INS is the PID-3 repetition typed {@code INS} (or issued by an INS OID); its matricule key and its OID are
 * checked against the {@link InsEnvironment}: an INS of the test OID in production is an error ({@code HL7-102}),
 * a wrong key {@code HL7-101}. PID-32 is read as HL7 table 0445 (PAM FR): {@code PROV}, {@code RECUP},
 * {@code VALI}, {@code QUAL} and the attributes {@code DOUT}, {@code FICT}, {@code HOMA}.
 *
 * <p><b>Decision on the open question (how a qualified identity is coded):</b> the status PID-32 declares is
 * taken literally and never raised. {@code QUAL} is the qualified identity (retrieved via INSi and checked on a
 * high-trust document); {@code VALI} is a validated identity even when PID-3 carries an INS — the ANS examples
 * send {@code VALI} with an INS obtained from INSi, which the SDK records as validated with its INS not shareable
 * and reports ({@code HL7-107}) instead of guessing a qualification the message does not state. The ins-core
 * identity derives its status from facts: {@code RECUP}/{@code QUAL} mean "retrieved via INSi" (an INS is then
 * required: {@code HL7-104}), {@code VALI}/{@code QUAL} mean "checked on a document" whose type is ZFD-7 — when
 * it is missing the identity is recorded one step lower and that is reported ({@code HL7-108}).
 *
 * <pre>{@code
 * PamFrReader reader = PamFrReader.forEnvironment(InsEnvironment.PRODUCTION);
 * IdentityFeed feed = reader.read(Er7Parser.create().parse(bytes));
 * feed.problems().errors();                 // e.g. HL7-102 for an INS of the test environment
 * feed.update().ifPresent(u -> store(u.patient().identity(), u.consent()));
 * }</pre>
 */
public final class PamFrReader {

    private static final Set<String> STATUS_CODES = Set.of("PROV", "RECUP", "VALI", "QUAL", "VIDE");
    /** The other codes of table 0445 (FR Core fr-core-cs-fiabilite-identite): kept, no RNIV meaning. */
    private static final Set<String> OTHER_0445 = Set.of("CACH", "ANOM", "IDVER", "RECD", "IDRA", "USUR", "HOMD",
            "INVA", "DOUB", "DPOT", "DOUA", "DESA", "COLP", "COLV", "FILI");
    private static final Set<String> UPDATE_EVENTS = Set.of("A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08",
            "A11", "A12", "A13", "A14", "A16", "A21", "A22", "A25", "A26", "A27", "A28", "A31", "A32", "A33", "A38",
            "A44", "A52", "A53", "A54", "A55", "Z99");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{8}.*");

    private final InsEnvironment environment;
    private final Er7Parser parser;

    private PamFrReader(InsEnvironment environment, Er7Parser parser) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * A reader accepting the INS OIDs of an environment ({@code PRODUCTION}: INS-NIR and INS-NIA only).
     *
     * @param environment the INS environment
     * @return the reader
     */
    public static PamFrReader forEnvironment(InsEnvironment environment) {
        return new PamFrReader(environment, Er7Parser.create());
    }

    /**
     * The same reader with another ER7 parser (size limit, default charset) for {@link #read(byte[])}.
     *
     * @param value the parser
     * @return a new reader
     */
    public PamFrReader withParser(Er7Parser value) {
        return new PamFrReader(environment, value);
    }

    /**
     * The INS environment.
     *
     * @return the environment
     */
    public InsEnvironment environment() {
        return environment;
    }

    /**
     * Parses and reads ER7 bytes; a message that cannot be parsed gives a feed without event and with the
     * parser's problems.
     *
     * @param er7 the message bytes
     * @return the feed
     */
    public IdentityFeed read(byte[] er7) {
        Hl7Message m;
        try {
            m = parser.parse(er7);
        } catch (Hl7Exception e) {
            return new IdentityFeed("", "", Optional.empty(), ValidationResult.of(e.problems()));
        }
        return read(m);
    }

    /**
     * Reads a parsed message.
     *
     * @param m the message
     * @return the feed, with every problem
     */
    public IdentityFeed read(Hl7Message m) {
        List<Problem> problems = new ArrayList<>(m.notes().problems());
        String trigger = m.triggerEvent();
        if (!"ADT".equals(m.messageType())) {
            problems.add(Problem.of(Hl7Error.UNSUPPORTED_MESSAGE, "MSH-9", m.messageType() + "^" + trigger, "ADT"));
            return new IdentityFeed(m.controlId(), trigger, Optional.empty(), ValidationResult.of(problems));
        }
        Field version = m.msh().field(12);
        if (!("FRA".equals(version.trimmed(2)) && version.trimmed(3).startsWith("2.11"))) {
            problems.add(Problem.of(Hl7Error.NOT_PAM_FR, "MSH-12", version.raw()));
        }
        Optional<IdentityEvent> event;
        switch (trigger) {
            case "A40":
            case "A47":
                event = readMerge(m, trigger, problems);
                break;
            case "A24":
            case "A37":
                event = readLink(m, trigger, problems);
                break;
            default:
                if (UPDATE_EVENTS.contains(trigger)) {
                    event = readUpdate(m, trigger, problems);
                } else {
                    problems.add(Problem.of(Hl7Error.EVENT_UNSUPPORTED, "MSH-9", trigger));
                    event = Optional.empty();
                }
        }
        return new IdentityFeed(m.controlId(), trigger, event, ValidationResult.of(problems));
    }

    private Optional<IdentityEvent> readUpdate(Hl7Message m, String trigger, List<Problem> problems) {
        Pattern structure;
        String name;
        if ("A03".equals(trigger)) {
            structure = Structures.ADT_A03;
            name = "ADT_A03";
        } else if (Set.of("A01", "A04", "A05", "A08", "A13", "A14", "A28", "A31").contains(trigger)) {
            structure = Structures.ADT_A01;
            name = Set.of("A05", "A14", "A28", "A31").contains(trigger) ? "ADT_A05" : "ADT_A01";
        } else {
            structure = Structures.ADT_MOVEMENT;
            name = "ADT_" + trigger;
        }
        Optional<Segment> pid = m.segment("PID");
        if (pid.isEmpty()) {
            problems.add(Problem.of(Hl7Error.SEGMENT_MISSING, "PID", "PID", name));
            return Optional.empty();
        }
        Structures.check(m, structure, name, Structures.PAM_FR_Z, problems::add);
        Optional<IdentityProvenance> provenance = m.segment("ZFD").map(PamFrReader::provenance);
        PamIdentity patient = patient(pid.get(), provenance, "PID", problems);
        Optional<DmpConsent> consent = m.segment("ZFA").map(z -> consent(z, problems));
        Optional<Movement> movement = m.segment("ZBE").flatMap(z -> movement(z, problems));
        Optional<Visit> visit = m.segment("PV1").map(Visit::of);
        return Optional.of(new IdentityEvent.Update(trigger, patient, consent, movement, visit));
    }

    private Optional<IdentityEvent> readMerge(Hl7Message m, String trigger, List<Problem> problems) {
        String name = "A40".equals(trigger) ? "ADT_A39" : "ADT_A30";
        Optional<Segment> pid = m.segment("PID");
        Optional<Segment> mrg = m.segment("MRG");
        if (pid.isEmpty()) {
            problems.add(Problem.of(Hl7Error.SEGMENT_MISSING, "PID", "PID", name));
            return Optional.empty();
        }
        if (mrg.isEmpty()) {
            problems.add(Problem.of(Hl7Error.MERGE_WITHOUT_MRG, "MRG", trigger));
            return Optional.empty();
        }
        Structures.check(m, "A40".equals(trigger) ? Structures.ADT_A39 : Structures.ADT_A30, name,
                Structures.PAM_FR_Z, problems::add);
        Optional<IdentityProvenance> provenance = m.segment("ZFD").map(PamFrReader::provenance);
        PamIdentity patient = patient(pid.get(), provenance, "PID", problems);
        List<PatientIdentifier> merged = new ArrayList<>();
        for (Segment s : m.segments("MRG")) {
            for (Field cx : s.repetitions(1)) {
                merged.add(PatientIdentifier.of(cx));
            }
        }
        if (merged.isEmpty() || merged.stream().allMatch(i -> i.value().isEmpty())) {
            problems.add(Problem.of(Hl7Error.MRG_EMPTY, "MRG-1"));
            return Optional.empty();
        }
        return Optional.of("A40".equals(trigger) ? new IdentityEvent.Merge(trigger, patient, merged)
                : new IdentityEvent.IdentifierChange(trigger, patient, merged));
    }

    private Optional<IdentityEvent> readLink(Hl7Message m, String trigger, List<Problem> problems) {
        List<Segment> pids = m.segments("PID");
        if (pids.size() != 2) {
            problems.add(Problem.of(Hl7Error.LINK_NEEDS_TWO, "PID", trigger, pids.size()));
            return Optional.empty();
        }
        Structures.check(m, Structures.ADT_A24, "ADT_A24", Structures.PAM_FR_Z, problems::add);
        PamIdentity first = patient(pids.get(0), Optional.empty(), "PID[1]", problems);
        PamIdentity second = patient(pids.get(1), Optional.empty(), "PID[2]", problems);
        return Optional.of(new IdentityEvent.Link(trigger, "A24".equals(trigger), first, second));
    }

    private PamIdentity patient(Segment pid, Optional<IdentityProvenance> provenance, String path,
            List<Problem> problems) {
        List<Problem> local = new ArrayList<>();
        List<PatientIdentifier> ids = new ArrayList<>();
        for (Field cx : pid.repetitions(3)) {
            ids.add(PatientIdentifier.of(cx));
        }
        if (ids.isEmpty()) {
            local.add(Problem.of(Hl7Error.FIELD_REQUIRED, "PID-3", "PID-3", "PAM FR"));
        }
        // INS
        Set<String> insSeen = new LinkedHashSet<>();
        Ins ins = null;
        boolean insCandidate = false;
        for (PatientIdentifier id : ids) {
            if (!id.isIns()) {
                continue;
            }
            insCandidate = true;
            insSeen.add(id.value() + "@" + id.oid());
            Ins checked = checkIns(id, local);
            if (checked != null && ins == null) {
                ins = checked;
            }
        }
        if (insSeen.size() > 1) {
            local.add(Problem.of(Hl7Error.INS_SEVERAL, "PID-3", insSeen.size()));
        }
        // local identifier (IPP) with an OID authority
        LocalIdentifier ipp = null;
        Optional<PatientIdentifier> pi = ids.stream().filter(i -> "PI".equalsIgnoreCase(i.typeCode())).findFirst();
        if (pi.isEmpty()) {
            local.add(Problem.of(Hl7Error.NO_LOCAL_ID, "PID-3"));
        } else if (!pi.get().value().isEmpty() && pi.get().oid().matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
            ipp = LocalIdentifier.of(pi.get().value(), pi.get().oid());
        }
        // PID-32
        List<String> codes = new ArrayList<>();
        for (Field f : pid.repetitions(32)) {
            String c = f.value().trim().toUpperCase(Locale.ROOT);
            if (!c.isEmpty()) {
                codes.add(c);
            }
        }
        IdentityStatus declared = null;
        Set<IdentityAttribute> attributes = EnumSet.noneOf(IdentityAttribute.class);
        for (String c : codes) {
            Optional<IdentityAttribute> attribute = attribute(c);
            if (attribute.isPresent()) {
                attributes.add(attribute.get());
            } else if (STATUS_CODES.contains(c)) {
                IdentityStatus s = status(c);
                if (declared == null || s.ordinal() > declared.ordinal()) {
                    declared = s;
                }
            } else if (!OTHER_0445.contains(c)) {
                local.add(Problem.of(Hl7Error.STATUS_UNKNOWN, "PID-32", c));
            }
        }
        if (codes.isEmpty()) {
            local.add(Problem.of(Hl7Error.STATUS_MISSING, "PID-32"));
        }
        // facts the ins-core status derives from
        boolean retrieved = declared == IdentityStatus.RECUPEREE || declared == IdentityStatus.QUALIFIEE;
        boolean documented = declared == IdentityStatus.VALIDEE || declared == IdentityStatus.QUALIFIEE;
        if (retrieved && ins == null) {
            if (!insCandidate) {
                local.add(Problem.of(Hl7Error.STATUS_WITHOUT_INS, "PID-32", codeOf(declared), declared));
            }
            retrieved = false;
        }
        HighTrustDocument document = null;
        if (documented) {
            String type = provenance.map(IdentityProvenance::documentType).orElse("");
            document = type.isEmpty() ? null : HighTrustDocument.fromCode(type).orElse(null);
            if (document == null) {
                IdentityStatus recorded = IdentityStatus.derive(retrieved, false, attributes);
                local.add(Problem.of(Hl7Error.DOCUMENT_TYPE, "ZFD-7", codeOf(declared), type, recorded));
            }
        }
        if (ins != null && !retrieved) {
            if (declared == IdentityStatus.VALIDEE && provenance.map(IdentityProvenance::fromInsi).orElse(false)) {
                local.add(Problem.of(Hl7Error.VALIDATED_WITH_INSI, "PID-32",
                        provenance.map(IdentityProvenance::obtainedBy).orElse("")));
            } else {
                local.add(Problem.of(Hl7Error.INS_NOT_VERIFIED, "PID-32", declared == null ? "-" : codeOf(declared)));
            }
        }
        // traits
        Optional<IdentityTraits> traits = traits(pid, local);
        PatientIdentity identity = null;
        if (traits.isPresent()) {
            PatientIdentity.Builder b = PatientIdentity.builder().traits(traits.get()).ins(ins)
                    .retrievedFromInsi(retrieved).checkedOn(document).attributes(attributes).localIdentifier(ipp);
            ValidationResult r = b.validate();
            if (r.isValid()) {
                identity = b.build();
            } else {
                for (Problem p : r.problems()) {
                    local.add(p.under("PID-32"));
                }
            }
        }
        for (Problem p : local) {
            problems.add(path.equals("PID") ? p : relocate(p, path));
        }
        return new PamIdentity(ids, Optional.ofNullable(ins), codes, Optional.ofNullable(declared), provenance,
                Optional.ofNullable(identity));
    }

    private static Problem relocate(Problem p, String path) {
        String where = p.path().startsWith("PID") ? path + p.path().substring(3) : path + "." + p.path();
        return new Problem(p.code(), p.severity(), where, p.messageFr(), p.messageEn());
    }

    private Ins checkIns(PatientIdentifier id, List<Problem> problems) {
        String matricule = id.value();
        String oid = id.oid();
        Optional<AssigningAuthority> authority = AssigningAuthority.find(oid);
        boolean ok = true;
        if (authority.isEmpty()) {
            ValidationResult r = AssigningAuthority.validate(oid, environment);
            String why = r.problems().isEmpty() ? "OID" : r.problems().get(0).messageFr() + " / "
                    + r.problems().get(0).messageEn();
            problems.add(Problem.of(Hl7Error.INS_OID_UNKNOWN, "PID-3", oid, why));
            ok = false;
        } else if (!environment.accepts(authority.get())) {
            problems.add(Problem.of(Hl7Error.INS_OID_ENVIRONMENT, "PID-3", oid, authority.get().label(), environment));
            ok = false;
        }
        ValidationResult key = fr.segurbio.ins.Matricule.validate(matricule);
        for (Problem p : key.problems()) {
            Severity severity = p.severity();
            problems.add(Problem.of(Hl7Error.INS_MATRICULE, severity, "PID-3", mask(matricule),
                    p.code().id() + " " + p.messageEn()));
            ok &= severity != Severity.ERROR;
        }
        return ok ? Ins.of(matricule, oid, environment) : null;
    }

    private static String mask(String matricule) {
        return matricule.length() <= 4 ? matricule : matricule.substring(0, 4) + "…" + matricule.length();
    }

    private static Optional<IdentityTraits> traits(Segment pid, List<Problem> problems) {
        Field legal = null;
        Field used = null;
        for (Field xpn : pid.repetitions(5)) {
            String type = xpn.trimmed(7);
            if ("L".equals(type) && legal == null) {
                legal = xpn;
            } else if ("D".equals(type) && used == null) {
                used = xpn;
            }
        }
        if (legal == null) {
            problems.add(Problem.of(Hl7Error.NO_BIRTH_NAME, "PID-5"));
            return Optional.empty();
        }
        IdentityTraits.Builder b = IdentityTraits.builder().birthName(legal.component(1).trim());
        String first = legal.component(2).trim();
        String list = legal.component(3).trim();
        if (list.isEmpty()) {
            b.birthFirstNames(first);
        } else {
            b.birthFirstNames(list.replace(',', ' ').replaceAll(" +", " "));
            if (!first.isEmpty()) {
                b.firstFirstName(first);
            }
        }
        if (used != null) {
            String un = used.component(1).trim();
            String uf = used.component(2).trim();
            b.usedName(un.isEmpty() ? null : un).usedFirstName(uf.isEmpty() ? null : uf);
        }
        String dob = pid.value(7).trim();
        Optional<LocalDate> date = DIGITS.matcher(dob).matches() ? Hl7Time.date(dob) : Optional.empty();
        if (date.isPresent()) {
            try {
                b.birthDate(date.get());
            } catch (InsException e) {
                // a date in the future: the traits are then refused for lack of a birth date
                for (Problem p : e.problems()) {
                    problems.add(new Problem(p.code(), p.severity(), "PID-7", p.messageFr(), p.messageEn()));
                }
            }
        } else if (!dob.isEmpty()) {
            problems.add(Problem.of(Hl7Error.FIELD_FORMAT, "PID-7", "PID-7", dob, "AAAAMMJJ / YYYYMMDD"));
        }
        String sex = pid.value(8).trim();
        if ("M".equals(sex) || "F".equals(sex)) {
            b.sex(Sex.fromCode(sex));
        } else if (!sex.isEmpty()) {
            problems.add(Problem.of(Hl7Error.TRAIT, "PID-8", "PID-8", "« " + sex + " » : M ou F / M or F"));
        }
        for (Field xad : pid.repetitions(11)) {
            if ("BDL".equals(xad.trimmed(7))) {
                String cog = xad.component(9).trim();
                if (!cog.isEmpty()) {
                    b.birthPlace(cog);
                }
                break;
            }
        }
        Set<String> reported = new java.util.HashSet<>();
        problems.forEach(p -> reported.add(p.path()));
        ValidationResult r = b.validate();
        for (Problem p : r.problems()) {
            String field = traitPath(p);
            if (p.code() == InsError.TRAIT_EMPTY && reported.contains(field)) {
                continue; // the field's own problem says why it is empty
            }
            problems.add(new Problem(p.code(), p.severity(), field, p.messageFr(), p.messageEn()));
        }
        return r.isValid() ? Optional.of(b.build()) : Optional.empty();
    }

    private static String traitPath(Problem p) {
        String path = p.path();
        if (path.startsWith("birthDate")) {
            return "PID-7";
        }
        if (path.startsWith("sex")) {
            return "PID-8";
        }
        if (path.startsWith("birthPlace") || p.code() == InsError.BIRTH_PLACE) {
            return "PID-11";
        }
        return "PID-5";
    }

    private static Optional<IdentityAttribute> attribute(String code) {
        for (IdentityAttribute a : IdentityAttribute.values()) {
            if (a.code().equals(code)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static IdentityStatus status(String code) {
        switch (code) {
            case "RECUP":
                return IdentityStatus.RECUPEREE;
            case "VALI":
                return IdentityStatus.VALIDEE;
            case "QUAL":
                return IdentityStatus.QUALIFIEE;
            default:
                return IdentityStatus.PROVISOIRE;
        }
    }

    private static String codeOf(IdentityStatus s) {
        return s == null ? "" : s.code();
    }

    static IdentityProvenance provenance(Segment zfd) {
        return new IdentityProvenance(zfd.value(5).trim(), Hl7Time.date(zfd.value(6)), zfd.value(7).trim());
    }

    private static DmpConsent consent(Segment zfa, List<Problem> problems) {
        Optional<DmpConsent.DmpStatus> status = Optional.empty();
        String s1 = zfa.value(1).trim();
        if (!s1.isEmpty()) {
            try {
                status = Optional.of(DmpConsent.DmpStatus.valueOf(s1));
            } catch (IllegalArgumentException e) {
                problems.add(Problem.of(Hl7Error.CONSENT_CODE, "ZFA-1", 1, s1, "ACTIF, FERME, INEXISTANT"));
            }
        }
        Optional<DmpConsent.Feeding> feeding = Optional.empty();
        String s9 = zfa.value(9).trim();
        if (!s9.isEmpty()) {
            feeding = java.util.Arrays.stream(DmpConsent.Feeding.values()).filter(f -> f.code().equals(s9)).findFirst();
            if (feeding.isEmpty()) {
                problems.add(Problem.of(Hl7Error.CONSENT_CODE, "ZFA-9", 9, s9, "INO, IO, NA"));
            }
        }
        Optional<DmpConsent.Consultation> consultation = Optional.empty();
        String s11 = zfa.value(11).trim();
        if (!s11.isEmpty()) {
            consultation = java.util.Arrays.stream(DmpConsent.Consultation.values()).filter(f -> f.code().equals(s11))
                    .findFirst();
            if (consultation.isEmpty()) {
                problems.add(Problem.of(Hl7Error.CONSENT_CODE, "ZFA-11", 11, s11, "IC, INC, NA"));
            }
        }
        return new DmpConsent(status, Hl7Time.dateTime(zfa.value(2)), feeding, Hl7Time.dateTime(zfa.value(10)),
                consultation, Hl7Time.dateTime(zfa.value(12)));
    }

    private static Optional<Movement> movement(Segment zbe, List<Problem> problems) {
        int shift = 0;
        String action = zbe.value(4).trim();
        if (action.isEmpty() && Set.of("INSERT", "UPDATE", "CANCEL").contains(zbe.value(5).trim())) {
            shift = 1;
            action = zbe.value(5).trim();
            problems.add(Problem.of(Hl7Error.MOVEMENT_SHIFTED, "ZBE-4", action));
        }
        Movement.Action a;
        try {
            a = Movement.Action.valueOf(action);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of(Hl7Error.MOVEMENT_ACTION, "ZBE-4", action));
            return Optional.empty();
        }
        String unit = zbe.value(7 + shift, 1).trim();
        return Optional.of(new Movement(zbe.value(1, 1).trim(), Hl7Time.dateTime(zbe.value(2)), a,
                "Y".equals(zbe.value(5 + shift).trim()), unit.isEmpty() ? Optional.empty() : Optional.of(unit),
                zbe.value(9 + shift).trim()));
    }
}
