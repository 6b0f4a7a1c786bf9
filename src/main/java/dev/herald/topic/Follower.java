package dev.herald.topic;

import dev.herald.problem.Problem;

/** What a {@link TopicLog} hands the topic of this node that follows it: events, and news of the log. */
public interface Follower {

    TopicName name();

    /** The last event this node delivered, where the log goes on from. */
    EventId position();

    /**
     * An event of the log, in the log's order. Events already delivered are ignored (a reader and a resume may both
     * bring one); a jump over events the log no longer holds is told to subscribers as a {@code reset}.
     */
    void deliver(TopicEvent event);

    /** The log holds another epoch for this topic (it lost the topic): subscribers get a {@code reset}. */
    void epochChanged(String newEpoch);

    /** The log cannot be read now ({@code problem}), or, with {@code problem} null, it can again. */
    void brokerState(Problem problem, long degradedForMs);
}
