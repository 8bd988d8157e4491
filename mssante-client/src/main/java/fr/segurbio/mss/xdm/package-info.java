/**
 * IHE XDM ({@code IHE_XDM.ZIP}) as MSSanté carries it: {@link fr.segurbio.mss.xdm.XdmWriter} packs the N3 and the
 * N1 of a report with their ebRS 3.0 {@code METADATA.XML}; {@link fr.segurbio.mss.xdm.XdmReader} checks a received
 * archive (zip slip, zip bombs, duplicates, sizes and hashes, N3 without N1) before anything is integrated.
 */
package fr.segurbio.mss.xdm;
