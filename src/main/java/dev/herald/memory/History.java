package dev.herald.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import dev.herald.topic.HistoryLimits;
import dev.herald.topic.TopicEvent;
import dev.herald.wire.HeapCost;

/**
 * A topic's recent events, bounded by count, by age and by their bytes on the heap (see {@link HeapCost}), for replay
 * after a reconnect. Each is kept framed (the frame its subscribers got), so that a replay sends the same bytes.
 * Not thread-safe: its topic's lock guards it.
 */
final class History {

    private record Entry(TopicEvent event, long atMillis, int bytes, String idempotencyKey) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final HistoryLimits limits;
    private final HistoryBudget budget;
    private final LongSupplier clock;
    private long bytes;

    History(HistoryLimits limits, HistoryBudget budget, LongSupplier clock) {
        this.limits = limits;
        this.budget = budget;
        this.clock = clock;
    }

    /**
     * Keeps {@code event}, framed now, remembering the publisher's idempotency key (or null) as long as it is kept;
     * returns the time it was kept at.
     */
    long append(TopicEvent event, String idempotencyKey) {
        // What the entry costs on the heap, not just its payload: for a tiny event its objects weigh ten times more.
        int size = (int) (HeapCost.HISTORY_ENTRY + event.frame().heapBytes() + HeapCost.string(idempotencyKey));
        long now = clock.getAsLong();
        entries.addLast(new Entry(event, now, size, idempotencyKey));
        bytes += size;
        budget.add(size);
        evict();
        return now;
    }

    /** Forgets every event (the budget across topics needs the room); a later resume gets a {@code reset}. */
    void clear() {
        entries.clear();
        budget.add(-bytes);
        bytes = 0;
    }

    long bytes() {
        return bytes;
    }

    /** The events kept with a sequence in {@code (after, through]}, in order. */
    List<TopicEvent> range(long after, long through) {
        evict();
        List<TopicEvent> events = new ArrayList<>();
        for (Entry entry : entries) {
            long sequence = entry.event().id().sequence();
            if (sequence > through) {
                break;
            }
            if (sequence > after) {
                events.add(entry.event());
            }
        }
        return events;
    }

    /** Whether the event of that sequence is still kept (for {@code sequence} at most the latest one's). */
    boolean keeps(long sequence) {
        evict();
        return !entries.isEmpty() && entries.peekFirst().event().id().sequence() <= sequence;
    }

    /** The event published with this idempotency key, while it is still kept. */
    Optional<TopicEvent> publishedWith(String idempotencyKey) {
        evict();
        var newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext()) {
            Entry entry = newestFirst.next();
            if (idempotencyKey.equals(entry.idempotencyKey())) {
                return Optional.of(entry.event());
            }
        }
        return Optional.empty();
    }

    int size() {
        return entries.size();
    }

    private void evict() {
        long oldestAllowed = clock.getAsLong() - limits.maxAgeMillis();
        while (!entries.isEmpty() && (entries.size() > limits.maxEvents() || bytes > limits.maxBytes()
                || entries.peekFirst().atMillis() < oldestAllowed)) {
            int size = entries.removeFirst().bytes();
            bytes -= size;
            budget.add(-size);
        }
    }
}
