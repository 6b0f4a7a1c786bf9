package dev.herald.topic;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * Builds the non-error events of a stream. Data is always pre-serialized single-line JSON written as
 * {@code text/plain}, so the container's writer copies it as it is (no second JSON encoding, no line splitting);
 * a topic's events carry it as UTF-8 bytes, encoded once per publish rather than once per subscriber.
 */
final class SseEvents {

    static final String SUBSCRIBED = "subscribed";
    static final String RESET = "reset";

    private SseEvents() {
    }

    static OutboundSseEvent of(Sse sse, TopicEvent event) {
        return sse.newEventBuilder()
                .id(event.id().toString())
                .name(event.name())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(byte[].class, event.data())
                .build();
    }

    /**
     * The first event of every stream: carries {@code retry:} (a data-less event would lose it in both Jersey
     * and RESTEasy) and commits the response, so RESTEasy never answers 204 for an idle topic.
     * No {@code id:}, so the client's last event id is left alone.
     */
    static OutboundSseEvent subscribed(Sse sse, TopicName topic, EventId lastEventId, long retryMs) {
        var data = Json.createObjectBuilder().add("topic", topic.value());
        if (lastEventId == null) {
            data.addNull("lastEventId");
        } else {
            data.add("lastEventId", lastEventId.toString());
        }
        return sse.newEventBuilder()
                .name(SUBSCRIBED)
                .reconnectDelay(retryMs)
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, data.build().toString())
                .build();
    }

    /**
     * The client's last event id cannot be resumed from: it learns why, how many events it lost (when known) and
     * the current position, and should reload its state. The {@code id:} moves its last event id to now, so that
     * a later reconnect resumes from here instead of hitting the same gap again.
     */
    static OutboundSseEvent reset(Sse sse, EventId clientLast, EventId current, History.Gap gap) {
        var data = Json.createObjectBuilder()
                .add("reason", gap.reason())
                .add("lastEventId", clientLast.toString())
                .add("currentId", current.toString());
        if (gap.lost() == null) {
            data.addNull("lost");
        } else {
            data.add("lost", gap.lost());
        }
        data.add("detail", "Events after your last event id are no longer available: reload this topic's state,"
                + " then carry on with this stream.");
        return sse.newEventBuilder()
                .id(current.toString())
                .name(RESET)
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, data.build().toString())
                .build();
    }

    /** An SSE comment: ignored by clients, keeps proxies from closing an idle stream, reveals dead clients. */
    static OutboundSseEvent heartbeat(Sse sse) {
        return sse.newEventBuilder().comment("heartbeat").build();
    }
}
