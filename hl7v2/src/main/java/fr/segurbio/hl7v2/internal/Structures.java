package fr.segurbio.hl7v2.internal;

import fr.segurbio.core.Problem;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.Segment;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segment order of the message structures the module reads, as regular expressions over the segment names
 * ({@code "MSH EVN PID PV1 "}). Z-segments are checked against the profile's list and taken out first.
 */
public final class Structures {

    /** PAM FR Z-segments. */
    public static final Set<String> PAM_FR_Z = Set.of("ZBE", "ZFA", "ZFD", "ZFM", "ZFP", "ZFV", "ZFS", "ZFU");

    private static final String INSURANCE = "(IN1 (IN2 )?(IN3 )*(ROL )*)*";
    private static final String A01_TAIL = "(PV2 )?(ROL )*(DB1 )*(OBX )*(AL1 )*(DG1 )*(DRG )?(PR1 (ROL )*)*(GT1 )*"
            + INSURANCE + "(ACC )?(UB1 )?(UB2 )?(PDA )?";
    /** ADT_A01 (A01, A04, A08, A13) and ADT_A05 (A05, A14, A28, A31): visit optional in A28/A31 in practice. */
    public static final Pattern ADT_A01 = Pattern.compile(
            "MSH (SFT )*(UAC )?EVN PID (PD1 )?(ROL )*(NK1 )*(PV1 " + A01_TAIL + ")?");
    /** ADT_A03. */
    public static final Pattern ADT_A03 = Pattern.compile(
            "MSH (SFT )*(UAC )?EVN PID (PD1 )?(ROL )*(NK1 )*PV1 (PV2 )?(ROL )*(DB1 )*(AL1 )*(DG1 )*(DRG )?"
                    + "(PR1 (ROL )*)*(OBX )*(GT1 )*" + INSURANCE + "(ACC )?(PDA )?");
    /** Movement events (ADT_A02, A06, A09, A12, A21 …): PID then PV1. */
    public static final Pattern ADT_MOVEMENT = Pattern.compile(
            "MSH (SFT )*(UAC )?EVN PID (PD1 )?(ROL )*(MRG )?(NK1 )*PV1 (PV2 )?(ROL )*(DB1 )*(OBX )*(AL1 )*(DG1 )*"
                    + "(DRG )?(PR1 (ROL )*)*(GT1 )*" + INSURANCE + "(ACC )?(UB1 )?(UB2 )?(PDA )?");
    /** ADT_A39 (A40): one or more PID / MRG pairs. */
    public static final Pattern ADT_A39 = Pattern.compile("MSH (SFT )*(UAC )?EVN (PID (PD1 )?MRG (PV1 )?)+");
    /** ADT_A30 (A47 in v2.5 PAM). */
    public static final Pattern ADT_A30 = Pattern.compile("MSH (SFT )*(UAC )?EVN (PID (PD1 )?MRG (PV1 )?)+");
    /** ADT_A24 (A24 link, A37 unlink). */
    public static final Pattern ADT_A24 = Pattern.compile(
            "MSH (SFT )*(UAC )?EVN PID (PD1 )?(PV1 )?(DB1 )*PID (PV1 )?(DB1 )*");
    /** ORU_R01 of the volet (PRT pre-adopted after OBX). */
    public static final Pattern ORU_R01 = Pattern.compile(
            "MSH (SFT )*PID (PD1 )?(NTE )*(NK1 )*(PV1 (PV2 )?)?(ORC OBR (NTE )*(TQ1 (TQ2 )*)*(CTD )?"
                    + "(OBX (PRT )*(NTE )*)+(FT1 )*(CTI )*)+(DSC )?");
    /** MDM_T02 of the volet (v2.6, PRT after OBX). */
    public static final Pattern MDM_T02 = Pattern.compile(
            "MSH (SFT )*EVN PID (PV1 )?(ORC (TQ1 (TQ2 )*)*OBR (NTE )*)*TXA (CON )*(OBX (PRT )*(NTE )*)+");
    /** ACK. */
    public static final Pattern ACK = Pattern.compile("MSH (SFT )*(UAC )?MSA (ERR )*");
    /** ZAM_Z01 of the volet (v2.6; EVN as in the ANS example). */
    public static final Pattern ZAM_Z01 = Pattern.compile("MSH (SFT )*(EVN )?(PID )?(OBX )+(ERR )*");

    private Structures() {
    }

    /**
     * Checks the segment order; Z-segments outside {@code knownZ} are reported and left out.
     *
     * @param m the message
     * @param structure the pattern
     * @param name the structure name, for messages
     * @param knownZ the profile's Z-segments (allowed anywhere after the first PID)
     * @param problems receives the problems
     * @return whether the order is right
     */
    public static boolean check(Hl7Message m, Pattern structure, String name, Set<String> knownZ,
            Consumer<Problem> problems) {
        StringBuilder names = new StringBuilder();
        List<Segment> segments = m.segments();
        int[] index = new int[segments.size()];
        int kept = 0;
        boolean seenPid = false;
        boolean zBeforePid = false;
        for (int i = 0; i < segments.size(); i++) {
            String n = segments.get(i).name();
            if (n.charAt(0) == 'Z') {
                if (!knownZ.contains(n)) {
                    problems.accept(Problem.of(Hl7Error.UNKNOWN_Z_SEGMENT, n, n, name));
                } else if (!seenPid) {
                    zBeforePid = true;
                    problems.accept(Problem.of(Hl7Error.SEGMENT_ORDER, n, n, i + 1, name));
                }
                continue;
            }
            seenPid |= "PID".equals(n);
            index[kept++] = i;
            names.append(n).append(' ');
        }
        Matcher matcher = structure.matcher(names);
        if (matcher.matches()) {
            return !zBeforePid;
        }
        // the first segment after which no continuation of the structure is possible
        String text = names.toString();
        for (int k = 1; k <= kept; k++) {
            Matcher pm = structure.matcher(text.substring(0, nthSpace(text, k) + 1));
            if (!pm.matches() && !pm.hitEnd()) {
                int pos = index[k - 1];
                String seg = segments.get(pos).name();
                problems.accept(Problem.of(Hl7Error.SEGMENT_ORDER, seg, seg, pos + 1, name));
                return false;
            }
        }
        String last = kept == 0 ? "MSH" : segments.get(index[kept - 1]).name();
        problems.accept(Problem.of(Hl7Error.SEGMENT_MISSING, last, "(> " + last + ")", name));
        return false;
    }

    private static int nthSpace(String text, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(' ', at + 1);
        }
        return at;
    }
}
