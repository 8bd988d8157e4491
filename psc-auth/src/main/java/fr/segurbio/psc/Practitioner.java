package fr.segurbio.psc;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.util.JSONObjectUtils;

import fr.segurbio.core.auth.AuthenticatedPractitioner;

/**
 * The professional as Pro Santé Connect's userinfo describes them: national id ({@code SubjectNameID},
 * {@code 8} + RPPS), names, and {@code SubjectRefPro}: the exercises (professions, savoir-faire) with their
 * activities (structures). {@link #situations()} lists every exercise × activity; {@link #toAuthenticated}
 * maps the chosen one to the {@link AuthenticatedPractitioner} that dmp-client (VIHF in AIR mode) and
 * mssante-client consume.
 *
 * <pre>{@code
 * Practitioner p = psc.userInfo(session.accessToken());
 * Situation s = p.situations().size() == 1 ? p.onlySituation() : p.situation(chosenKey);
 * AuthenticatedPractitioner who = p.toAuthenticated(s, login.idToken().authenticatedAt());
 * }</pre>
 *
 * @param subject the {@code sub}
 * @param nationalId {@code SubjectNameID}: the national id of the professional (idNat_PS)
 * @param familyName {@code family_name}
 * @param givenName {@code given_name}
 * @param civilityCode {@code SubjectRefPro.codeCivilite}, if any
 * @param authenticationLevel {@code Palier_Authentification}, if any
 * @param exercises the exercises
 * @param claims every userinfo claim, as received
 */
public record Practitioner(String subject, String nationalId, Optional<String> familyName, Optional<String> givenName,
        Optional<String> civilityCode, Optional<String> authenticationLevel, List<Exercise> exercises,
        Map<String, Object> claims) {

    /** The professions for which the savoir-faire is the VIHF's second role (médecin, pharmacien). */
    private static final Set<String> PROFESSIONS_WITH_SPECIALTY = Set.of("10", "21");

    /**
     * Checks the fields.
     *
     * @param subject the subject
     * @param nationalId the national id
     * @param familyName the family name
     * @param givenName the given name
     * @param civilityCode the civility
     * @param authenticationLevel the authentication level
     * @param exercises the exercises
     * @param claims the claims
     */
    public Practitioner {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(nationalId, "nationalId");
        if (nationalId.isBlank()) {
            throw new PscException(PscError.USERINFO_INVALID, "SubjectNameID is blank");
        }
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(civilityCode, "civilityCode");
        Objects.requireNonNull(authenticationLevel, "authenticationLevel");
        exercises = List.copyOf(exercises);
        claims = Map.copyOf(claims);
    }

    /**
     * Reads the userinfo claims.
     *
     * @param claims the userinfo JSON object
     * @return the practitioner
     * @throws PscException {@link PscError#USERINFO_INVALID} when {@code SubjectNameID} is missing or
     *         {@code SubjectRefPro} malformed
     */
    public static Practitioner fromUserInfo(Map<String, Object> claims) {
        Objects.requireNonNull(claims, "claims");
        String sub = text(claims, "sub").orElseThrow(() -> new PscException(PscError.USERINFO_INVALID, "no sub"));
        String nationalId = text(claims, "SubjectNameID")
                .orElseThrow(() -> new PscException(PscError.USERINFO_INVALID,
                        "no SubjectNameID (the userinfo must be read with the access token, scope openid scope_all)"));
        Map<String, Object> refPro = object(claims.get("SubjectRefPro"), "SubjectRefPro");
        List<Exercise> exercises = new ArrayList<>();
        Optional<String> civility = Optional.empty();
        if (refPro != null) {
            civility = text(refPro, "codeCivilite");
            int i = 0;
            for (Object e : list(refPro.get("exercices"), "SubjectRefPro.exercices")) {
                exercises.add(exercise(object(e, "SubjectRefPro.exercices[" + i + "]"), i));
                i++;
            }
        }
        Map<String, Object> kept = new java.util.LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if (k != null && v != null) {
                kept.put(k, v);
            }
        });
        return new Practitioner(sub, nationalId, text(claims, "family_name"), text(claims, "given_name"), civility,
                text(claims, "Palier_Authentification"), exercises, kept);
    }

    private static Exercise exercise(Map<String, Object> e, int index) {
        String path = "SubjectRefPro.exercices[" + index + "]";
        if (e == null) {
            throw new PscException(PscError.USERINFO_INVALID, path + " is null");
        }
        String profession = text(e, "codeProfession")
                .orElseThrow(() -> new PscException(PscError.USERINFO_INVALID, path + ".codeProfession missing"));
        Exercise.Builder b = Exercise.builder(profession)
                .professionCategoryCode(text(e, "codeCategorieProfessionnelle").orElse(null))
                .civilityCode(text(e, "codeCiviliteDexercice").orElse(null))
                .familyName(text(e, "nomDexercice").orElse(null))
                .givenName(text(e, "prenomDexercice").orElse(null))
                .savoirFaire(text(e, "codeTypeSavoirFaire").orElse(null), text(e, "codeSavoirFaire").orElse(null));
        int j = 0;
        for (Object a : list(e.get("activities"), path + ".activities")) {
            Map<String, Object> m = object(a, path + ".activities[" + j++ + "]");
            if (m == null) {
                continue;
            }
            b.activity(Activity.builder()
                    .modeCode(text(m, "codeModeExercice").orElse(null))
                    .sectorCode(text(m, "codeSecteurDactivite").orElse(null))
                    .pharmacistSectionCode(text(m, "codeSectionPharmacien").orElse(null))
                    .roleCode(text(m, "codeRole").orElse(null))
                    .activityKindCode(text(m, "codeGenreActivite").orElse(null))
                    .siret(text(m, "numeroSiretSite").orElse(null))
                    .siren(text(m, "numeroSirenSite").orElse(null))
                    .finessSite(text(m, "numeroFinessSite").orElse(null))
                    .finessLegalEntity(text(m, "numeroFinessetablissementJuridique").orElse(null))
                    .structureTechnicalId(text(m, "identifiantTechniqueDeLaStructure").orElse(null))
                    .companyName(text(m, "raisonSocialeSite").orElse(null))
                    .tradeName(text(m, "enseigneCommercialeSite").orElse(null))
                    .legacyStructureId(text(m, "ancienIdentifiantDeLaStructure").orElse(null))
                    .registrationAuthority(text(m, "autoriteDenregistrement").orElse(null))
                    .build());
        }
        return b.build();
    }

    /**
     * The RPPS number: the national id without its leading {@code 8}.
     *
     * @return the RPPS, or empty for another kind of national id
     */
    public Optional<String> rpps() {
        return nationalId.length() == 12 && nationalId.charAt(0) == '8' ? Optional.of(nationalId.substring(1))
                : Optional.empty();
    }

    /**
     * Every situation d'exercice (exercise × activity), in the userinfo's order.
     *
     * @return the situations, possibly none
     */
    public List<Situation> situations() {
        List<Situation> all = new ArrayList<>();
        for (Exercise e : exercises) {
            for (Activity a : e.activities()) {
                all.add(new Situation(e, a));
            }
        }
        return all;
    }

    /**
     * The situation when there is exactly one.
     *
     * @return the situation
     * @throws PscException {@link PscError#NO_SITUATION} when none, {@link PscError#SITUATION_CHOICE_REQUIRED}
     *         when several
     */
    public Situation onlySituation() {
        List<Situation> all = situations();
        if (all.isEmpty()) {
            throw new PscException(PscError.NO_SITUATION, nationalId);
        }
        if (all.size() > 1) {
            throw new PscException(PscError.SITUATION_CHOICE_REQUIRED, all.size());
        }
        return all.get(0);
    }

    /**
     * The situation with this key ({@link Situation#key()}), or whose structure id is this one.
     *
     * @param key a situation key or a structure identifier
     * @return the situation
     * @throws PscException {@link PscError#NO_SITUATION} when there is none at all,
     *         {@link PscError#SITUATION_UNKNOWN} when none matches
     */
    public Situation situation(String key) {
        List<Situation> all = situations();
        if (all.isEmpty()) {
            throw new PscException(PscError.NO_SITUATION, nationalId);
        }
        for (Situation s : all) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        List<Situation> byStructure = all.stream().filter(s -> s.activity().structureLabel().equals(key)
                || s.activity().structureTechnicalId().filter(key::equals).isPresent()).collect(Collectors.toList());
        if (byStructure.size() == 1) {
            return byStructure.get(0);
        }
        throw new PscException(PscError.SITUATION_UNKNOWN, key,
                all.stream().map(Situation::key).collect(Collectors.joining(", ")));
    }

    /**
     * The practitioner in a situation, as dmp-client and mssante-client consume it (mapping of
     * mssante-psc.md §11): national id from {@code SubjectNameID}; names of exercise ({@code prenomDexercice},
     * {@code nomDexercice}, else the userinfo names); profession {@code codeProfession}; savoir-faire
     * {@code codeSavoirFaire} for professions 10 and 21; sector {@code codeSecteurDactivite}; structure
     * {@code ancienIdentifiantDeLaStructure} and {@code raisonSocialeSite}; level {@code Palier_Authentification}.
     *
     * @param situation one of {@link #situations()}
     * @param authenticatedAt when PSC authenticated the professional (the ID token's {@code auth_time})
     * @return the authenticated practitioner
     * @throws PscException {@link PscError#SITUATION_INCOMPLETE} when the situation lacks the sector or the
     *         structure id, or a name
     */
    public AuthenticatedPractitioner toAuthenticated(Situation situation, Instant authenticatedAt) {
        Objects.requireNonNull(situation, "situation");
        if (!situations().contains(situation)) {
            throw new PscException(PscError.SITUATION_UNKNOWN, situation.key(),
                    situations().stream().map(Situation::key).collect(Collectors.joining(", ")));
        }
        Exercise e = situation.exercise();
        Activity a = situation.activity();
        String family = e.familyName().or(() -> familyName).orElseThrow(
                () -> new PscException(PscError.SITUATION_INCOMPLETE, situation.key(), "nomDexercice"));
        String given = e.givenName().or(() -> givenName).orElseThrow(
                () -> new PscException(PscError.SITUATION_INCOMPLETE, situation.key(), "prenomDexercice"));
        String sector = a.sectorCode().orElseThrow(
                () -> new PscException(PscError.SITUATION_INCOMPLETE, situation.key(), "codeSecteurDactivite"));
        String structure = a.legacyStructureId().orElseThrow(() -> new PscException(
                PscError.SITUATION_INCOMPLETE, situation.key(), "ancienIdentifiantDeLaStructure"));
        return AuthenticatedPractitioner.builder()
                .nationalId(nationalId)
                .familyName(family)
                .givenName(given)
                .professionCode(e.professionCode())
                .specialtyCode(PROFESSIONS_WITH_SPECIALTY.contains(e.professionCode())
                        ? e.savoirFaireCode().orElse(null) : null)
                .sectorCode(sector)
                .structureId(structure)
                .structureName(a.companyName().or(a::tradeName).orElse(null))
                .authenticationLevel(authenticationLevel.orElse(null))
                .authenticatedAt(Objects.requireNonNull(authenticatedAt, "authenticatedAt"))
                .build();
    }

    private static Optional<String> text(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof List && ((List<?>) v).size() == 1) {
            v = ((List<?>) v).get(0);
        }
        String s = v.toString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String path) {
        if (v == null) {
            return null;
        }
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        if (v instanceof String) {
            // some gateways send SubjectRefPro as a JSON string
            try {
                return JSONObjectUtils.parse((String) v);
            } catch (ParseException e) {
                throw new PscException(e, PscError.USERINFO_INVALID, path + " is not a JSON object");
            }
        }
        throw new PscException(PscError.USERINFO_INVALID, path + " is not a JSON object");
    }

    private static List<?> list(Object v, String path) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List) {
            return (List<?>) v;
        }
        throw new PscException(PscError.USERINFO_INVALID, path + " is not a JSON array");
    }

    @Override
    public String toString() {
        return "Practitioner[" + nationalId + ", " + exercises.size() + " exercise(s)]";
    }
}
