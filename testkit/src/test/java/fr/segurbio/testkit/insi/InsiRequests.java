package fr.segurbio.testkit.insi;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** SOAP 1.2 INSi requests written by hand, for the simulator's own tests. */
final class InsiRequests {

    static final String IDAM = "SIMUL-IDAM-01";

    private InsiRequests() {
    }

    static String headers(String action, String idam) {
        return "<soap:Header>"
                + "<ctxbam:ContexteBAM xmlns:ctxbam=\"urn:siram:bam:ctxbam\" Version=\"01_02\">"
                + "<ctxbam:Id>3f1c2a5e-0000-4000-8000-000000000001</ctxbam:Id>"
                + "<ctxbam:Temps>2026-11-22T10:29:58.604Z</ctxbam:Temps>"
                + "<ctxbam:Emetteur>ORG AUTH_CLI</ctxbam:Emetteur><ctxbam:COUVERTURE/></ctxbam:ContexteBAM>"
                + "<ctxlps:ContexteLPS xmlns:ctxlps=\"urn:siram:lps:ctxlps\" Nature=\"CTXLPS\" Version=\"01_00\">"
                + "<ctxlps:Id>3f1c2a5e-0000-4000-8000-000000000002</ctxlps:Id>"
                + "<ctxlps:Temps>2026-11-22T10:29:58.604Z</ctxlps:Temps>"
                + "<ctxlps:Emetteur>ORG AUTH_CLI</ctxlps:Emetteur>"
                + "<ctxlps:LPS><ctxlps:IDAM R=\"4\">" + idam + "</ctxlps:IDAM><ctxlps:Version>0.1.0</ctxlps:Version>"
                + "<ctxlps:Instance>3f1c2a5e-0000-4000-8000-000000000003</ctxlps:Instance>"
                + "<ctxlps:Nom>urn:lps:segur-bio:0.1.0</ctxlps:Nom></ctxlps:LPS></ctxlps:ContexteLPS>"
                + "<wsa:Action xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">" + action + "</wsa:Action>"
                + "<wsa:MessageID xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">uuid:42</wsa:MessageID>"
                + "</soap:Header>";
    }

    static String envelope(String headers, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">" + headers
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    static String traitsBody(String nom, List<String> prenoms, String sexe, String date, String lieu) {
        StringBuilder b = new StringBuilder("<r:RECSANSVITALE xmlns:r=\"http://www.cnamts.fr/INSiRecSans\">");
        b.append("<r:NomNaissance>").append(nom).append("</r:NomNaissance>");
        prenoms.forEach(p -> b.append("<r:Prenom>").append(p).append("</r:Prenom>"));
        b.append("<r:Sexe>").append(sexe).append("</r:Sexe><r:DateNaissance>").append(date).append("</r:DateNaissance>");
        if (lieu != null) {
            b.append("<r:LieuNaissance>").append(lieu).append("</r:LieuNaissance>");
        }
        return b.append("</r:RECSANSVITALE>").toString();
    }

    static byte[] traits(String nom, String prenom, String sexe, String date) {
        return envelope(headers(InsiService.ACTION_TRAITS, IDAM), traitsBody(nom, List.of(prenom), sexe, date, null))
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] vitale(String num, String cle, String nom, String date) {
        String body = "<v:RECVITALE xmlns:v=\"http://www.cnamts.fr/INSiRecVit\"><v:MatriculeIndividu>"
                + "<v:NumIdentifiant>" + num + "</v:NumIdentifiant><v:Cle>" + cle + "</v:Cle></v:MatriculeIndividu>"
                + "<v:NomNaissance>" + nom + "</v:NomNaissance><v:DateNaissance>" + date + "</v:DateNaissance>"
                + "<v:RangNaissance>1</v:RangNaissance></v:RECVITALE>";
        return envelope(headers(InsiService.ACTION_VITALE, IDAM), body).getBytes(StandardCharsets.UTF_8);
    }
}
