package fr.segurbio.ins;

/**
 * The two kinds of INS: the NIR (numéro d'inscription au répertoire, INSEE) and the NIA (numéro identifiant
 * d'attente, given by the CNAV while a NIR is pending). They look alike; the OID tells them apart.
 *
 * <pre>{@code
 * Ins.of("109076322088835", "1.2.250.1.213.1.4.9").kind();   // NIA
 * }</pre>
 */
public enum InsKind {
    /** INS-NIR. */
    NIR,
    /** INS-NIA. */
    NIA
}
