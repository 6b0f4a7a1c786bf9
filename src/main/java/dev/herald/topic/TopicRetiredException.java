package dev.herald.topic;

/**
 * The topic went away (idle, or evicted for room) between being looked up and being used; the registry looks it up
 * again, which makes a fresh one. Never reaches a client.
 */
final class TopicRetiredException extends RuntimeException {

    TopicRetiredException() {
        super("topic retired", null, false, false);
    }
}
