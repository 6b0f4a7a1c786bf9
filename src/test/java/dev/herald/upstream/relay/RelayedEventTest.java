package dev.herald.upstream.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.herald.topic.TopicName;
import dev.herald.upstream.UpstreamException;
import dev.herald.upstream.UpstreamSource;

class RelayedEventTest {

    private final UpstreamSource source = new UpstreamSource("ticks", UpstreamSource.Kind.SSE,
            URI.create("http://localhost/stream"), TopicName.of("ticks"), 1000, "snapshot", true);

    private UpstreamException.Kind refusal(String name, String id, String data) {
        return assertThrows(UpstreamException.class, () -> RelayedEvent.of(source, name, id, data)).kind();
    }

    @Test
    void anUpstreamEventKeepsItsNameAndIdAndItsJsonGoesCompactIntoTheEnvelope() {
        RelayedEvent event = RelayedEvent.of(source, "price", "42", "{ \"price\" : 1.5 }");
        assertEquals("price", event.name());
        assertEquals("42", event.upstreamId());
        assertEquals("{\"source\":\"ticks\",\"upstreamId\":\"42\",\"data\":{\"price\":1.5}}", event.json());
    }

    @Test
    void anUnnamedEventIsAMessageAndAnEventWithoutIdHasNone() {
        RelayedEvent event = RelayedEvent.of(source, null, "", "[1,2]");
        assertEquals("message", event.name());
        assertNull(event.upstreamId());
        assertEquals("{\"source\":\"ticks\",\"data\":[1,2]}", event.json());
    }

    @Test
    void whatHeraldCannotRelayAsItIsIsMalformed() {
        assertEquals(UpstreamException.Kind.MALFORMED, refusal("price", "1", "{\"price\": oops"));
        assertEquals(UpstreamException.Kind.MALFORMED, refusal("price", "1", "plain text"));
        assertEquals(UpstreamException.Kind.MALFORMED, refusal("price", "1", null));
        assertEquals(UpstreamException.Kind.MALFORMED, refusal("error", "1", "{}"));
        assertEquals(UpstreamException.Kind.MALFORMED, refusal("upstream-recovered", "1", "{}"));
        assertEquals(UpstreamException.Kind.MALFORMED, refusal("has space", "1", "{}"));
        assertEquals(UpstreamException.Kind.MALFORMED, refusal("price", "9".repeat(257), "{}"));
        assertEquals(UpstreamException.Kind.MALFORMED,
                refusal("price", "1", "\"" + "x".repeat(RelayedEvent.MAX_DATA_CHARS) + "\""));
    }
}
