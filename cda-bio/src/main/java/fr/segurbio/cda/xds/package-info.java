/**
 * The XDS side of a CR-BIO, public for the DMP, MSSanté (XDM) and HL7 v2 modules: the DocumentEntry metadata
 * ({@link fr.segurbio.cda.xds.XdsMetadata}) and its projection from a report
 * ({@link fr.segurbio.cda.xds.XdsProjection}), and the HL7 v2 composites XDS writes its identifiers and names
 * with — {@link fr.segurbio.cda.xds.Cx}, {@link fr.segurbio.cda.xds.Xcn}, {@link fr.segurbio.cda.xds.Xon},
 * {@link fr.segurbio.cda.xds.Hd} — each formatted and parsed with HL7 v2 escaping
 * ({@link fr.segurbio.cda.xds.Hl7Escape}).
 */
package fr.segurbio.cda.xds;
