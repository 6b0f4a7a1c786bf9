package dev.herald.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An event-stream parser that follows the WHATWG HTML standard's "Interpreting an event stream" to the letter
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation), for asserting what
 * a browser's {@code EventSource} would make of bytes on the wire: UTF-8 decoded with replacement, one leading BOM
 * dropped, lines ended by CRLF, LF or CR, fields split at the first colon (one space after it dropped), an event
 * dispatched on a blank line only when its data buffer is not empty, and what is pending at the end discarded.
 * <p>
 * Besides the events it keeps every field line it read, in order, so that a test can check that no field was added.
 */
public final class EventStreamParser {

    /** A dispatched event as {@code EventSource} delivers it: type ({@code message} when unnamed), data, last event id. */
    public record Event(String type, String data, String lastEventId) {
    }

    /** One field line: its name and value (after the one optional space). */
    public record Field(String name, String value) {
    }

    /** Everything the stream gave: events, every field and comment line read, and the last {@code retry:} taken. */
    public record Result(List<Event> events, List<Field> fields, List<String> comments, Long reconnectionTime) {
    }

    private final List<Event> events = new ArrayList<>();
    private final List<Field> fields = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventIdBuffer = "";
    private String lastEventId = "";
    private Long reconnectionTime;

    private EventStreamParser() {
    }

    public static Result parse(byte[] stream) {
        return parse(new String(stream, StandardCharsets.UTF_8)); // malformed input becomes U+FFFD
    }

    public static Result parse(String decoded) {
        EventStreamParser parser = new EventStreamParser();
        String text = decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                parser.line(text.substring(lineStart, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        // A last line without its end, and an event without its blank line, are discarded.
        return new Result(List.copyOf(parser.events), List.copyOf(parser.fields), List.copyOf(parser.comments),
                parser.reconnectionTime);
    }

    private void line(String line) {
        if (line.isEmpty()) {
            dispatch();
        } else if (line.charAt(0) == ':') {
            comments.add(line.substring(1));
        } else {
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            field(name, value);
        }
    }

    private void field(String name, String value) {
        fields.add(new Field(name, value));
        switch (name) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventIdBuffer = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    try {
                        reconnectionTime = Long.parseLong(value);
                    } catch (NumberFormatException tooLong) {
                        // a browser would keep its own limit; the field is not Herald's concern past a long
                    }
                }
            }
            default -> {
                // ignored, as the standard says; still recorded in fields
            }
        }
    }

    private void dispatch() {
        lastEventId = lastEventIdBuffer;
        if (data.isEmpty()) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1);
        events.add(new Event(eventType.isEmpty() ? "message" : eventType, data.toString(), lastEventId));
        data.setLength(0);
        eventType = "";
    }
}
