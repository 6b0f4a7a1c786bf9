package dev.herald.topic;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap bytes of topic events waiting in subscribers' queues, across all topics (what the frame costs, see
 * {@link SseFrame#heapBytes}, not just its wire form): each event counted once however
 * many queues hold it, since every subscriber of a topic queues the same frame. A subscriber's own queue is
 * bounded by {@code herald.subscriber.queue-bytes}; this bounds all of them together
 * ({@code herald.stream.pending-bytes}), which a client stalled on each of many topics would otherwise multiply.
 */
final class PendingBytes {

    private final long max;
    private final AtomicLong used = new AtomicLong();

    PendingBytes(long max) {
        this.max = max;
    }

    void enqueued(SseFrame frame) {
        if (frame.isTopicEvent() && frame.enqueued()) {
            used.addAndGet(frame.heapBytes());
        }
    }

    void dequeued(SseFrame frame) {
        if (frame.isTopicEvent() && frame.dequeued()) {
            used.addAndGet(-frame.heapBytes());
        }
    }

    boolean full() {
        return used.get() >= max;
    }

    long used() {
        return used.get();
    }

    long max() {
        return max;
    }
}
