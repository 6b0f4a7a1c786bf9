package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

import org.junit.jupiter.api.Test;

import dev.herald.budget.PendingBytes;
import dev.herald.budget.SubscriberBudget;
import dev.herald.delivery.ClientConnection;
import dev.herald.delivery.Subscriber;
import dev.herald.memory.MemoryBroker;
import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;
import dev.herald.server.FrameWriter;
import dev.herald.wire.FrameBatch;
import dev.herald.wire.FrameWire;
import dev.herald.wire.SseEvents;
import dev.herald.wire.SseFrame;

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
            // Batches of several frames appear once FrameWriter has been used (by another test): read their wire.
            FrameWire.text(event).lines()
                    .filter(line -> line.startsWith("event: ") || line.startsWith(":"))
                    .map(line -> line.startsWith(":") ? ":" + line.substring(1).strip() : line.substring(7))
                    .forEach(written::add);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /**
     * A sink that writes like Jersey's: chunks are queued, and whoever finds the queue not being flushed writes them
     * all, in order, to the one response stream; until the request has returned ("no context") nobody writes.
     */
    private static final class QueueingSink implements SseEventSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ArrayDeque<FrameBatch> queue = new ArrayDeque<>();
        boolean context;
        boolean flushing;
        int sends;

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            sends++;
            queue.add((FrameBatch) event);
            if (context && !flushing) {
                flushAll();
            }
            return CompletableFuture.completedFuture(null);
        }

        /** Another thread's flush that has written the first queued batch and not yet taken the next. */
        void writeOne() {
            flushing = true;
            write(queue.poll());
        }

        void flushAll() {
            flushing = true;
            while (!queue.isEmpty()) {
                write(queue.poll());
            }
            flushing = false;
        }

        private void write(FrameBatch batch) {
            try {
                new FrameWriter().writeTo(batch, FrameBatch.class, FrameBatch.class, null, null, null, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String ids() {
            return out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("id: "))
                    .map(line -> line.substring(line.lastIndexOf('-') + 1)).reduce("", (a, b) -> a + b);
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    /** A connection that takes more only when told, and remembers being dropped. */
    private static final class FakeConnection implements ClientConnection {
        final AtomicBoolean ready;
        boolean dropped;

        FakeConnection(boolean ready) {
            this.ready = new AtomicBoolean(ready);
        }

        @Override
        public boolean canTakeMore() {
            return ready.get();
        }

        @Override
        public void drop() {
            dropped = true;
        }
    }

    private final ManualExecutor writer = new ManualExecutor();
    private final RecordingSink sink = new RecordingSink();
    private final PendingBytes pending = new PendingBytes(20_000);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Topic topic = new Topic(TopicName.of("t"), new Topic.Context(
            new Subscriber.Limits(1000, 1 << 20, 60_000), pending, writer, new SubscriberBudget(10, 1000),
            () -> { }, why -> new Problem(ProblemType.SLOW_CONSUMER, why, 3000), now::get,
            new MemoryBroker(new HistoryLimits(100, 60_000, 1 << 20, 1 << 20), now::get)));
    private long sequence;

    private Subscriber subscriber(Subscriber.Limits limits) {
        return new Subscriber(topic, sink, writer, limits, pending);
    }

    private SseFrame event(int dataBytes) {
        return new TopicEvent(TopicName.of("t"), new EventId("abcdefgh", ++sequence), "e",
                "\"" + "x".repeat(dataBytes) + "\"").frame();
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
            behind.send(event(2500)); // ~10 KB queued (~20 KB on the heap, data and wire): the budget is full
        }
        assertTrue(pending.full());
        SseFrame next = event(100);
        upToDate.send(next);
        behind.send(next);
        assertThrows(IllegalStateException.class, () -> behind.send(event(10)));
        upToDate.send(event(10));
        assertEquals(2, upToDate.queued());
    }

    @Test
    void nothingGoesStraightToTheStreamWhileTheRuntimeIsStillWritingOrHoldingEarlierBatches() {
        QueueingSink jersey = new QueueingSink();
        Subscriber subscriber = new Subscriber(topic, jersey, writer, new Subscriber.Limits(1000, 1 << 20, 60_000),
                pending);
        subscriber.send(event(10));
        writer.runAll(); // queued: the request has not returned yet
        jersey.context = true;
        jersey.writeOne(); // the request thread writes it, and has yet to flush and look at its queue again
        subscriber.send(event(10));
        writer.runAll();
        assertEquals("1", jersey.ids(), "queued behind the runtime's flush, not written into the middle of it");
        subscriber.send(event(10));
        writer.runAll();
        jersey.flushAll();
        assertEquals("123", jersey.ids());

        subscriber.send(event(10));
        writer.runAll(); // written by the writer thread itself, inside its send: from now on straight to the stream
        subscriber.send(event(10));
        writer.runAll();
        assertEquals("12345", jersey.ids());
        assertEquals(1, jersey.sends - 3, "only the first of the last two went through the sink");
    }

    @Test
    void nothingIsWrittenWhileTheConnectionIsFullAndWhatIsQueuedGoesOutOnceItTakesMore() {
        FakeConnection connection = new FakeConnection(false);
        Subscriber stalled = new Subscriber(topic, sink, writer, new Subscriber.Limits(1000, 1 << 20, 60_000, 30_000),
                pending, connection);
        stalled.send(event(100));
        stalled.send(event(100));
        writer.runAll();
        assertEquals(List.of(), sink.written);
        assertEquals(2, stalled.queued(), "kept, not written");
        assertTrue(stalled.stalled());
        assertFalse(stalled.isClosed());

        now.addAndGet(29_000);
        connection.ready.set(true);
        stalled.send(event(100)); // the next event asks again
        writer.runAll();
        assertEquals(List.of("e", "e", "e"), sink.written);
        assertFalse(stalled.stalled());
        assertFalse(connection.dropped);
        assertEquals(0, pending.used());
    }

    @Test
    void aConnectionFullForLongerThanTheStallTimeoutIsClosedAtAHeartbeatWithoutAWrite() {
        FakeConnection connection = new FakeConnection(false);
        Subscriber stalled = new Subscriber(topic, sink, writer, new Subscriber.Limits(1000, 1 << 20, 60_000, 30_000),
                pending, connection);
        stalled.send(event(100));
        writer.runAll();
        now.addAndGet(29_999);
        stalled.send(SseEvents.heartbeat());
        writer.runAll();
        assertFalse(stalled.isClosed(), "not yet");
        now.addAndGet(1);
        stalled.send(SseEvents.heartbeat()); // no event comes: the heartbeat asks again
        writer.runAll();
        assertTrue(stalled.isClosed());
        assertTrue(sink.closed);
        assertTrue(connection.dropped, "the socket is let go: its last chunk would wait behind the backlog");
        assertEquals(List.of(), sink.written, "no room for a last event");
        assertEquals(1L, topic.counts().errors().get(ProblemType.SLOW_CONSUMER));
        assertEquals(1L, topic.counts().dropped());
        assertEquals(0, pending.used());
        assertThrows(IllegalStateException.class, () -> stalled.send(event(10)));
    }

    @Test
    void aFullConnectionIsNoticedByAHeartbeatEvenWithNothingQueued() throws InterruptedException {
        Subscriber stalled = new Subscriber(topic, sink, writer, new Subscriber.Limits(1000, 1 << 20, 1, 30_000),
                pending, new FakeConnection(false));
        Thread.sleep(2); // idle for longer than half its 1 ms interval (the real clock): a heartbeat is queued
        stalled.send(SseEvents.heartbeat());
        writer.runAll();
        assertEquals(List.of(), sink.written);
        now.addAndGet(30_000);
        stalled.send(SseEvents.heartbeat());
        writer.runAll();
        assertTrue(stalled.isClosed());
        assertEquals(1L, topic.counts().errors().get(ProblemType.SLOW_CONSUMER));
    }

    @Test
    void aSubscriberCutForItsQueueWhileItsConnectionIsFullIsClosedWithoutItsLastEvent() {
        Subscriber slow = new Subscriber(topic, sink, writer, new Subscriber.Limits(1000, 3000, 60_000, 30_000),
                pending, new FakeConnection(false));
        slow.send(event(1000));
        slow.send(event(1000));
        slow.send(event(1000));
        writer.runAll();
        assertTrue(sink.closed);
        assertEquals(List.of(), sink.written);
        assertEquals(1L, topic.counts().errors().get(ProblemType.SLOW_CONSUMER), "counted once");
        assertEquals(0, pending.used());
    }

    @Test
    void aStreamEndedForItsTokenWritesWhatIsQueuedThenTheErrorAndCloses() {
        Subscriber stream = subscriber(new Subscriber.Limits(1000, 1 << 20, 60_000));
        stream.send(event(10));
        stream.send(event(10));
        stream.end(new Problem(ProblemType.TOKEN_EXPIRED, "expired", 3000));
        assertThrows(IllegalStateException.class, () -> stream.send(event(10)), "closed to the broadcaster");
        stream.end(new Problem(ProblemType.TOKEN_EXPIRED, "again", 3000)); // already ending: nothing more
        writer.runAll();
        assertEquals(List.of("e", "e", "error"), sink.written, "nothing queued is dropped");
        assertTrue(sink.closed);
        assertEquals(1L, topic.counts().errors().get(ProblemType.TOKEN_EXPIRED));
        assertEquals(0, pending.used());
    }
}
