package dev.herald.topic;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The event log of a broker: where each topic's ids and history live, and how its events reach this node's
 * subscribers. In this JVM ({@code herald.broker=memory}) or shared by every node ({@code redis}, docs/cluster.md).
 * <p>
 * Every call that reaches a remote log may throw a retryable {@link dev.herald.problem.HeraldException} of type
 * {@code broker-unavailable}; nothing was stored then.
 */
public interface EventLog {

    /**
     * The log of one topic, for the {@link Topic} of that name on this node, which calls it once when it comes into
     * being. {@code order} is the lock that orders the topic's deliveries on this node: a log that keeps the topic in
     * this JVM appends under it, so that an event is stored and delivered in one step, in the order of its id.
     */
    TopicLog open(TopicName topic, ReentrantLock order);

    /** Refuses new streams (retryable {@code broker-unavailable}) while this node cannot read the log. */
    void requireAvailable();
}
