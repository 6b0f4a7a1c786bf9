package dev.herald.topic;

import java.util.Map;

/**
 * The right to feed a topic from its upstream, held by one node of a cluster at a time, and what the feeder records
 * for the node that takes the feed over. A one-node broker's lease is always held.
 */
public interface FeedLeases {

    /**
     * Claims the right to feed the topic for {@code ttlMs}, or renews it when this node holds it already. True while
     * this node does.
     */
    boolean holdFeed(TopicName topic, long ttlMs);

    /** Gives the right to feed the topic up, if this node holds it, so that another node can take it at once. */
    void releaseFeed(TopicName topic);

    /**
     * As {@link TopicLog#append} (without idempotency key), only while this node holds the topic's feed (else
     * {@link FeedLostException}, and nothing stored), and in the same atomic step: {@code record}'s fields stored in
     * the topic's feed record (an empty value removes one) and, if {@code snapshot}, this event remembered as the
     * topic's latest snapshot.
     */
    TopicEvent appendFed(TopicName topic, String event, String jsonData, boolean snapshot, Map<String, String> record);

    /** The topic's feed record, or {@link FeedRecord#NONE}; its latest snapshot only while the log still holds it. */
    FeedRecord feedRecord(TopicName topic);
}
