package dev.herald.topic;

import java.util.List;

/**
 * Where a topic's ids, history and cross-node fan-out live when Herald runs as a cluster ({@code herald.broker=redis};
 * see docs/cluster.md). Without one ({@code memory}, the default) each topic keeps all of it in this JVM.
 * <p>
 * Every call that reaches the broker may throw a retryable {@link dev.herald.problem.HeraldException} of type
 * {@code broker-unavailable}; nothing was stored then.
 */
public interface Broker {

    /** The topic's epoch and its latest sequence in the broker; the epoch is created, once, if it has none yet. */
    EventId head(TopicName topic);

    /** Stores one event under the next id of the topic, the same on every node, and returns that id. */
    default EventId append(TopicName topic, String event, String jsonData) {
        return append(topic, event, jsonData, null);
    }

    /**
     * As above, once per idempotency key (or null: none): a key used within the history's maximum age stores nothing
     * and returns the id its event got.
     */
    EventId append(TopicName topic, String event, String jsonData, String idempotencyKey);

    /** The stored events with a sequence in {@code (after, through]}, in order, each with the epoch it was stored in. */
    List<TopicEvent> range(TopicName topic, long after, long through);

    /** From now on, hand every event stored for this topic to {@link Topic#deliver}, from its position on. */
    void follow(Topic topic);

    /** No more events for this topic (it has no subscribers on this node any more). */
    void unfollow(Topic topic);

    /** Refuses new streams (retryable {@code broker-unavailable}) while this node cannot read the broker. */
    void requireAvailable();
}
