package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

import org.junit.jupiter.api.Test;

import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;

/** A subscriber's queue rules, with a sink that records and a writer that runs only when the test says so. */
class SubscriberTest {

    /** Runs queued writes only on {@link #runAll()}: a client that is not being written to. */
    private static final class ManualExecutor implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    /** Records the name (or comment) of everything written, as a runtime that frames events itself would. */
    private static final class RecordingSink implements SseEventSink {
        final List<String> written = new CopyOnWriteArrayList<>();
        boolean closed;

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            written.add(event.getName() != null ? event.getName() : ":" + event.getComment());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final ManualExecutor writer = new ManualExecutor();
    private final RecordingSink sink = new RecordingSink();
    private final PendingBytes pending = new PendingBytes(10_000);
    private final Topic topic = new Topic(TopicName.of("t"), new Topic.Context(
            new History.Limits(100, 60_000, 1 << 20), new HistoryBudget(1 << 20), () -> { },
            new Subscriber.Limits(1000, 1 << 20, 60_000), pending, writer, new SubscriberBudget(10, 1000),
            () -> { }, why -> new Problem(ProblemType.SLOW_CONSUMER, why, 3000), System::currentTimeMillis));
    private long sequence;

    private Subscriber subscriber(Subscriber.Limits limits) {
        return new Subscriber(topic, sink, writer, limits, pending);
    }

    private SseFrame event(int dataBytes) {
        return SseEvents.of(new TopicEvent(TopicName.of("t"), new EventId("abcdefgh", ++sequence), "e",
                "\"" + "x".repeat(dataBytes) + "\""));
    }

    @Test
    void aHeartbeatGoesOnlyToAStreamThatHasBeenIdle() throws InterruptedException {
        Subscriber busy = subscriber(new Subscriber.Limits(1000, 1 << 20, 60_000));
        busy.send(SseEvents.heartbeat());
        writer.runAll();
        assertEquals(List.of(), sink.written, "written to a moment ago: no heartbeat");

        Subscriber idle = subscriber(new Subscriber.Limits(1000, 1 << 20, 1));
        Thread.sleep(2); // idle for longer than half its 1 ms interval
        idle.send(SseEvents.heartbeat());
        writer.runAll();
        assertEquals(List.of(":heartbeat"), sink.written);
    }

    @Test
    void aSubscriberTooManyBytesBehindIsToldAndClosed() {
        Subscriber slow = subscriber(new Subscriber.Limits(1000, 3000, 60_000));
        slow.send(event(1000));
        slow.send(event(1000));
        slow.send(event(1000)); // past 3000 bytes with the frames' own fields
        assertThrows(IllegalStateException.class, () -> slow.send(event(10)), "closed to the broadcaster");
        writer.runAll();
        assertEquals(List.of("error"), sink.written, "what was queued is dropped for one last error");
        assertTrue(sink.closed);
        assertEquals(0, pending.used());
    }

    @Test
    void withPendingEventsAtTheirBudgetOnlyASubscriberThatIsBehindIsCut() {
        Subscriber behind = subscriber(new Subscriber.Limits(1000, 64_000, 60_000));
        Subscriber upToDate = subscriber(new Subscriber.Limits(1000, 64_000, 60_000));
        for (int n = 0; n < 4; n++) {
            behind.send(event(2500)); // ~10 KB queued: more than a sixteenth of its 64 KB, and the budget is full
        }
        assertTrue(pending.full());
        SseFrame next = event(100);
        upToDate.send(next);
        behind.send(next);
        assertThrows(IllegalStateException.class, () -> behind.send(event(10)));
        upToDate.send(event(10));
        assertEquals(2, upToDate.queued());
    }
}
