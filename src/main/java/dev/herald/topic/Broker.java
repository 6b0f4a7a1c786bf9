package dev.herald.topic;

import java.util.List;
import java.util.Map;

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

    /**
     * Claims the right to feed the topic from its upstream for {@code ttlMs}, or renews it when this node holds it
     * already: one node of the cluster at a time holds it. True while this node does.
     */
    boolean holdFeed(TopicName topic, long ttlMs);

    /** Gives the right to feed the topic up, if this node holds it, so that another node can take it at once. */
    void releaseFeed(TopicName topic);

    /**
     * As {@link #append}, only while this node holds the topic's feed (else {@link FeedLostException}, and nothing
     * stored), and in the same atomic step: {@code record}'s fields stored in the topic's feed record (an empty value
     * removes one) and, if {@code snapshot}, this event remembered as the topic's latest snapshot.
     */
    EventId appendFed(TopicName topic, String event, String jsonData, boolean snapshot, Map<String, String> record);

    /** The topic's feed record, or {@link FeedRecord#NONE}. */
    FeedRecord feedRecord(TopicName topic);
}
