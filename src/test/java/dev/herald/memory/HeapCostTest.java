package dev.herald.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import dev.herald.topic.Epoch;
import dev.herald.topic.EventId;
import dev.herald.topic.HistoryLimits;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicName;

/**
 * The history budget counts what events really cost on this JVM's heap, as JOL measures the object graph, for tiny
 * and large events alike (a budget that counted payload bytes only was ten times under for tiny events).
 */
class HeapCostTest {

    private static final int EVENTS = 10_000;

    static {
        // Java 17's Unsafe gives no field offsets of records (History's entries are): JOL finds them its own way.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    @Test
    void theHistoryBudgetCountsATinyEventsRealCost() {
        assertBudgetMatchesHeap("0", null);
    }

    @Test
    void theHistoryBudgetCountsALargeEventsRealCost() {
        assertBudgetMatchesHeap("\"" + "x".repeat(3500) + "\"", null);
    }

    @Test
    void theIdempotencyKeyIsCountedToo() {
        assertBudgetMatchesHeap("0", "order-");
    }

    private static void assertBudgetMatchesHeap(String data, String keyPrefix) {
        HistoryBudget budget = new HistoryBudget(Long.MAX_VALUE);
        History history = new History(new HistoryLimits(EVENTS, 3_600_000, Long.MAX_VALUE, Long.MAX_VALUE), budget,
                () -> 0L);
        long before = GraphLayout.parseInstance(history).totalSize();
        TopicName topic = TopicName.of("t");
        String epoch = Epoch.next();
        for (int n = 1; n <= EVENTS; n++) {
            // As a publish makes them: a name and data parsed from each request, the topic and epoch shared.
            TopicEvent event = new TopicEvent(topic, new EventId(epoch, n), new String("e"), data);
            history.append(event, keyPrefix == null ? null : keyPrefix + n);
        }
        long measured = GraphLayout.parseInstance(history).totalSize() - before;
        double ratio = (double) budget.used() / measured;
        System.out.printf("%d events of %d data bytes: %d B each on the heap (JOL), %d B each counted%n", EVENTS,
                data.length(), measured / EVENTS, budget.used() / EVENTS);
        assertTrue(ratio > 0.95 && ratio < 1.15, "counted " + budget.used() + " B, measured " + measured + " B");
    }
}
