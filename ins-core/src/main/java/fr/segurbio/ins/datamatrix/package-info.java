/**
 * The INS Datamatrix: {@link fr.segurbio.ins.datamatrix.InsDatamatrix} encodes a qualified identity into a
 * {@link fr.segurbio.ins.datamatrix.DatamatrixSymbol} (modules for a PDF renderer, or a PNG) and decodes images
 * into {@link fr.segurbio.ins.datamatrix.DecodedSymbol}s with every problem found.
 *
 * <pre>{@code
 * DatamatrixSymbol symbol = InsDatamatrix.encode(qualifiedIdentity);
 * }</pre>
 */
package fr.segurbio.ins.datamatrix;
