package dev.herald.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.herald.topic.EventId;
import dev.herald.topic.HistoryLimits;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicName;

/** The memory broker's history of one topic: its bounds, its shared budget and its idempotency keys. */
class HistoryTest {

    private static final String EPOCH = "abcdefgh";
    private final AtomicLong now = new AtomicLong(1_000_000);

    private History history(int maxEvents, long maxAgeMs, long maxBytes) {
        return new History(new HistoryLimits(maxEvents, maxAgeMs, maxBytes, Long.MAX_VALUE),
                new HistoryBudget(Long.MAX_VALUE), now::get);
    }

    private static TopicEvent event(long sequence) {
        return new TopicEvent(TopicName.of("t"), new EventId(EPOCH, sequence), "e", "{\"n\":" + sequence + "}");
    }

    private static void append(History history, long sequence) {
        history.append(event(sequence), null);
    }

    private static List<Long> sequences(List<TopicEvent> events) {
        return events.stream().map(event -> event.id().sequence()).toList();
    }

    @Test
    void anIdempotencyKeyIsRememberedAsLongAsItsEventIsKept() {
        History history = history(2, 60_000, 1 << 20);
        TopicEvent keyed = event(1);
        history.append(keyed, "order-42-paid");
        append(history, 2);
        assertSame(keyed, history.publishedWith("order-42-paid").orElseThrow());
        assertTrue(history.publishedWith("order-43-paid").isEmpty());
        append(history, 3); // event 1 leaves the history, and its key with it
        assertTrue(history.publishedWith("order-42-paid").isEmpty());
    }

    @Test
    void aRangeIsTheKeptEventsBetweenItsBoundsInOrderFramedOnce() {
        History history = history(100, 60_000, 1 << 20);
        for (long n = 1; n <= 5; n++) {
            append(history, n);
        }
        assertEquals(List.of(3L, 4L, 5L), sequences(history.range(2, 5)));
        assertEquals(List.of(2L, 3L), sequences(history.range(1, 3)));
        assertEquals(List.of(), sequences(history.range(5, 5)));
        List<TopicEvent> again = history.range(0, 5);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences(again));
        assertSame(again.get(0).frame(), history.range(0, 1).get(0).frame(), "a replay sends the bytes framed once");
    }

    @Test
    void theCountBoundKeepsTheNewest() {
        History history = history(3, 60_000, 1 << 20);
        for (long n = 1; n <= 10; n++) {
            append(history, n);
        }
        assertEquals(3, history.size());
        assertEquals(List.of(8L, 9L, 10L), sequences(history.range(0, 10)));
        assertFalse(history.keeps(7));
        assertTrue(history.keeps(8));
    }

    @Test
    void eventsAgeOut() {
        History history = history(100, 1000, 1 << 20);
        append(history, 1);
        now.addAndGet(600);
        append(history, 2);
        now.addAndGet(600);
        assertEquals(List.of(2L), sequences(history.range(0, 2)));
        now.addAndGet(1000);
        assertEquals(List.of(), sequences(history.range(0, 2)));
        assertFalse(history.keeps(2));
    }

    @Test
    void theByteBoundEvictsTheOldest() {
        History measure = history(100, 60_000, Long.MAX_VALUE);
        append(measure, 1);
        long eventBytes = measure.bytes(); // what one such event costs on the heap, its frame and bookkeeping included
        History history = history(100, 60_000, 4 * eventBytes + eventBytes / 2);
        for (long n = 1; n <= 10; n++) {
            append(history, n);
        }
        assertEquals(4, history.size());
    }

    @Test
    void aBudgetSharedByTopicsCountsEveryHistoryAndGetsBackWhatIsEvictedOrCleared() {
        HistoryBudget budget = new HistoryBudget(1000);
        History first = new History(new HistoryLimits(100, 60_000, 1 << 20, 1000), budget, now::get);
        History second = new History(new HistoryLimits(2, 60_000, 1 << 20, 1000), budget, now::get);
        for (long n = 1; n <= 5; n++) {
            append(first, n);
            append(second, n);
        }
        assertEquals(first.bytes() + second.bytes(), budget.used(), "evictions are given back");
        first.clear();
        assertEquals(second.bytes(), budget.used());
        assertEquals(List.of(), first.range(0, 5));
        second.clear();
        assertEquals(0, budget.used());
    }

    @Test
    void withoutHistoryNothingIsKept() {
        History history = history(0, 60_000, 1 << 20);
        append(history, 1);
        assertEquals(List.of(), history.range(0, 1));
        assertFalse(history.keeps(1));
    }
}
