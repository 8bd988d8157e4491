package fr.segurbio.core.fuzz;

import java.nio.charset.StandardCharsets;

/** XML bombs shared by the XML-bomb tests of every module (core's test jar). */
public final class XmlBombs {

    /** Levels of nesting of {@link #deep}: far beyond any legitimate document, far below a memory problem. */
    public static final int DEEP = 100_000;

    private XmlBombs() {
    }

    /** Billion laughs: ten levels of ten references, 10^9 "lol" once expanded. */
    public static byte[] billionLaughs(String root, String ns) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [\n");
        b.append(" <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            b.append(" <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                b.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            b.append("\">\n");
        }
        b.append("]>\n<").append(root).append(" xmlns=\"").append(ns).append("\">&lol9;</").append(root).append('>');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Quadratic blow-up: one 50 000-character entity referenced 50 000 times (2.5 GB once expanded). */
    public static byte[] quadraticBlowup(String root, String ns) {
        String big = "a".repeat(50_000);
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [<!ENTITY a \"")
                .append(big).append("\">]>\n<").append(root).append(" xmlns=\"").append(ns).append("\">");
        b.append("&a;".repeat(50_000));
        b.append("</").append(root).append('>');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same blow-up without a DTD: one attribute value repeated in 20 000 attributes of one element. */
    public static byte[] manyAttributes(String root, String ns) {
        StringBuilder b = new StringBuilder("<").append(root).append(" xmlns=\"").append(ns).append('"');
        for (int i = 0; i < 20_000; i++) {
            b.append(" a").append(i).append("=\"").append("x".repeat(50)).append('"');
        }
        return b.append("/>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An external entity (XXE) reading a local file. */
    public static byte[] externalEntity(String root, String ns) {
        return ("<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<"
                + root + " xmlns=\"" + ns + "\">&x;</" + root + ">").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code inner} nested {@link #DEEP} times inside {@code prefix} ... {@code suffix}.
     *
     * @param prefix what comes before the nesting
     * @param element the element nested
     * @param suffix what comes after
     * @return the document
     */
    public static byte[] deep(String prefix, String element, String suffix) {
        StringBuilder b = new StringBuilder(prefix.length() + suffix.length() + DEEP * (2 * element.length() + 5));
        b.append(prefix);
        b.append(("<" + element + ">").repeat(DEEP));
        b.append(("</" + element + ">").repeat(DEEP));
        b.append(suffix);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
