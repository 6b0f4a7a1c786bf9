package dev.herald.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of history kept across all topics ({@code herald.history.total-bytes}). Each topic's history is bounded
 * on its own too; this keeps many topics from adding up past the heap. Over budget, the memory broker drops the history
 * of the least recently used topics first (see {@link MemoryBroker}): a client resuming there gets a {@code reset}.
 */
final class HistoryBudget {

    private final long max;
    private final AtomicLong used = new AtomicLong();

    HistoryBudget(long max) {
        this.max = max;
    }

    void add(long bytes) {
        used.addAndGet(bytes);
    }

    boolean exceeded() {
        return used.get() > max;
    }

    /** Where trimming stops: a little below the budget, so that the next publish does not trim again at once. */
    boolean backWithin() {
        return used.get() <= max - max / 10;
    }

    long used() {
        return used.get();
    }

    long max() {
        return max;
    }
}
