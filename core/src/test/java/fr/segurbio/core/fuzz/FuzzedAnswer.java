package fr.segurbio.core.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A remote service's HTTP answer made from fuzz input, for the targets that drive a client through a stand-in
 * exchange: the first line is the Content-Type ({@code 500 } before it for a server error), the rest is the body.
 *
 * <pre>{@code
 * FuzzedAnswer a = FuzzedAnswer.of(input);
 * HttpResult result = new HttpResult(a.status(), Map.of("content-type", List.of(a.contentType())), a.body());
 * }</pre>
 *
 * @param status 200, or 500 when the first line starts with {@code 500 }
 * @param contentType the first line, stripped (without the {@code 500 })
 * @param body the bytes after the first line
 */
public record FuzzedAnswer(int status, String contentType, byte[] body) {

    /**
     * Splits fuzz input into an answer.
     *
     * @param input the fuzz input
     * @return the answer it stands for
     */
    public static FuzzedAnswer of(byte[] input) {
        int nl = 0;
        while (nl < input.length && input[nl] != '\n') {
            nl++;
        }
        String type = new String(input, 0, nl, StandardCharsets.ISO_8859_1).strip();
        int status = 200;
        if (type.startsWith("500 ")) {
            status = 500;
            type = type.substring(4);
        }
        byte[] body = nl >= input.length ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);
        return new FuzzedAnswer(status, type, body);
    }
}
