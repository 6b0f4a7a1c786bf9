package dev.herald.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

import dev.herald.budget.PendingBytes;
import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;
import dev.herald.wire.FrameBatch;
import dev.herald.wire.SseFrame;

/**
 * One client's stream: a bounded queue in front of the container's sink, written by a writer thread.
 * <p>
 * Events arrive as {@link SseFrame}s, encoded once for all subscribers. Where the runtime writes them through
 * {@code FrameWriter}, a writer takes everything queued (up to {@value #MAX_BATCH_BYTES} bytes) in one write and one
 * flush, so a subscriber that fell behind catches up in a few writes; elsewhere it writes one frame at a time.
 * There, too, once a batch has shown which stream the sink writes to, later batches go straight to that stream:
 * Jersey would otherwise enter a request scope, queue the chunk and look up the writer again for every write, about
 * a quarter of the CPU a delivery costs on Payara. Only a batch the writer thread wrote itself, inside its own
 * {@code send}, shows it: until the request has returned, Jersey queues chunks and another thread writes and flushes
 * them later, so a straight write could overtake a queued batch or race that thread's flush on the same stream.
 * <p>
 * The topic hands it every frame through {@link #send}, which only enqueues and never blocks the publisher, whatever
 * the client does. A client that falls too far behind (see
 * {@link #tooFarBehind}) is sent a {@code slow-consumer} error and closed; its memory is released at once.
 * <p>
 * Before each write the subscriber asks its connection whether it can take more (on Payara, the servlet stream's
 * {@code isReady()}: Grizzly's write queue below its limit). While it cannot, nothing is written, events stay queued
 * (shared frames, under the limits above) and no thread waits: the next event or heartbeat asks again. A client
 * whose connection stays full for {@link Limits#stallTimeoutMillis} is closed without a last event (there is no room
 * for one) and counted as {@code slow-consumer}. Without this, Grizzly queues every write on the heap, unbounded.
 * <p>
 * Any failed write closes the subscriber and takes it out of its topic. Jersey reports a failed write as a
 * <em>completed</em> stage holding the {@code IOException} and RESTEasy as a failed stage; both are handled.
 * Once closed, {@link #send} throws {@link IllegalStateException} (the topic has taken it out by then).
 */
public final class Subscriber implements SseEventSink {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());
    /** Guards against a write stage that never completes; a blocking write is bounded by the server instead. */
    private static final long WRITE_STAGE_TIMEOUT_SECONDS = 60;
    private static final long SHUTDOWN_WRITE_WAIT_MILLIS = 200;
    /** Large enough that a flush carries many events, small enough to keep a write's buffer modest. */
    static final int MAX_BATCH_BYTES = 64 * 1024;
    /**
     * A batch to a connection that is probed is small: Grizzly takes a write that follows {@code isReady()} whole,
     * even past its queue's limit (4 x {@code socket-write-buffer-size}), so this bounds what a stalled client can
     * hold beyond that limit.
     */
    static final int PROBED_BATCH_BYTES = 16 * 1024;
    /** Behind by this share of its queue's bytes, a subscriber is cut first when pending events fill their budget. */
    private static final int BEHIND_SHARE = 16;

    /**
     * How far behind a subscriber may fall, how long it may stay without a write, and how long its connection may
     * refuse more before it is closed.
     */
    public record Limits(int queueEvents, long queueBytes, long heartbeatMillis, long stallTimeoutMillis) {

        public Limits(int queueEvents, long queueBytes, long heartbeatMillis) {
            this(queueEvents, queueBytes, heartbeatMillis, 30_000);
        }
    }

    private final Fanout topic;
    private final SseEventSink sink;
    private final Executor writer;
    /** Handed to the writer each time this subscriber has frames to write: one object, not one per event. */
    private final Runnable drainTask = this::drain;
    private final Limits limits;
    private final PendingBytes pending;
    /** Whether the client's connection can take another write without queueing it on the heap. */
    private final ClientConnection connection;
    /** Run once the topic has let go of this subscriber (see {@link Fanout#detach}). */
    private final Runnable whenGone;
    /** When the last write to this client succeeded: a heartbeat goes only to streams idle for a while. */
    private volatile long lastWriteNanos = System.nanoTime();
    /** Held while one event is written, so that shutdown never writes into the middle of another event. */
    private final ReentrantLock writing = new ReentrantLock();
    /** The response stream the sink writes to, once FrameWriter has shown it; guarded by {@link #writing}. */
    private volatile OutputStream stream;

    // Guarded by this.
    /** The opening of the stream (subscribed, reset, replay): bounded by the history, not by the queue limit. */
    private final ArrayDeque<SseFrame> opening = new ArrayDeque<>();
    private final ArrayDeque<SseFrame> live = new ArrayDeque<>();
    /** Bytes of the frames in {@link #live}. */
    private long liveBytes;
    private boolean draining;
    /** Write what is queued (a final error event), then close. */
    private boolean finishing;
    private boolean closed;
    /** Since when (the topic's clock) the connection has refused writes with frames waiting; -1 while it takes them. */
    private long notReadySinceMillis = -1;

    public Subscriber(Fanout topic, SseEventSink sink, Executor writer, Limits limits, PendingBytes pending) {
        this(topic, sink, writer, limits, pending, ClientConnection.UNPROBED, () -> { });
    }

    public Subscriber(Fanout topic, SseEventSink sink, Executor writer, Limits limits, PendingBytes pending,
               ClientConnection connection) {
        this(topic, sink, writer, limits, pending, connection, () -> { });
    }

    public Subscriber(Fanout topic, SseEventSink sink, Executor writer, Limits limits, PendingBytes pending,
               ClientConnection connection, Runnable whenGone) {
        this.topic = topic;
        this.sink = sink;
        this.writer = writer;
        this.limits = limits;
        this.pending = pending;
        this.connection = connection;
        this.whenGone = whenGone;
    }

    /** Queues the opening events, ahead of anything live. */
    public synchronized void open(List<SseFrame> events) {
        for (SseFrame frame : events) {
            opening.addLast(frame);
            pending.enqueued(frame);
        }
        scheduleDrain();
    }

    /** A live event (or heartbeat) from the topic: queued, never written on the caller's thread. */
    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        if (!(event instanceof SseFrame frame)) {
            throw new IllegalArgumentException("A topic broadcasts SseFrames only, not " + event.getClass());
        }
        synchronized (this) {
            if (closed || finishing) {
                throw new IllegalStateException("The subscriber of " + topic.name() + " has gone");
            }
            if (frame.isComment()) {
                heartbeat(frame);
                return CompletableFuture.completedFuture(null);
            }
            String behind = tooFarBehind(frame);
            if (behind != null) {
                finishWith(topic.slowConsumerEvent(behind));
                LOG.log(Level.FINE, "A subscriber of {0} is closed: {1}", new Object[] {topic.name(), behind});
                return CompletableFuture.completedFuture(null);
            }
            live.addLast(frame);
            liveBytes += frame.length();
            pending.enqueued(frame);
            scheduleDrain();
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Why this subscriber cannot take {@code frame}, or null. Its own queue is bounded in events and bytes; when
     * the events pending across all streams reach their budget, a subscriber that is already behind (a sixteenth of
     * its queue) goes first; one that keeps up still gets the event, which it shares with the others.
     */
    private String tooFarBehind(SseFrame frame) {
        if (live.size() >= limits.queueEvents()) {
            return "this stream fell " + limits.queueEvents() + " events behind";
        }
        if (liveBytes + frame.length() > limits.queueBytes()) {
            return "this stream fell " + limits.queueBytes() + " bytes of events behind";
        }
        if (liveBytes >= limits.queueBytes() / BEHIND_SHARE && pending.full()) {
            return "this stream fell behind while the server's memory for pending events is full";
        }
        return null;
    }

    /**
     * A heartbeat is written only to a stream that nothing was written to for a while and that has nothing queued:
     * it keeps proxies from closing an idle stream and, since only a write notices a client that has gone, it is
     * what releases a closed stream within about two intervals. A busy stream needs neither.
     */
    private void heartbeat(SseFrame frame) {
        if (notReadySinceMillis >= 0) {
            // A stalled stream: no comment (there is no room), but ask the connection again, and close it once it
            // has refused for too long, even if no event comes.
            scheduleDrain();
            return;
        }
        long idleNanos = System.nanoTime() - lastWriteNanos;
        if (draining || !opening.isEmpty() || !live.isEmpty()
                || idleNanos < TimeUnit.MILLISECONDS.toNanos(limits.heartbeatMillis()) / 2) {
            return;
        }
        live.addLast(frame);
        liveBytes += frame.length();
        scheduleDrain();
    }

    /** Drops what is queued, queues one last event, and closes after writing it. */
    private void finishWith(SseFrame last) {
        finishing = true;
        dropQueued();
        live.addLast(last);
        liveBytes += last.length();
        topic.detach(this);
        scheduleDrain();
    }

    /**
     * Ends this stream for a reason of its own (its token expired): what is already queued is still written, then
     * {@code problem} as an error event, then the stream closes. Nothing happens to a stream that is already
     * ending.
     */
    public void end(Problem problem) {
        synchronized (this) {
            if (closed || finishing) {
                return;
            }
            finishing = true;
            SseFrame last = topic.errorEvent(problem);
            live.addLast(last);
            liveBytes += last.length();
            topic.detach(this);
            scheduleDrain();
        }
    }

    /** Shutdown, first step: nothing more is queued, and what was queued is dropped. */
    public synchronized void stopTakingEvents() {
        finishing = true;
        dropQueued();
    }

    /**
     * Shutdown: writes {@code last} on the caller's thread (the writer pool may already be stopping), unless a
     * write to this client is stuck, then closes.
     */
    public void finishNow(SseFrame last) {
        synchronized (this) {
            if (closed) {
                return;
            }
            finishing = true;
            dropQueued();
        }
        try {
            if (writing.tryLock(SHUTDOWN_WRITE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    write(FrameBatch.of(last));
                } catch (RuntimeException gone) {
                    LOG.log(Level.FINE, "A subscriber left before its shutdown notice", gone);
                } finally {
                    writing.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeNow();
    }

    private void scheduleDrain() {
        if (draining || closed) {
            return;
        }
        draining = true;
        try {
            writer.execute(drainTask);
        } catch (RejectedExecutionException stopping) {
            draining = false;
            closed = true;
            topic.detach(this);
            closeSink();
        }
    }

    private void drain() {
        while (true) {
            boolean canWrite = canWrite(); // asked outside this lock: send() must never wait on the connection
            FrameBatch next;
            synchronized (this) {
                if (!canWrite && !closed && hasQueued()) {
                    long now = topic.nowMillis();
                    if (notReadySinceMillis < 0) {
                        notReadySinceMillis = now;
                    }
                    if (!finishing && now - notReadySinceMillis < limits.stallTimeoutMillis()) {
                        draining = false; // asked again on the next event or heartbeat, no thread waits
                        return;
                    }
                    draining = false;
                    if (!finishing) {
                        topic.countError(ProblemType.SLOW_CONSUMER);
                        LOG.log(Level.FINE, "A subscriber of {0} is closed: its connection took nothing for {1} ms",
                                new Object[] {topic.name(), now - notReadySinceMillis});
                    }
                    next = null;
                } else {
                    if (canWrite) {
                        notReadySinceMillis = -1;
                    }
                    next = closed ? null : nextBatch();
                }
                if (next == null && !closed && hasQueued()) {
                    // Stalled past the timeout (or finishing with no room for the last event): close unwritten, and
                    // let go of the socket, which would otherwise stay open with its backlog for as long as the
                    // client keeps it.
                    closeNow();
                    dropConnection();
                    return;
                }
                if (next == null) {
                    draining = false;
                    if (finishing && !closed) {
                        closeNow();
                    }
                    return;
                }
            }
            if (!write(next)) {
                synchronized (this) {
                    draining = false;
                }
                closeNow();
                return;
            }
        }
    }

    private void dropConnection() {
        try {
            connection.drop();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A stalled subscriber's connection could not be dropped", e);
        }
    }

    private boolean hasQueued() {
        return !opening.isEmpty() || !live.isEmpty();
    }

    private boolean canWrite() {
        try {
            return connection.canTakeMore();
        } catch (RuntimeException e) {
            // A connection that cannot be asked (closed, or a runtime without the API): let the write decide.
            LOG.log(Level.FINEST, "A subscriber's connection could not be asked whether it is ready", e);
            return true;
        }
    }

    /** The opening first, then live events; several only where the runtime writes them through FrameWriter. */
    private FrameBatch nextBatch() {
        if (opening.isEmpty() && live.isEmpty()) {
            return null;
        }
        boolean probed = connection != ClientConnection.UNPROBED;
        int maxBytes = !FrameBatch.writtenByRuntime() ? 1 // a single frame
                : probed ? PROBED_BATCH_BYTES : MAX_BATCH_BYTES;
        List<SseFrame> frames = new ArrayList<>();
        int bytes = 0;
        while (bytes < maxBytes && !(opening.isEmpty() && live.isEmpty())) {
            SseFrame head = opening.isEmpty() ? live.peekFirst() : opening.peekFirst();
            if (probed && !frames.isEmpty() && bytes + head.length() > maxBytes) {
                break; // never past the limit, except a single frame larger than it
            }
            SseFrame frame;
            if (opening.isEmpty()) {
                frame = live.pollFirst();
                liveBytes -= frame.length();
            } else {
                frame = opening.pollFirst();
            }
            pending.dequeued(frame); // the batch holds it only while one write lasts
            frames.add(frame);
            bytes += frame.length();
        }
        return new FrameBatch(frames);
    }

    private boolean write(FrameBatch batch) {
        writing.lock();
        try {
            boolean straight = stream != null; // only ever handed over by FrameWriter
            boolean written = straight ? writeToStream(batch) : send(batch);
            long events = batch.topicEvents();
            if (written) {
                lastWriteNanos = System.nanoTime();
                if (events > 0) {
                    topic.countDelivered(events);
                    if (straight || batch.writtenByFrameWriter()) {
                        topic.countBatched(events);
                    }
                }
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception gone) {
            LOG.log(Level.FINEST, "A write to a subscriber failed", gone);
            return false;
        } finally {
            writing.unlock();
        }
    }

    private boolean send(FrameBatch batch) throws Exception {
        Thread sender = Thread.currentThread();
        OutputStream[] writtenHere = new OutputStream[1];
        CompletableFuture<?> stage = sink.send(batch.whenWritten(out -> {
            if (Thread.currentThread() == sender) {
                // Jersey wrote it on this thread, inside this send: nothing of ours is left in its queue and no other
                // thread is flushing this stream (it lets one thread at a time empty its queue).
                writtenHere[0] = out;
            }
        })).toCompletableFuture();
        Object outcome = stage.get(WRITE_STAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        boolean written = !(outcome instanceof Throwable) && !sink.isClosed();
        if (written && writtenHere[0] != null) {
            stream = writtenHere[0];
        }
        return written;
    }

    private boolean writeToStream(FrameBatch batch) {
        if (sink.isClosed()) {
            return false;
        }
        try {
            batch.writeTo(stream);
            stream.flush();
            return true;
        } catch (IOException | RuntimeException gone) {
            LOG.log(Level.FINEST, "A write to a subscriber's stream failed", gone);
            return false;
        }
    }

    /** Whether the connection has been refusing writes (for tests). */
    public synchronized boolean stalled() {
        return notReadySinceMillis >= 0;
    }

    /** Called by the topic, once, when it lets go of this subscriber. */
    public void gone() {
        try {
            whenGone.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Releasing a stream of " + topic.name() + " failed", e);
        }
    }

    /** Frames waiting to be written. */
    public synchronized int queued() {
        return opening.size() + live.size();
    }

    @Override
    public synchronized boolean isClosed() {
        return closed || sink.isClosed();
    }

    /**
     * Closes the stream now; a subscriber that is finishing closes itself once its last event is out instead.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (finishing) {
                return;
            }
        }
        closeNow();
    }

    private void closeNow() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            dropQueued();
        }
        topic.detach(this);
        closeSink();
    }

    /** Empties both queues; the topic's events among them (not heartbeats) count as dropped. */
    private void dropQueued() {
        long events = opening.stream().filter(SseFrame::isTopicEvent).count()
                + live.stream().filter(SseFrame::isTopicEvent).count();
        opening.forEach(pending::dequeued);
        live.forEach(pending::dequeued);
        opening.clear();
        live.clear();
        liveBytes = 0;
        if (events > 0) {
            topic.countDropped(events);
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing a subscriber's sink failed", e);
        }
    }
}
