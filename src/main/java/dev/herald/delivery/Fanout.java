package dev.herald.delivery;

import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;
import dev.herald.wire.SseFrame;

/** What a {@link Subscriber} needs of the topic that fans events out to it (a {@code dev.herald.topic.Topic}). */
public interface Fanout {

    /** What logs call the topic. */
    Object name();

    /** The subscriber has left: it is forgotten, its room given back, and its {@code whenGone} run. */
    void detach(Subscriber subscriber);

    /** A problem that ends one stream, counted as the error it ended with. */
    SseFrame errorEvent(Problem problem);

    /** The {@code slow-consumer} problem that ends a stream too far behind, counted. */
    SseFrame slowConsumerEvent(String why);

    long nowMillis();

    void countError(ProblemType type);

    void countDelivered(long events);

    /** Events the runtime wrote through Herald's batched writer ({@code FrameWriter}). */
    void countBatched(long events);

    void countDropped(long events);
}
