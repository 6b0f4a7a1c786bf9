package dev.herald.topic;

import java.util.List;

/** One topic's part of an {@link EventLog}, as the topic of that name on this node uses it. */
public interface TopicLog {

    /** The topic's epoch and its latest sequence in the log; the epoch is created, once, if it has none yet. */
    EventId head();

    /**
     * Stores one event under the next id of the topic (the same on every node) and returns it. Once per idempotency
     * key (or null: none): a key used within the history's maximum age (or, in memory, while its event is kept)
     * stores nothing and returns the event it stored then. The event reaches the followers through
     * {@link Follower#deliver}: a log in this JVM delivers it before this returns.
     */
    TopicEvent append(String event, String jsonData, String idempotencyKey);

    /** The stored events with a sequence in {@code (after, through]}, in order, each with the epoch it was stored in. */
    List<TopicEvent> range(long after, long through);

    /** From now on, hand every event stored for this topic to {@code follower}, from its position on. */
    void follow(Follower follower);

    /** No more events for {@code follower} (its topic has no subscribers on this node any more). */
    void unfollow(Follower follower);

    /** The latest id this node knows of without asking anyone (a log in this JVM: its head), or null. */
    EventId lastKnown();

    /** The topic went away from this node: a log in this JVM forgets it (a later one starts a new epoch). */
    void close();
}
