package dev.herald.upstream.relay;

import static dev.herald.json.SharedJson.JSON;

import java.io.StringReader;

import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import dev.herald.topic.EventName;
import dev.herald.upstream.UpstreamException;
import dev.herald.upstream.UpstreamSource;

/**
 * One event of an upstream SSE stream, checked and put in Herald's envelope: the upstream's event name (or
 * {@code message}, as in SSE), and {@code {"source","upstreamId","data"}} with the upstream's JSON as data.
 * The upstream is not trusted: a name Herald uses for its own protocol, data that is not JSON or too large,
 * an absurd id are refused as malformed.
 */
record RelayedEvent(String name, String json, String upstreamId) {

    static final String DEFAULT_NAME = "message";
    /** Larger data is refused rather than kept in every subscriber's queue and the history. */
    static final int MAX_DATA_CHARS = 1 << 20;
    static final int MAX_ID_CHARS = 256;

    static RelayedEvent of(UpstreamSource source, String name, String id, String data) {
        String eventName = name == null || name.isEmpty() ? DEFAULT_NAME : name;
        if (!EventName.acceptable(eventName)) {
            throw malformed(source, "an event name Herald cannot relay ('" + abbreviated(eventName) + "')");
        }
        String upstreamId = id == null || id.isEmpty() ? null : id;
        if (upstreamId != null && upstreamId.length() > MAX_ID_CHARS) {
            throw malformed(source, "an event id longer than " + MAX_ID_CHARS + " characters");
        }
        if (data == null || data.length() > MAX_DATA_CHARS) {
            throw malformed(source, data == null ? "an event without data"
                    : "event data longer than " + MAX_DATA_CHARS + " characters");
        }
        JsonValue json;
        try (JsonReader reader = JSON.createReader(new StringReader(data))) {
            json = reader.readValue();
        } catch (JsonException e) {
            throw malformed(source, "event data that is not JSON");
        }
        JsonObjectBuilder envelope = JSON.createObjectBuilder().add("source", source.name());
        if (upstreamId != null) {
            envelope.add("upstreamId", upstreamId);
        }
        return new RelayedEvent(eventName, envelope.add("data", json).build().toString(), upstreamId);
    }

    private static UpstreamException malformed(UpstreamSource source, String what) {
        return new UpstreamException(UpstreamException.Kind.MALFORMED,
                "Upstream '" + source.name() + "' sent " + what + ".");
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
