package fr.segurbio.examples;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.Matricule;

/**
 * Checks a matricule INS strictly, the way an SGL checks what it is about to store or send.
 *
 * <p>Shows: {@link Ins#validate(String, String, InsEnvironment)} reports <em>every</em> problem of the matricule
 * and of its OID at once, each with a stable code and a French message for the receptionist; the OID, not the
 * digits, says whether the INS is a NIR or a NIA; in production the test and démonstration OIDs are refused.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.CheckMatricule
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.CheckMatricule -Dexec.args="275126322074974 1.2.250.1.213.1.4.8"
 * </pre>
 */
public final class CheckMatricule {

    /** The OID of the NIR (Ségur: the matricule INS is always sent with its assigning authority's OID). */
    static final String OID_NIR = "1.2.250.1.213.1.4.8";
    /** The OID of the NIA, the provisional number INSEE gives while a NIR is being assigned. */
    static final String OID_NIA = "1.2.250.1.213.1.4.9";
    /** The OID of the test NIR: valid in a test bench, refused in production. */
    static final String OID_TEST = "1.2.250.1.213.1.4.10";

    private CheckMatricule() {
    }

    /**
     * Checks a matricule and its OID.
     *
     * @param matricule the 15 characters (13 digits and the 2-digit key)
     * @param oid the OID of the assigning authority
     * @param environment {@code PRODUCTION} refuses the test and démonstration OIDs
     * @return every problem found, empty when the INS is valid
     */
    public static ValidationResult check(String matricule, String oid, InsEnvironment environment) {
        return Ins.validate(matricule, oid, environment);
    }

    /**
     * Checks the matricules given as arguments ({@code MATRICULE [OID]}), or a few telling cases.
     *
     * @param args a matricule and an optional OID
     */
    public static void main(String[] args) {
        if (args.length > 0) {
            print(args[0], args.length > 1 ? args[1] : OID_NIR, InsEnvironment.PRODUCTION);
            return;
        }
        print("275126322074974", OID_NIR, InsEnvironment.PRODUCTION);   // a NIR: valid
        print("109076322088835", OID_NIA, InsEnvironment.PRODUCTION);   // the same digits rules, but a NIA
        print("279035121518989", OID_TEST, InsEnvironment.PRODUCTION);  // a test OID has no place in production
        print("279035121518989", OID_TEST, InsEnvironment.TEST);        // ... but is fine on the test bench
        print("2751263220749O4", "1.2.250.1.213.1.4.2", InsEnvironment.PRODUCTION); // letter O and an INS-C OID
        print("375126322074975", OID_NIR, InsEnvironment.PRODUCTION);   // sex digit 3 and a wrong key
    }

    private static void print(String matricule, String oid, InsEnvironment environment) {
        ValidationResult result = check(matricule, oid, environment);
        System.out.printf("%s (OID %s, %s)%n", matricule, oid, environment);
        if (result.isValid()) {
            // Safe to parse now; toString() of a Matricule is masked so that logs never carry the INS in clear.
            Ins ins = Ins.of(matricule, oid, environment);
            System.out.printf("  valide : %s, %s%n", ins.kind(), ins.matricule());
        }
        for (Problem p : result.problems()) {
            System.out.printf("  %s %s : %s%n", p.code().id(), p.severity(), p.messageFr());
        }
        if (!Matricule.isValid(matricule)) {
            // Matricule.isValid allocates nothing: the check to run on every keystroke or every row of a batch.
            System.out.println("  (Matricule.isValid : false)");
        }
    }
}
