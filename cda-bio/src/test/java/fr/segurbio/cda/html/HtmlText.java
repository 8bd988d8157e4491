package fr.segurbio.cda.html;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a reader sees in an HTML page, like a browser's innerText: head, scripts and styles removed, block
 * and cell boundaries turned into spaces, inline tags removed, entities decoded.
 */
final class HtmlText {

    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");

    private HtmlText() {
    }

    static String visible(String html) {
        String body = html.replaceAll("(?is)<head\\b.*?</head>", " ")
                .replaceAll("(?is)<(style|script)\\b.*?</\\1>", " ")
                .replaceAll("(?s)<!--.*?-->", " ")
                .replaceAll("(?i)</?(td|th|tr|div|p|dt|dd|li|h[1-6]|br|table|section|header|footer|figure)\\b[^>]*>", " ")
                .replaceAll("(?s)<[^>]*>", "");
        Matcher m = ENTITY.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replace('\u00A0', ' ').replaceAll("\\s+", " ").trim();
    }

    private static String decode(String entity) {
        if (entity.startsWith("#x")) {
            return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
        }
        if (entity.startsWith("#")) {
            return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
        }
        return switch (entity) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> "&" + entity + ";";
        };
    }
}
