package fr.segurbio.ins.insi;

import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.AssigningAuthority;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.InsError;
import fr.segurbio.ins.InsException;
import fr.segurbio.ins.LunarDate;
import fr.segurbio.ins.Matricule;
import fr.segurbio.ins.Sex;
import fr.segurbio.transport.SoapFaultException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The one reader of what INSi answers, whether the answer comes from the network or from a CNDA test file
 * served by a stand-in exchange: the {@code RESULTAT} of a SOAP body, and the {@code siram:Erreur} detail of a
 * SOAP fault ({@link #fault}).
 *
 * <p>A {@code RESULTAT} is read leniently, as the CNDA files require: elements by local name whatever their
 * prefix or namespace, children in any order, {@code INSHISTO} repeated or single, {@code Prenom} and
 * {@code ListePrenom} both present or not, a wrong key kept as a warning. What cannot make an identity (no
 * matricule, an unknown OID, an unknown sex) is an error.
 */
final class InsiResponseReader {

    private InsiResponseReader() {
    }

    /** What a {@code RESULTAT} says. */
    record Parsed(String code, String label, InsiIdentity identity, ValidationResult warnings) {
    }

    /** The {@code RESULTAT} element under a node (the SOAP body, or a whole response file), or {@code null}. */
    static Element findResult(Node root) {
        if (root instanceof Element e && "RESULTAT".equals(e.getLocalName())) {
            return e;
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            Element found = findResult(n);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Reads the {@code RESULTAT} of an answer's SOAP body.
     *
     * @throws InsiException {@code RESPONSE_UNREADABLE} when the body has no {@code RESULTAT}
     */
    static Parsed readBody(Element body, InsEnvironment environment) {
        Element result = findResult(body);
        if (result == null) {
            throw new InsiException(InsiError.RESPONSE_UNREADABLE, "RESULTAT absent");
        }
        return read(result, environment);
    }

    /**
     * Reads an INSi fault: the SOAP code ({@code Sender}, {@code Receiver}), the {@code siram_NNN} subcode, the
     * reason, and the {@code Erreur} detail (its {@code code} and {@code severite} attributes, its text), found
     * by local name anywhere in the {@code Detail}.
     */
    static InsiFault fault(SoapFaultException e) {
        String subcode = e.subcodes().isEmpty() ? null : e.subcodes().get(0).getLocalPart();
        Element erreur = e.detail().map(d -> descendant(d, "Erreur")).orElse(null);
        return new InsiFault(e.faultCode().getLocalPart(), subcode,
                erreur == null ? null : emptyToNull(erreur.getAttribute("code")),
                erreur == null ? null : emptyToNull(erreur.getAttribute("severite")), e.reason(),
                erreur == null ? null : erreur.getTextContent().trim());
    }

    private static Element descendant(Node root, String local) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (local.equals(e.getLocalName())) {
                    return e;
                }
                Element deeper = descendant(e, local);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static Parsed read(Element resultat, InsEnvironment environment) {
        Element cr = child(resultat, "CR");
        String code = text(cr, "CodeCR");
        String label = text(cr, "LibelleCR");
        if (code == null) {
            throw new InsiException(InsiError.RESPONSE_UNREADABLE, "CR/CodeCR absent");
        }
        switch (code) {
            case "01", "02" -> {
                return new Parsed(code, label, null, ValidationResult.ok());
            }
            case "00" -> {
                // read below
            }
            default -> throw new InsiException(InsiError.UNKNOWN_RESULT_CODE, code, String.valueOf(label));
        }
        Element individu = child(resultat, "INDIVIDU");
        if (individu == null) {
            throw new InsiException(InsiError.RESPONSE_UNREADABLE, "CodeCR 00 sans INDIVIDU / CodeCR 00 without"
                    + " INDIVIDU");
        }
        ValidationResult.Builder warnings = ValidationResult.builder();
        List<Problem> errors = new ArrayList<>();
        Ins active = null;
        Element actif = child(individu, "INSACTIF");
        if (actif == null) {
            errors.add(Problem.of(InsiError.RESPONSE_UNREADABLE, "INSACTIF", "INSACTIF absent"));
        } else {
            InsiIdentity.HistoricIns a = ins(actif, "INSACTIF", environment, warnings, errors);
            active = a == null ? null : a.ins();
        }
        List<InsiIdentity.HistoricIns> history = new ArrayList<>();
        List<Element> histo = children(individu, "INSHISTO");
        for (int i = 0; i < histo.size(); i++) {
            InsiIdentity.HistoricIns h = ins(histo.get(i), "INSHISTO[" + i + "]", environment, warnings, errors);
            if (h != null) {
                history.add(h);
            }
        }
        InsiTraits traits = null;
        Element tiq = child(individu, "TIQ");
        if (tiq == null) {
            errors.add(Problem.of(InsiError.RESPONSE_UNREADABLE, "TIQ", "TIQ absent"));
        } else {
            traits = traits(tiq, warnings, errors);
        }
        if (!errors.isEmpty()) {
            throw new InsiException(ValidationResult.of(errors));
        }
        return new Parsed(code, label, new InsiIdentity(active, history, traits), warnings.build());
    }

    private static InsiIdentity.HistoricIns ins(Element e, String path, InsEnvironment environment,
            ValidationResult.Builder warnings, List<Problem> errors) {
        Element id = child(e, "IdIndividu");
        String number = text(id, "NumIdentifiant");
        String key = text(id, "Cle");
        String oid = text(e, "OID");
        Matricule matricule = null;
        try {
            Matricule.Received received = Matricule.fromInsi(number, key);
            matricule = received.matricule();
            warnings.addAll(received.warnings().under(path));
        } catch (InsException ex) {
            ex.problems().forEach(p -> errors.add(p.under(path)));
        }
        AssigningAuthority authority = null;
        ValidationResult oidCheck = AssigningAuthority.validate(oid, environment);
        if (oidCheck.isValid()) {
            authority = AssigningAuthority.fromOid(oid);
        } else {
            oidCheck.problems().forEach(p -> errors.add(p.under(path + ".OID")));
        }
        LocalDate start = date(e, "DateDeb", path, warnings);
        LocalDate end = date(e, "DateFin", path, warnings);
        if (start != null && end != null && end.isBefore(start)) {
            warnings.add(Problem.of(InsiError.RESPONSE_ANOMALY, path, path,
                    "DateFin " + end + " < DateDeb " + start));
        }
        if (matricule == null || authority == null) {
            return null;
        }
        return new InsiIdentity.HistoricIns(new Ins(matricule, authority), start, end);
    }

    private static LocalDate date(Element e, String name, String path, ValidationResult.Builder warnings) {
        String t = text(e, name);
        if (t == null || t.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException ex) {
            warnings.add(Problem.of(InsiError.RESPONSE_ANOMALY, path + "." + name, path + "." + name,
                    "date illisible / unreadable date " + t));
            return null;
        }
    }

    private static InsiTraits traits(Element tiq, ValidationResult.Builder warnings, List<Problem> errors) {
        String name = text(tiq, "NomNaissance");
        String prenom = text(tiq, "Prenom");
        String list = text(tiq, "ListePrenom");
        List<String> firstNames = list != null && !list.isBlank() ? Arrays.asList(list.trim().split(" +"))
                : prenom != null && !prenom.isBlank() ? List.of(prenom) : List.of();
        String first = prenom != null && !prenom.isBlank() ? prenom : firstNames.isEmpty() ? null : firstNames.get(0);
        if (first != null && !firstNames.isEmpty() && !String.join(" ", firstNames).startsWith(first)) {
            warnings.add(Problem.of(InsError.FIRST_FIRST_NAME, Severity.WARNING, "TIQ.Prenom", first,
                    String.join(" ", firstNames)));
        }
        if (name == null || name.isEmpty()) {
            errors.add(Problem.of(InsiError.RESPONSE_UNREADABLE, "TIQ.NomNaissance", "NomNaissance absent"));
        }
        if (first == null) {
            errors.add(Problem.of(InsiError.RESPONSE_UNREADABLE, "TIQ.ListePrenom", "ListePrenom absent"));
        }
        Sex sex = null;
        try {
            sex = Sex.fromCode(text(tiq, "Sexe"));
        } catch (InsException ex) {
            ex.problems().forEach(p -> errors.add(p.under("TIQ.Sexe")));
        }
        LunarDate birthDate = null;
        try {
            birthDate = LunarDate.parse(text(tiq, "DateNaissance"));
            warnings.addAll(birthDate.problems().under("TIQ.DateNaissance"));
        } catch (InsException ex) {
            ex.problems().forEach(p -> errors.add(p.under("TIQ.DateNaissance")));
        }
        BirthPlace place = null;
        String lieu = text(tiq, "LieuNaissance");
        if (lieu != null && !lieu.isEmpty()) {
            if (BirthPlace.validate(lieu).isValid()) {
                place = BirthPlace.of(lieu);
            } else {
                warnings.add(Problem.of(InsiError.RESPONSE_ANOMALY, "TIQ.LieuNaissance", "LieuNaissance",
                        "code COG inattendu / unexpected COG code " + lieu));
            }
        }
        if (name == null || name.isEmpty() || first == null || sex == null || birthDate == null) {
            return null;
        }
        return new InsiTraits(name, firstNames, first, sex, birthDate, place);
    }

    private static Element child(Element parent, String local) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String local) {
        Element e = child(parent, local);
        return e == null ? null : e.getTextContent().trim();
    }
}
