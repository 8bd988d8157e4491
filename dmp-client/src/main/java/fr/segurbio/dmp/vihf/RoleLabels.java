package fr.segurbio.dmp.vihf;

import java.util.Map;
import java.util.Optional;

/**
 * Display names (JDV_J65-SubjectRole-DMP) of the roles a lab uses: the two professions of biologists, the
 * biology savoir-faire and the automate.
 */
final class RoleLabels {

    static final String PROFESSION = "1.2.250.1.71.1.2.7";
    static final String SAVOIR_FAIRE = "1.2.250.1.71.4.2.5";
    static final String AUTOMATE = "1.2.250.1.213.1.1.4.6";

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(PROFESSION + "|10", "Médecin"),
            Map.entry(PROFESSION + "|21", "Pharmacien"),
            Map.entry(AUTOMATE + "|AUTOMATE", "Automate"),
            Map.entry(SAVOIR_FAIRE + "|SM03", "Biologie médicale (SM)"),
            Map.entry(SAVOIR_FAIRE + "|SM26", "Qualifié en Médecine Générale (SM)"),
            Map.entry(SAVOIR_FAIRE + "|SM63", "Biologie médicale option biologie générale (SM)"),
            Map.entry(SAVOIR_FAIRE + "|SM64",
                    "Biologie médicale option médecine moléculaire, génétique et pharmacologie (SM)"),
            Map.entry(SAVOIR_FAIRE + "|SM65", "Biologie médicale option hématologie et immunologie (SM)"),
            Map.entry(SAVOIR_FAIRE + "|SM66", "Biologie médicale option agents infectieux (SM)"),
            Map.entry(SAVOIR_FAIRE + "|SM67", "Biologie médicale option biologie de la reproduction (SM)"),
            Map.entry(SAVOIR_FAIRE + "|SCH06", "Biologie médicale (SCH)"),
            Map.entry(SAVOIR_FAIRE + "|SCH27", "Hématologie biologique (SCH)"),
            Map.entry(SAVOIR_FAIRE + "|SCH31", "Immunologie biologique (SCH)"));

    private RoleLabels() {
    }

    static Optional<String> label(String codeSystem, String code) {
        return Optional.ofNullable(LABELS.get(codeSystem + "|" + code));
    }
}
