package dev.herald.topic;

/**
 * The topic went away (idle, or evicted for room) between being looked up and being used; the registry looks it up
 * again, which makes a fresh one. Never reaches a client.
 */
public final class TopicRetiredException extends RuntimeException {

    public TopicRetiredException() {
        super("topic retired", null, false, false);
    }
}
