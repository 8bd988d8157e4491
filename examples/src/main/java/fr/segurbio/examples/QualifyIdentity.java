package fr.segurbio.examples;

import fr.segurbio.ins.HighTrustDocument;
import fr.segurbio.ins.IdentityAttribute;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.LocalIdentifier;
import fr.segurbio.ins.NormalizedTrait;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.Trait;
import fr.segurbio.ins.TraitComparison;
import fr.segurbio.ins.TraitNormalizer;
import java.time.LocalDate;
import java.util.stream.Collectors;

/**
 * From what a receptionist types to a qualified identity, following the RNIV (Référentiel national
 * d'identitovigilance).
 *
 * <p>Shows: {@link TraitNormalizer} puts typed names into INS form and reports each change; the identity status
 * ({@code PROVISOIRE}, {@code RECUPEREE}, {@code VALIDEE}, {@code QUALIFIEE}) is derived from two facts, never
 * set by hand; only a qualified identity {@link PatientIdentity#canBeShared()}; {@link TraitComparison} lists
 * what differs between the local traits and those INSi returned.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.QualifyIdentity
 * </pre>
 */
public final class QualifyIdentity {

    /** What the example ends with. */
    public record Outcome(PatientIdentity typed, TraitComparison comparison, PatientIdentity qualified) {
    }

    private QualifyIdentity() {
    }

    /**
     * Runs the qualification of one patient.
     *
     * @return the identity as typed, its comparison with INSi's traits, and the qualified identity
     */
    public static Outcome run() {
        // 1. The receptionist types the traits: lower case, an accent, spaces around and inside.
        NormalizedTrait birthName = normalized(Trait.BIRTH_NAME, " Écetinsi ");
        NormalizedTrait firstNames = normalized(Trait.BIRTH_FIRST_NAMES, "Pierre-Alain  Muriel");
        IdentityTraits typedTraits = IdentityTraits.builder()
                .birthName(birthName.orThrow()).birthFirstNames(firstNames.orThrow())
                .sex(Sex.M).birthDate(LocalDate.of(2009, 7, 14)).birthPlace("63220").build();
        PatientIdentity typed = PatientIdentity.builder().traits(typedTraits)
                .localIdentifier(LocalIdentifier.of("IPP-000123", "1.2.250.1.71.4.2.7.1")).build();
        System.out.println("Saisie : " + typed.status() + ", partageable : " + typed.canBeShared());

        // A doubtful (or fictitious) identity must not be sent to INSi: the SDK says so instead of calling.
        PatientIdentity doubtful = typed.toBuilder().attributes(IdentityAttribute.DOUTEUSE).build();
        System.out.println("Identité douteuse : appel INSi permis ? " + doubtful.mayCallInsi());

        // 2. INSi answers 00 (see SearchInsi) with the INS and the traits of the national registry.
        Ins ins = Ins.of("109076322083489", "1.2.250.1.213.1.4.8", InsEnvironment.PRODUCTION);
        IdentityTraits insiTraits = IdentityTraits.builder().birthName("ECETINSI")
                .birthFirstNames("PIERRE-ALAIN MURIEL FLORIANT").sex(Sex.M)
                .birthDate(LocalDate.of(2009, 7, 14)).birthPlace("63220").build();
        TraitComparison comparison = TraitComparison.compare(typedTraits, insiTraits);
        comparison.differences().forEach(d -> System.out.printf("  %s : saisi « %s », INSi « %s »%n",
                d.trait().label(true), d.local(), d.insi()));

        // RNIV: the traits INSi returned replace the typed ones, exactly as received.
        PatientIdentity retrieved = typed.withInsiIdentity(ins, insiTraits);
        System.out.println("Après INSi : " + retrieved.status() + ", partageable : " + retrieved.canBeShared());

        // 3. The receptionist checks a high-trust identity document: the identity becomes QUALIFIEE, and only
        //    now may its INS go into a CR-BIO, the DMP or an MSSanté message.
        PatientIdentity qualified = retrieved.withDocumentCheck(HighTrustDocument.CARTE_NATIONALE_IDENTITE);
        System.out.println("Après contrôle de la CNI : " + qualified.status()
                + ", partageable : " + qualified.canBeShared() + ", INS " + qualified.requireShareable().kind());
        return new Outcome(typed, comparison, qualified);
    }

    private static NormalizedTrait normalized(Trait trait, String typed) {
        NormalizedTrait n = TraitNormalizer.normalize(trait, typed);
        System.out.printf("%s : « %s » → « %s »%n", trait.label(true), typed, n.value());
        // Each change is also an INS-026 notice in n.problems(): the receptionist sees what the SDK did.
        System.out.println("  " + n.changes().stream().map(c -> c.kind().label(true)).distinct()
                .collect(Collectors.joining(", ")));
        // What cannot be fixed (a digit, a leading hyphen…) is an error, and orThrow() refuses it.
        n.problems().errors().forEach(p -> System.out.println("  " + p.code().id() + " " + p.messageFr()));
        return n;
    }

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        run();
    }
}
