package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class HistoryTest {

    private static final String EPOCH = "abcdefgh";
    private final AtomicLong now = new AtomicLong(1_000_000);

    private History history(int maxEvents, long maxAgeMs, long maxBytes) {
        return new History(new History.Limits(maxEvents, maxAgeMs, maxBytes), new HistoryBudget(Long.MAX_VALUE),
                now::get);
    }

    private static TopicEvent event(long sequence) {
        return new TopicEvent(TopicName.of("t"), new EventId(EPOCH, sequence), "e", "{\"n\":" + sequence + "}");
    }

    private static void append(History history, long sequence) {
        TopicEvent event = event(sequence);
        history.append(event, SseEvents.of(event));
    }

    private static List<Long> replayed(History.Resume resume) {
        return ((History.Replay) resume).frames().stream().map(f -> EventId.parse(f.getId()).sequence()).toList();
    }

    @Test
    void anIdempotencyKeyIsRememberedAsLongAsItsEventIsKept() {
        History history = history(2, 60_000, 1 << 20);
        TopicEvent keyed = event(1);
        history.append(keyed, SseEvents.of(keyed), "order-42-paid");
        append(history, 2);
        assertEquals(keyed, history.publishedWith("order-42-paid").orElseThrow());
        assertTrue(history.publishedWith("order-43-paid").isEmpty());
        append(history, 3); // event 1 leaves the history, and its key with it
        assertTrue(history.publishedWith("order-42-paid").isEmpty());
    }

    @Test
    void replaysEverythingAfterTheIdInOrder() {
        History history = history(100, 60_000, 1 << 20);
        for (long n = 1; n <= 5; n++) {
            append(history, n);
        }
        assertEquals(List.of(3L, 4L, 5L), replayed(history.after(new EventId(EPOCH, 2), EPOCH, 5)));
        assertEquals(List.of(), replayed(history.after(new EventId(EPOCH, 5), EPOCH, 5)));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), replayed(history.after(new EventId(EPOCH, 0), EPOCH, 5)));
    }

    @Test
    void anIdOlderThanTheHistoryIsAGapCountingWhatWasLost() {
        History history = history(3, 60_000, 1 << 20);
        for (long n = 1; n <= 10; n++) {
            append(history, n);
        }
        assertEquals(3, history.size());
        assertEquals(new History.Gap(History.EVICTED, 5L), history.after(new EventId(EPOCH, 2), EPOCH, 10));
        assertEquals(List.of(8L, 9L, 10L), replayed(history.after(new EventId(EPOCH, 7), EPOCH, 10)));
    }

    @Test
    void eventsAgeOut() {
        History history = history(100, 1000, 1 << 20);
        append(history, 1);
        now.addAndGet(600);
        append(history, 2);
        now.addAndGet(600);
        assertEquals(new History.Gap(History.EVICTED, 1L), history.after(new EventId(EPOCH, 0), EPOCH, 2));
        assertEquals(List.of(2L), replayed(history.after(new EventId(EPOCH, 1), EPOCH, 2)));
        now.addAndGet(1000);
        assertEquals(new History.Gap(History.EVICTED, 1L), history.after(new EventId(EPOCH, 1), EPOCH, 2));
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
        History first = new History(new History.Limits(100, 60_000, 1 << 20), budget, now::get);
        History second = new History(new History.Limits(2, 60_000, 1 << 20), budget, now::get);
        for (long n = 1; n <= 5; n++) {
            append(first, n);
            append(second, n);
        }
        assertEquals(first.bytes() + second.bytes(), budget.used(), "evictions are given back");
        first.clear();
        assertEquals(second.bytes(), budget.used());
        assertEquals(new History.Gap(History.EVICTED, 4L), first.after(new EventId(EPOCH, 1), EPOCH, 5),
                "a cleared history resumes as a gap, with what was lost");
        second.clear();
        assertEquals(0, budget.used());
    }

    @Test
    void anotherEpochOrAnIdAheadOfTheTopicIsAGapOfUnknownSize() {
        History history = history(100, 60_000, 1 << 20);
        append(history, 1);
        assertEquals(new History.Gap(History.OTHER_EPOCH, null), history.after(new EventId("zzzzzzzz", 1), EPOCH, 1));
        assertEquals(new History.Gap(History.UNKNOWN_ID, null), history.after(new EventId(EPOCH, 2), EPOCH, 1));
    }

    @Test
    void withoutHistoryEveryResumeThatMissedSomethingIsAGap() {
        History history = history(0, 60_000, 1 << 20);
        append(history, 1);
        assertEquals(new History.Gap(History.EVICTED, 1L), history.after(new EventId(EPOCH, 0), EPOCH, 1));
        assertEquals(List.of(), replayed(history.after(new EventId(EPOCH, 1), EPOCH, 1)));
    }
}
