package dev.herald.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Encodes one event in the {@code text/event-stream} format, in the field order Jersey and RESTEasy use.
 * Data is split into one {@code data:} line per line, so a line break in a payload can never start a field or an
 * event; a name or id with a line break (or an id with NUL, which clients ignore) is refused, never written.
 */
final class SseWire {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private SseWire() {
    }

    /**
     * @param retryMs {@code retry:} in milliseconds, or a negative number for none
     * @param data    UTF-8 data, or null for a data-less frame (a comment)
     */
    static byte[] encode(String comment, String name, String id, long retryMs, byte[] data) {
        StringBuilder head = new StringBuilder(64);
        if (comment != null) {
            for (String line : LINE_BREAK.split(comment, -1)) {
                head.append(": ").append(line).append('\n');
            }
        }
        field(head, "event", name);
        field(head, "id", id);
        if (id != null && id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An event id cannot contain NUL");
        }
        if (retryMs >= 0) {
            head.append("retry: ").append(retryMs).append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + (data == null ? 1 : data.length + 16));
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (data != null) {
            writeDataLines(out, data);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void field(StringBuilder head, String field, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("An SSE " + field + " cannot contain a line break");
        }
        head.append(field).append(": ").append(value).append('\n');
    }

    /** One {@code data:} line per line of {@code data} (CR, LF or CRLF; in UTF-8 these bytes are never part of a character). */
    private static void writeDataLines(ByteArrayOutputStream out, byte[] data) {
        int lineStart = 0;
        for (int i = 0; i <= data.length; i++) {
            boolean end = i == data.length;
            if (end || data[i] == '\n' || data[i] == '\r') {
                out.writeBytes(DATA);
                out.write(data, lineStart, i - lineStart);
                out.write('\n');
                if (!end && data[i] == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
    }
}
