package dev.herald.wire;

import static dev.herald.support.Gen.weighted;
import static dev.herald.support.HostileText.onWire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;
import dev.herald.support.EventStreamParser;
import dev.herald.support.EventStreamParser.Event;
import dev.herald.support.EventStreamParser.Field;
import dev.herald.support.Gen;
import dev.herald.support.HostileText;
import dev.herald.support.Samples;
import dev.herald.topic.EventId;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicName;

/**
 * Whatever a frame carries, a standard event-stream parser reads exactly the event it was built from: every name,
 * id, {@code retry:} and data, and nothing else (no field and no event can be injected by any payload), or the
 * frame is refused before anything is written.
 */
public class SseWireProperties {

    static Gen<String> anyText() {
        return HostileText.text().orNull(0.15);
    }

    static Gen<Long> retries() {
        return Gen.frequency(weighted(1, Gen.just(-1L)), weighted(2, Gen.longs(0, Long.MAX_VALUE)));
    }

    /** An event's fields as a caller hands them over. */
    record Fields(String name, String id, long retryMs, String text) {
    }

    @Test
    void anEventIsExactlyOneEventWithItsFieldsOrIsRefused() {
        Samples.check(3000, random -> new Fields(anyText().next(random), anyText().next(random),
                retries().next(random), anyText().next(random)), SseWireProperties::isOneEventOrRefused);
    }

    private static void isOneEventOrRefused(Fields fields) {
        String name = fields.name();
        String id = fields.id();
        long retryMs = fields.retryMs();
        String data = fields.text() == null ? "" : fields.text();
        byte[] utf8 = data.getBytes(StandardCharsets.UTF_8);
        if (breaksALine(name) || breaksALine(id) || id != null && id.indexOf('\0') >= 0) {
            assertThrows(IllegalArgumentException.class, () -> SseWire.encode(null, name, id, retryMs, utf8));
            return;
        }
        EventStreamParser.Result read = EventStreamParser.parse(SseWire.encode(null, name, id, retryMs, utf8));

        List<Field> expected = new ArrayList<>();
        if (name != null) {
            expected.add(new Field("event", onWire(name)));
        }
        if (id != null) {
            expected.add(new Field("id", onWire(id)));
        }
        if (retryMs >= 0) {
            expected.add(new Field("retry", Long.toString(retryMs)));
        }
        lines(onWire(data)).forEach(line -> expected.add(new Field("data", line)));
        assertEquals(expected, read.fields(), "exactly the frame's own fields");
        assertEquals(List.of(new Event(name == null || name.isEmpty() ? "message" : onWire(name),
                String.join("\n", lines(onWire(data))), id == null ? "" : onWire(id))), read.events());
        assertEquals(retryMs >= 0 ? Long.valueOf(retryMs) : null, read.reconnectionTime());
        assertTrue(read.comments().isEmpty());
    }

    /** Data handed over as bytes (as a topic's events are) is one event whatever the bytes, UTF-8 or not. */
    @Test
    void anyBytesOfDataAreOneEventWithThatData() {
        Samples.check(2000, HostileText.bytes(), SseWireProperties::isOneEventWithThatData);
    }

    private static void isOneEventWithThatData(byte[] data) {
        EventStreamParser.Result read = EventStreamParser.parse(SseWire.encode(null, "e", "abcdefgh-1", -1, data));
        String decoded = decode(data);
        assertEquals(List.of(new Event("e", String.join("\n", lines(decoded)), "abcdefgh-1")), read.events());
        assertEquals(2 + lines(decoded).size(), read.fields().size(), "event, id and the data lines: " + read.fields());
    }

    /** A comment (the heartbeat) is never an event nor a field, whatever its text. */
    @Test
    void aCommentIsOnlyComments() {
        Samples.check(1000, anyText(), SseWireProperties::isOnlyComments);
    }

    private static void isOnlyComments(String comment) {
        String text = comment == null ? "" : comment;
        EventStreamParser.Result read = EventStreamParser.parse(SseWire.encode(text, null, null, -1, null));
        assertEquals(List.of(), read.events());
        assertEquals(List.of(), read.fields());
        assertEquals(lines(onWire(text)).stream().map(line -> " " + line).toList(), read.comments());
    }

    /**
     * A stream of Herald's own frames, however hostile their content (published data, problem details), written
     * as one batch, is read as exactly its events, in order, each with one {@code data:} line of the JSON it was
     * built from, and with the last event id moving only with topic events.
     */
    @Test
    void aStreamOfFramesIsExactlyItsEventsInOrder() {
        Samples.check(500, frames(), SseWireProperties::isExactlyItsEvents);
    }

    private static void isExactlyItsEvents(List<Sent> sent) {
        var out = new ByteArrayOutputStream();
        try {
            new FrameBatch(sent.stream().map(Sent::frame).toList()).writeTo(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        EventStreamParser.Result read = EventStreamParser.parse(out.toByteArray());

        List<Event> expected = new ArrayList<>();
        String lastId = "";
        for (Sent frame : sent) {
            if (frame.frame().isComment()) {
                continue;
            }
            if (frame.frame().getId() != null) {
                lastId = frame.frame().getId();
            }
            expected.add(new Event(frame.frame().getName(), frame.json(), lastId));
        }
        assertEquals(expected, read.events());
        assertEquals(expected.size(), read.fields().stream().filter(field -> field.name().equals("data")).count(),
                "one data line per event");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).data(), Json.createReader(new StringReader(read.events().get(i).data()))
                    .readValue().toString(), "the data is the JSON that was sent");
        }
    }

    /** A frame and the JSON its data holds, as it reads once on the wire (lone surrogates become {@code ?}). */
    record Sent(SseFrame frame, String json) {
    }

    /** An event id as Herald issues them: an 8-character epoch and a sequence. */
    public static Gen<EventId> ids() {
        Gen<String> epochs = Gen.strings("abcdefghijklmnopqrstuvwxyz" + Gen.DIGITS, 8, 8);
        Gen<Long> sequences = Gen.longs(0, 999_999_999_999_999_999L);
        return random -> new EventId(epochs.next(random), sequences.next(random));
    }

    static Gen<List<Sent>> frames() {
        Gen<String> text = HostileText.text();
        Gen<TopicName> topics = HostileText.names(Gen.ALPHA + Gen.DIGITS).map(TopicName::of);
        Gen<String> names = HostileText.names(Gen.ALPHA);
        Gen<Sent> published = random -> {
            TopicName topic = topics.next(random);
            EventId id = ids().next(random);
            String name = names.next(random);
            JsonObject data = Json.createObjectBuilder().add(onWire(name), text.next(random)).build();
            return new Sent(new TopicEvent(topic, id, name, data.toString()).frame(), onWire(data.toString()));
        };
        Gen<Long> retries = Gen.longs(0, 86_400_000);
        Gen<Sent> errors = random -> {
            Problem problem = new Problem(Gen.of(ProblemType.values()).next(random), text.next(random),
                    retries.next(random));
            return new Sent(SseEvents.error(problem), onWire(problem.toJson().toString()));
        };
        Gen<Sent> subscribed = random -> {
            EventId current = ids().orNull(0.3).next(random);
            EventId resumed = ids().orNull(0.5).next(random);
            SseFrame frame = SseEvents.subscribed(topics.next(random).value(),
                    current == null ? null : current.toString(), resumed == null ? null : resumed.toString(), 3000);
            return new Sent(frame, new String((byte[]) frame.getData(), StandardCharsets.UTF_8));
        };
        Gen<Sent> heartbeat = Gen.just(new Sent(SseEvents.heartbeat(), null));
        return Gen.frequency(weighted(5, published), weighted(2, errors), weighted(1, subscribed),
                weighted(2, heartbeat)).list(1, 12);
    }

    /**
     * A validated name or id is plain printable ASCII without a colon, and reads back unchanged as the field
     * it is written in: nothing in it can start a line or a field, or be dropped by a client (NUL in an id).
     */
    public static void assertSafeOnTheWire(String field, String value) {
        assertTrue(value.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ':'), "plain ASCII: " + value);
        SseFrame frame = field.equals("event") ? SseFrame.event(value, null, -1, "1") : SseFrame.event("e", value, -1, "1");
        var out = new ByteArrayOutputStream();
        try {
            frame.writeTo(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        EventStreamParser.Result read = EventStreamParser.parse(out.toByteArray());
        Event expected = field.equals("event") ? new Event(value, "1", "") : new Event("e", "1", value);
        assertEquals(List.of(expected), read.events());
    }

    private static boolean breaksALine(String text) {
        return text != null && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0);
    }

    /** The lines of {@code text} as the standard splits them (CRLF, CR or LF), the last one possibly empty. */
    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\r\n|\r|\n", -1));
    }

    /** The data bytes as a UTF-8 decoder with replacement reads them in a stream, where a line end follows them. */
    private static String decode(byte[] data) {
        byte[] withEnd = Arrays.copyOf(data, data.length + 1);
        withEnd[data.length] = '\n';
        String text = new String(withEnd, StandardCharsets.UTF_8);
        return text.substring(0, text.length() - 1);
    }
}
