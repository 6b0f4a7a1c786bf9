package dev.herald.topic;

/** A published event, serialized once: {@code data} is single-line JSON, shared by every subscriber. */
public record TopicEvent(TopicName topic, EventId id, String name, String data) {
}
