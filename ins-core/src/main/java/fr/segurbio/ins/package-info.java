/**
 * The INS model: {@link fr.segurbio.ins.Matricule}, {@link fr.segurbio.ins.AssigningAuthority},
 * {@link fr.segurbio.ins.Ins}, {@link fr.segurbio.ins.IdentityTraits} and their {@link fr.segurbio.ins.TraitNormalizer},
 * the RNIV {@link fr.segurbio.ins.IdentityStatus} and the {@link fr.segurbio.ins.PatientIdentity} that the other
 * modules use. Every type is immutable and valid by construction; problems carry {@link fr.segurbio.ins.InsError}
 * codes.
 *
 * <pre>{@code
 * Matricule.isValid("275126322074974");   // true
 * }</pre>
 */
package fr.segurbio.ins;
