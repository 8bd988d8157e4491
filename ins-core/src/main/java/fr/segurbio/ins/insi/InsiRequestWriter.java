package fr.segurbio.ins.insi;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes the INSi SOAP headers ({@code ContexteBAM}, {@code ContexteLPS}) and bodies ({@code RECSANSVITALE},
 * {@code RECVITALE}) as the INSi XSDs and the CNDA-tested clients lay them out. The WS-Addressing headers are
 * the SOAP client's.
 */
final class InsiRequestWriter {

    static final String NS_BAM = "urn:siram:bam:ctxbam";
    static final String NS_LPS = "urn:siram:lps:ctxlps";
    static final String NS_RECSANS = "http://www.cnamts.fr/INSiRecSans";
    static final String NS_RECVIT = "http://www.cnamts.fr/INSiRecVit";

    private InsiRequestWriter() {
    }

    /** The software's identity in {@code ContexteLPS}. */
    record Software(String emitter, String idam, String name, String version, UUID instance) {
    }

    static String contexteBam(String id, Instant time, String emitter, VitaleSearch vitale) {
        StringBuilder b = new StringBuilder(512);
        b.append("<ctxbam:ContexteBAM xmlns:ctxbam=\"").append(NS_BAM).append("\" Version=\"01_02\">");
        elem(b, "ctxbam:Id", id);
        elem(b, "ctxbam:Temps", time(time));
        elem(b, "ctxbam:Emetteur", emitter);
        if (vitale == null) {
            b.append("<ctxbam:COUVERTURE/>");
        } else {
            b.append("<ctxbam:COUVERTURE>");
            optional(b, "ctxbam:GrandRegime", vitale.grandRegime());
            optional(b, "ctxbam:Organisme", vitale.organisme());
            optional(b, "ctxbam:CodeCentre", vitale.codeCentre());
            String assureNum = vitale.insured().orElse(vitale.beneficiaryNumber());
            String assureCle = vitale.insured().isPresent() ? vitale.insuredKey() : vitale.beneficiaryKey();
            b.append("<ctxbam:ASSURE><ctxbam:Id>");
            elem(b, "ctxbam:Num", assureNum);
            elem(b, "ctxbam:Cle", assureCle);
            b.append("</ctxbam:Id></ctxbam:ASSURE><ctxbam:BENEFICIAIRE><ctxbam:Nir>");
            elem(b, "ctxbam:Num", vitale.beneficiaryNumber());
            elem(b, "ctxbam:Cle", vitale.beneficiaryKey());
            b.append("</ctxbam:Nir>");
            elem(b, "ctxbam:DateNai", vitale.birthDate().raw());
            elem(b, "ctxbam:Rang", Integer.toString(vitale.birthRank()));
            b.append("</ctxbam:BENEFICIAIRE></ctxbam:COUVERTURE>");
        }
        return b.append("</ctxbam:ContexteBAM>").toString();
    }

    static String contexteLps(String id, Instant time, Software software) {
        StringBuilder b = new StringBuilder(512);
        b.append("<ctxlps:ContexteLPS xmlns:ctxlps=\"").append(NS_LPS)
                .append("\" Nature=\"CTXLPS\" Version=\"01_00\">");
        elem(b, "ctxlps:Id", id);
        elem(b, "ctxlps:Temps", time(time));
        elem(b, "ctxlps:Emetteur", software.emitter());
        b.append("<ctxlps:LPS><ctxlps:IDAM R=\"4\">").append(escape(software.idam())).append("</ctxlps:IDAM>");
        elem(b, "ctxlps:Version", software.version());
        elem(b, "ctxlps:Instance", software.instance().toString());
        elem(b, "ctxlps:Nom", "urn:lps:" + software.name() + ":" + software.version());
        return b.append("</ctxlps:LPS></ctxlps:ContexteLPS>").toString();
    }

    static String traits(TraitsSearch s) {
        StringBuilder b = new StringBuilder(400);
        b.append("<insi_recsans_ins:RECSANSVITALE xmlns:insi_recsans_ins=\"").append(NS_RECSANS).append("\">");
        elem(b, "insi_recsans_ins:NomNaissance", s.birthName());
        for (String p : s.firstNames()) {
            elem(b, "insi_recsans_ins:Prenom", p);
        }
        elem(b, "insi_recsans_ins:Sexe", s.sex().code());
        elem(b, "insi_recsans_ins:DateNaissance", s.birthDate().raw());
        s.place().ifPresent(p -> elem(b, "insi_recsans_ins:LieuNaissance", p.code()));
        return b.append("</insi_recsans_ins:RECSANSVITALE>").toString();
    }

    static String vitale(VitaleSearch s) {
        StringBuilder b = new StringBuilder(400);
        b.append("<insi_recvit_ins:RECVITALE xmlns:insi_recvit_ins=\"").append(NS_RECVIT).append("\">");
        b.append("<insi_recvit_ins:MatriculeIndividu>");
        elem(b, "insi_recvit_ins:NumIdentifiant", s.beneficiaryNumber());
        elem(b, "insi_recvit_ins:Cle", s.beneficiaryKey());
        b.append("</insi_recvit_ins:MatriculeIndividu>");
        if (s.insuredNumber() != null) {
            b.append("<insi_recvit_ins:MatriculeOD>");
            elem(b, "insi_recvit_ins:NumIdentifiant", s.insuredNumber());
            elem(b, "insi_recvit_ins:Cle", s.insuredKey());
            b.append("</insi_recvit_ins:MatriculeOD>");
        }
        optional(b, "insi_recvit_ins:NomNaissance", s.birthName());
        elem(b, "insi_recvit_ins:DateNaissance", s.birthDate().raw());
        elem(b, "insi_recvit_ins:RangNaissance", Integer.toString(s.birthRank()));
        return b.append("</insi_recvit_ins:RECVITALE>").toString();
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    private static void optional(StringBuilder b, String name, String value) {
        if (value != null && !value.isEmpty()) {
            elem(b, name, value);
        }
    }

    private static void elem(StringBuilder b, String name, String value) {
        b.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
    }

    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
