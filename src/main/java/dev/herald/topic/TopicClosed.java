package dev.herald.topic;

/** A topic went away (idle, or its room was needed): observers drop what they hold of it. */
public record TopicClosed(Topic topic) {
}
