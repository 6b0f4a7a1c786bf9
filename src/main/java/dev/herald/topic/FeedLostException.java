package dev.herald.topic;

/**
 * An event of a topic's feeder was refused, and not stored, because this node does not hold the topic's feed (any
 * more): another node runs its upstream now. The feeder stops at once.
 */
public class FeedLostException extends RuntimeException {

    public FeedLostException(TopicName topic) {
        super("This node no longer feeds topic " + topic.value());
    }
}
