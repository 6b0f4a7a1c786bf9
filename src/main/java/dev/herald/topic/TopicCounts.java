package dev.herald.topic;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.herald.problem.ProblemType;

/**
 * What happened on one topic since the server started: events published, events written to subscribers,
 * events dropped from the queue of a subscriber that was closed (slow or gone), and the error events its
 * streams ended with, by type; of the events written, those {@link FrameWriter} wrote (Jersey's batched write path,
 * never taken on RESTEasy or where the application did not register it). Counted without locks on the hot path.
 */
public final class TopicCounts {

    private final LongAdder published = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder batched = new LongAdder();
    // Filled for every type up front, so that reads and increments never change the map itself.
    private final Map<ProblemType, LongAdder> errors = new EnumMap<>(ProblemType.class);

    TopicCounts() {
        for (ProblemType type : ProblemType.values()) {
            errors.put(type, new LongAdder());
        }
    }

    void countPublished() {
        published.increment();
    }

    void countDelivered(long events) {
        delivered.add(events);
    }

    void countBatched(long events) {
        batched.add(events);
    }

    void countDropped(long events) {
        dropped.add(events);
    }

    void countError(ProblemType type) {
        errors.get(type).increment();
    }

    public long published() {
        return published.sum();
    }

    public long delivered() {
        return delivered.sum();
    }

    public long batched() {
        return batched.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long errors(ProblemType type) {
        return errors.get(type).sum();
    }

    /** The error types that occurred, with their counts. */
    public Map<ProblemType, Long> errors() {
        Map<ProblemType, Long> occurred = new EnumMap<>(ProblemType.class);
        errors.forEach((type, count) -> {
            long sum = count.sum();
            if (sum > 0) {
                occurred.put(type, sum);
            }
        });
        return occurred;
    }
}
