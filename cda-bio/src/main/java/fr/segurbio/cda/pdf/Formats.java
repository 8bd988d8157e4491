package fr.segurbio.cda.pdf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Telecom;

/** How values, units, dates and identifiers read on a French lab report. */
final class Formats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final Pattern POWER_OF_TEN = Pattern.compile("^10\\*(\\d+)");
    private static final Pattern MICRO = Pattern.compile("(^|/)u(?=(mol|g|L|l|m|U|IU|kat|eq)\\b|(mol|g|L|l|m|U|IU|kat|eq)/)");

    /** The interpretations that mark a value as abnormal (bold, in the abnormal colour). */
    static final Set<Interpretation> ABNORMAL = EnumSet.of(Interpretation.A, Interpretation.AA, Interpretation.H,
            Interpretation.HH, Interpretation.HU, Interpretation.HX, Interpretation.L, Interpretation.LL,
            Interpretation.LU, Interpretation.LX, Interpretation.EX, Interpretation.ABOVE_RANGE);

    private Formats() {
    }

    static String date(LocalDate d) {
        return DATE.format(d);
    }

    static String date(OffsetDateTime t) {
        return DATE.format(t);
    }

    static String dateTime(OffsetDateTime t) {
        return DATE.format(t) + " à " + TIME.format(t);
    }

    /** A decimal with the French comma. */
    static String number(BigDecimal n) {
        return n.toPlainString().replace('.', ',');
    }

    /** A UCUM unit as biologists print it: {@code umol/L} → {@code µmol/L}, {@code 10*9/L} → {@code ×10^9/L}. */
    static String unit(String ucum) {
        if (ucum == null || ucum.equals("1")) {
            return "";
        }
        String s = POWER_OF_TEN.matcher(ucum).replaceFirst("×10^$1");
        s = MICRO.matcher(s).replaceAll("$1µ");
        return s;
    }

    /** The value column of a result (without unit for quantities, whose unit has its own column). */
    static String value(ResultValue v) {
        if (v instanceof ResultValue.Quantity q) {
            return number(q.value());
        }
        if (v instanceof ResultValue.QuantityRange r) {
            if (r.optionalLow().isEmpty()) {
                return (r.highInclusive() ? "≤ " : "< ") + number(r.high().value());
            }
            if (r.optionalHigh().isEmpty()) {
                return (r.lowInclusive() ? "≥ " : "> ") + number(r.low().value());
            }
            return number(r.low().value()) + " – " + number(r.high().value());
        }
        if (v instanceof ResultValue.Real real) {
            return number(real.value());
        }
        if (v instanceof ResultValue.Ratio ratio) {
            return number(ratio.numerator()) + "/" + number(ratio.denominator());
        }
        return v.display();
    }

    /** The unit column of a result. */
    static String unit(ResultValue v) {
        if (v instanceof ResultValue.Quantity q) {
            return unit(q.unit());
        }
        if (v instanceof ResultValue.QuantityRange r) {
            return unit(r.optionalLow().orElse(r.high()).unit());
        }
        return "";
    }

    static String range(ReferenceRange r) {
        String s;
        Optional<ResultValue.Quantity> low = r.optionalLow();
        Optional<ResultValue.Quantity> high = r.optionalHigh();
        if (low.isPresent() && high.isPresent()) {
            s = number(low.get().value()) + " – " + number(high.get().value());
        } else if (low.isPresent()) {
            s = "> " + number(low.get().value());
        } else if (high.isPresent()) {
            s = "< " + number(high.get().value());
        } else {
            s = "";
        }
        if (r.text() != null && !r.text().isBlank()) {
            s = s.isEmpty() ? r.text() : s + " (" + r.text() + ")";
        }
        return s;
    }

    /** {@code 275126322074974} → {@code 2 75 12 63 220 749 74}. */
    static String matricule(String m) {
        if (m.length() != 15) {
            return m;
        }
        return m.substring(0, 1) + " " + m.substring(1, 3) + " " + m.substring(3, 5) + " " + m.substring(5, 7) + " "
                + m.substring(7, 10) + " " + m.substring(10, 13) + " " + m.substring(13);
    }

    static String person(HealthProfessional p) {
        PersonName n = p.name();
        StringBuilder sb = new StringBuilder(n.display());
        p.profession().ifPresent(code -> {
            if (code.displayName() != null) {
                sb.append(", ").append(code.displayName());
            }
        });
        if (InstanceId.ID_NAT_PS.equals(p.id().root()) && p.id().extension() != null) {
            String ext = p.id().extension();
            sb.append(ext.length() == 12 && ext.startsWith("8") ? " (RPPS " + ext.substring(1) + ")" : " (" + ext + ")");
        }
        return sb.toString();
    }

    /** {@code FINESS 123456789} for an idNatStruct {@code 1}+FINESS, the raw identifier otherwise. */
    static Optional<String> structureId(Organization o) {
        InstanceId id = o.id();
        if (id == null || id.extension() == null) {
            return Optional.empty();
        }
        String ext = id.extension();
        if (InstanceId.ID_NAT_STRUCT.equals(id.root()) && ext.length() == 10 && ext.startsWith("1")) {
            return Optional.of("FINESS " + ext.substring(1));
        }
        if (InstanceId.ID_NAT_STRUCT.equals(id.root()) && ext.startsWith("3")) {
            return Optional.of("SIRET " + ext.substring(1));
        }
        return Optional.of("Id. " + ext);
    }

    static Optional<String> phone(java.util.List<Telecom> telecoms) {
        for (Telecom t : telecoms) {
            if (t.value() != null && t.value().startsWith("tel:")) {
                String n = t.value().substring(4);
                if (n.matches("0[0-9]{9}")) {
                    n = n.replaceAll("(..)(?!$)", "$1 ");
                }
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    static String address(Address a) {
        return a.oneLine();
    }
}
