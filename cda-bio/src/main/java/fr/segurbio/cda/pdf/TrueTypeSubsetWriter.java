package fr.segurbio.cda.pdf;

import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the TrueType program of a {@link FontSubset}: its glyphs in subset order (the glyph indices inside
 * composite glyphs renumbered accordingly) without hinting instructions, long {@code loca} offsets, one
 * horizontal metric per glyph, and {@code OS/2} and {@code gasp} copied unchanged. No {@code cmap}, {@code name},
 * {@code post}, hinting ({@code cvt, fpgm, prep}) or layout tables: a {@code CIDFontType2} addresses its glyphs by
 * number, and the PDF maps them to text with its ToUnicode CMap.
 */
final class TrueTypeSubsetWriter {

    private TrueTypeSubsetWriter() {
    }

    static byte[] write(FontSubset subset) {
        FontProgram p = subset.program();
        int n = subset.size();
        byte[] src = p.outlines();

        int glyfLength = 0;
        for (int id = 0; id < n; id++) {
            int gid = subset.original(id);
            glyfLength += pad4((int) Math.max(0, p.glyphEnd(gid) - p.glyphStart(gid)));
        }
        byte[] glyf = new byte[glyfLength];
        byte[] loca = new byte[(n + 1) * 4];
        byte[] hmtx = new byte[n * 4];
        int at = 0;
        for (int id = 0; id < n; id++) {
            int gid = subset.original(id);
            putInt(loca, id * 4, at);
            int start = (int) p.glyphStart(gid);
            int len = (int) (p.glyphEnd(gid) - start);
            if (len > 0) {
                System.arraycopy(src, start, glyf, at, len);
                int shift = at - start;
                FontSubset.forEachComponent(src, start, start + len,
                        index -> {
                            int component = u16(src, index);
                            putShort(glyf, index + shift, component < p.numGlyphs() ? subset.subsetId(component) : 0);
                        });
                at += pad4(len);
            }
            putShort(hmtx, id * 4, p.advance(gid));
            putShort(hmtx, id * 4 + 2, p.sideBearing(gid));
        }
        putInt(loca, n * 4, at);

        byte[] head = p.head().clone();
        putInt(head, 8, 0); // checkSumAdjustment, set below
        putShort(head, 50, 1); // indexToLocFormat: long offsets
        byte[] maxp = p.maxp().clone();
        putShort(maxp, 4, n);
        byte[] hhea = p.hhea().clone();
        putShort(hhea, 34, n); // numberOfHMetrics: one per glyph

        Map<String, byte[]> tables = new TreeMap<>(p.copiedTables());
        tables.put("glyf", glyf);
        tables.put("head", head);
        tables.put("hhea", hhea);
        tables.put("hmtx", hmtx);
        tables.put("loca", loca);
        tables.put("maxp", maxp);

        int count = tables.size();
        int size = 12 + 16 * count;
        for (byte[] t : tables.values()) {
            size += pad4(t.length);
        }
        byte[] out = new byte[size];
        putInt(out, 0, 0x00010000);
        putShort(out, 4, count);
        int entrySelector = 31 - Integer.numberOfLeadingZeros(count);
        int searchRange = (1 << entrySelector) * 16;
        putShort(out, 6, searchRange);
        putShort(out, 8, entrySelector);
        putShort(out, 10, count * 16 - searchRange);
        int dir = 12;
        int offset = 12 + 16 * count;
        int headOffset = 0;
        int total = checksum(out, 0, 12);
        for (Map.Entry<String, byte[]> e : tables.entrySet()) {
            byte[] t = e.getValue();
            for (int i = 0; i < 4; i++) {
                out[dir + i] = (byte) e.getKey().charAt(i);
            }
            System.arraycopy(t, 0, out, offset, t.length);
            int sum = checksum(out, offset, pad4(t.length));
            putInt(out, dir + 4, sum);
            total += sum;
            putInt(out, dir + 8, offset);
            putInt(out, dir + 12, t.length);
            if (e.getKey().equals("head")) {
                headOffset = offset;
            }
            dir += 16;
            offset += pad4(t.length);
        }
        total += checksum(out, 12, 16 * count); // the table directory
        putInt(out, headOffset + 8, (int) (0xB1B0AFBAL - (total & 0xFFFFFFFFL)));
        return out;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private static int checksum(byte[] b, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i += 4) {
            sum += (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
        }
        return sum;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
