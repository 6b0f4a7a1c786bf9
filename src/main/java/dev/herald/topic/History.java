package dev.herald.topic;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A topic's recent events, bounded by count, by age and by their bytes on the heap (see {@link HeapCost}), for replay
 * after a reconnect.
 * Not thread-safe: its topic's lock guards it.
 */
final class History {

    /** What a resuming client gets: the events after its id, or the news that they are gone. */
    sealed interface Resume permits Replay, Gap {
    }

    /** Everything after the client's id, in order (possibly nothing: it is up to date), as framed at publish. */
    record Replay(List<SseFrame> frames) implements Resume {
    }

    /** The client's id cannot be resumed from; {@code lost} is how many events it missed, when known. */
    record Gap(String reason, Long lost) implements Resume {
    }

    static final String EVICTED = "evicted";
    static final String OTHER_EPOCH = "epoch-changed";
    static final String UNKNOWN_ID = "unknown-id";

    private record Entry(TopicEvent event, SseFrame frame, long atMillis, int bytes, String idempotencyKey) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Limits limits;
    private final HistoryBudget budget;
    private final LongSupplier clock;
    private long bytes;

    /** Bounds of one topic's history; a count of 0 keeps no history (every resume is a gap). */
    record Limits(int maxEvents, long maxAgeMillis, long maxBytes) {
    }

    History(Limits limits, HistoryBudget budget, LongSupplier clock) {
        this.limits = limits;
        this.budget = budget;
        this.clock = clock;
    }

    /** Keeps {@code event} with the frame its subscribers got, so that a replay sends the same bytes. */
    void append(TopicEvent event, SseFrame frame) {
        append(event, frame, null);
    }

    /** As above, remembering the publisher's idempotency key (or null) as long as the event is kept. */
    void append(TopicEvent event, SseFrame frame, String idempotencyKey) {
        // What the entry costs on the heap, not just its payload: for a tiny event its objects weigh ten times more.
        int size = (int) (HeapCost.HISTORY_ENTRY + frame.heapBytes() + HeapCost.string(idempotencyKey));
        entries.addLast(new Entry(event, frame, clock.getAsLong(), size, idempotencyKey));
        bytes += size;
        budget.add(size);
        evict();
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

    /**
     * Resumes after {@code from}, given the topic's epoch and last sequence.
     * A sequence the topic has not reached yet cannot be trusted: it is a gap too.
     */
    Resume after(EventId from, String epoch, long lastSequence) {
        if (!from.epoch().equals(epoch)) {
            return new Gap(OTHER_EPOCH, null);
        }
        if (from.sequence() > lastSequence) {
            return new Gap(UNKNOWN_ID, null);
        }
        evict();
        long oldest = entries.isEmpty() ? lastSequence + 1 : entries.peekFirst().event().id().sequence();
        if (from.sequence() + 1 < oldest) {
            return new Gap(EVICTED, oldest - from.sequence() - 1);
        }
        return new Replay(entries.stream()
                .filter(entry -> entry.event().id().sequence() > from.sequence())
                .map(Entry::frame)
                .toList());
    }

    java.util.Optional<EventId> latest(String eventName) {
        evict();
        var newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext()) {
            TopicEvent event = newestFirst.next().event();
            if (event.name().equals(eventName)) {
                return java.util.Optional.of(event.id());
            }
        }
        return java.util.Optional.empty();
    }

    /** The event published with this idempotency key, while it is still kept. */
    java.util.Optional<TopicEvent> publishedWith(String idempotencyKey) {
        evict();
        var newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext()) {
            Entry entry = newestFirst.next();
            if (idempotencyKey.equals(entry.idempotencyKey())) {
                return java.util.Optional.of(entry.event());
            }
        }
        return java.util.Optional.empty();
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
