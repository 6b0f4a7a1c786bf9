package dev.herald.budget;

import java.util.concurrent.atomic.AtomicLong;

import dev.herald.wire.SseFrame;

/**
 * The heap bytes of topic events waiting in subscribers' queues, across all topics (what the frame costs, see
 * {@link SseFrame#heapBytes}, not just its wire form): each event counted once however
 * many queues hold it, since every subscriber of a topic queues the same frame. A subscriber's own queue is
 * bounded by {@code herald.subscriber.queue-bytes}; this bounds all of them together
 * ({@code herald.stream.pending-bytes}), which a client stalled on each of many topics would otherwise multiply.
 */
public final class PendingBytes {

    private final long max;
    private final AtomicLong used = new AtomicLong();

    public PendingBytes(long max) {
        this.max = max;
    }

    public void enqueued(SseFrame frame) {
        if (frame.isTopicEvent() && frame.enqueued()) {
            used.addAndGet(frame.heapBytes());
        }
    }

    public void dequeued(SseFrame frame) {
        if (frame.isTopicEvent() && frame.dequeued()) {
            used.addAndGet(-frame.heapBytes());
        }
    }

    public boolean full() {
        return used.get() >= max;
    }

    public long used() {
        return used.get();
    }

    public long max() {
        return max;
    }
}
