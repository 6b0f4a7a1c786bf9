package dev.herald.topic;

/** A CDI event: a topic came into being (e.g. for metrics to start watching it). */
public record TopicOpened(Topic topic) {
}
