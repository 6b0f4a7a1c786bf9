package dev.herald.topic;

import java.nio.charset.StandardCharsets;

import dev.herald.wire.SseEvents;
import dev.herald.wire.SseFrame;

/**
 * A published event, serialized once: {@code data} is single-line JSON, encoded to UTF-8 once at publish and
 * shared by every subscriber and the history (the container then copies the bytes instead of encoding a
 * string again for each subscriber). Its wire form too is built once, on first use ({@link #frame()}), and shared by
 * every delivery and replay of this object.
 */
public final class TopicEvent {

    private final TopicName topic;
    private final EventId id;
    private final String name;
    private final byte[] data;
    /**
     * Built under the lock of the topic that delivers or replays it; a frame built twice by a race would only be
     * counted twice by the budgets (its fields are final: it is safely shared).
     */
    private SseFrame frame;

    public TopicEvent(TopicName topic, EventId id, String name, byte[] data) {
        this.topic = topic;
        this.id = id;
        this.name = name;
        this.data = data;
    }

    public TopicEvent(TopicName topic, EventId id, String name, String jsonData) {
        this(topic, id, name, jsonData.getBytes(StandardCharsets.UTF_8));
    }

    public TopicName topic() {
        return topic;
    }

    public EventId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public byte[] data() {
        return data;
    }

    /** Its wire form, the same object for every subscriber and replay. */
    public SseFrame frame() {
        SseFrame framed = frame;
        if (framed == null) {
            framed = SseEvents.event(name, id.toString(), data);
            frame = framed;
        }
        return framed;
    }

    @Override
    public String toString() {
        return "TopicEvent[" + topic.value() + " " + id + " " + name + "]";
    }
}
