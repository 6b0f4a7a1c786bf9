package dev.herald.topic;

import java.nio.charset.StandardCharsets;

/**
 * A published event, serialized once: {@code data} is single-line JSON, encoded to UTF-8 once at publish and
 * shared by every subscriber and the history (the container then copies the bytes instead of encoding a
 * string again for each subscriber).
 */
public record TopicEvent(TopicName topic, EventId id, String name, byte[] data) {

    public TopicEvent(TopicName topic, EventId id, String name, String jsonData) {
        this(topic, id, name, jsonData.getBytes(StandardCharsets.UTF_8));
    }
}
