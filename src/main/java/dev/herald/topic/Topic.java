package dev.herald.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import dev.herald.problem.HeraldException;
import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;

/**
 * A topic: assigns ids in publish order, keeps a bounded history, and fans events out to its subscribers
 * through one {@link SseBroadcaster}.
 * <p>
 * One lock orders publishes, subscriptions, heartbeats and shutdown. A new subscriber's opening (the
 * {@code subscribed} event, then a replay or a {@code reset}) is queued and the subscriber registered while the
 * lock is held, so an event published meanwhile is either in the replay or delivered live: never lost, never
 * twice.
 * <p>
 * Each topic has an epoch of its own: a topic that went away when idle and is used again starts a new one, so an
 * id of its earlier life can never be mistaken for one of the new.
 */
public final class Topic {

    /** What a topic needs from its registry. */
    record Context(History.Limits history, HistoryBudget historyBudget, Runnable historyGrew,
                   Subscriber.Limits subscriberLimits, PendingBytes pending, Executor writer,
                   SubscriberBudget budget, Runnable admitStream, Function<String, Problem> slowConsumer,
                   LongSupplier clock) {
    }

    /** The same comment for every stream, framed once. */
    private static final SseFrame HEARTBEAT = SseEvents.heartbeat();

    private final TopicName name;
    private final String epoch = Epoch.next();
    private final Context context;
    private final History history;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final TopicCounts counts = new TopicCounts();
    private volatile long lastUsedMillis;
    /** Fed by an upstream: its events come from there only, and it is never retired, whatever its activity. */
    private volatile boolean fedByUpstream;
    private long lastSequence;
    /**
     * Created by the first subscription ({@code Sse} is only portably available inside a JAX-RS call) and closed
     * when the last subscriber has gone, so that nothing keeps a gone client's sink reachable.
     */
    private SseBroadcaster broadcaster;
    private boolean shutDown;
    private boolean retired;

    Topic(TopicName name, Context context) {
        this.name = name;
        this.context = context;
        this.history = new History(context.history(), context.historyBudget(), context.clock());
        this.lastUsedMillis = context.clock().getAsLong();
    }

    public TopicName name() {
        return name;
    }

    public TopicCounts counts() {
        return counts;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** The id of the last event, or null before the first one. */
    public EventId lastEventId() {
        lock.lock();
        try {
            return lastSequence == 0 ? null : new EventId(epoch, lastSequence);
        } finally {
            lock.unlock();
        }
    }

    /** The id of the latest event of that name still in the history. */
    public Optional<EventId> latest(String eventName) {
        lock.lock();
        try {
            return history.latest(eventName);
        } finally {
            lock.unlock();
        }
    }

    /** Assigns the next id, keeps the event for replay and hands it, framed once, to every subscriber. */
    public TopicEvent publish(String eventName, String jsonData) {
        TopicEvent event;
        lock.lock();
        try {
            requireInUse();
            event = new TopicEvent(name, new EventId(epoch, lastSequence + 1), eventName, jsonData);
            lastSequence++;
            SseFrame frame = SseEvents.of(event);
            history.append(event, frame);
            counts.countPublished();
            lastUsedMillis = context.clock().getAsLong();
            if (!subscribers.isEmpty()) {
                broadcaster.broadcast(frame);
            }
        } finally {
            lock.unlock();
        }
        if (context.historyBudget().exceeded()) {
            context.historyGrew().run(); // outside the lock: trimming takes other topics' locks
        }
        return event;
    }

    /**
     * Opens a stream: {@code subscribed}, then (for a client that names its last event) the events it missed or
     * a {@code reset}, then live events. Nothing is written on the caller's thread.
     *
     * @param resumeAfter the client's last event id, or null for a fresh subscription
     */
    public Subscriber subscribe(Sse requestSse, SseEventSink sink, EventId resumeAfter, long retryMs) {
        return subscribe(requestSse, sink, resumeAfter, retryMs, ClientConnection.UNPROBED);
    }

    /**
     * As above, with the client's connection: while it can take no more, nothing is written to this stream, and a
     * stream it refuses for {@code herald.subscriber.stall-timeout-ms} is closed and its connection dropped (see
     * {@link Subscriber}). It is used from writer threads, after the request has returned.
     */
    public Subscriber subscribe(Sse requestSse, SseEventSink sink, EventId resumeAfter, long retryMs,
                                ClientConnection connection) {
        return subscribe(requestSse, sink, resumeAfter, retryMs, connection, () -> { });
    }

    /**
     * As above; {@code whenGone} runs once when the stream leaves the topic (closed, cut, or its client gone), e.g.
     * to give back a per-client quota. It does not run if this method throws.
     */
    public Subscriber subscribe(Sse requestSse, SseEventSink sink, EventId resumeAfter, long retryMs,
                                ClientConnection connection, Runnable whenGone) {
        lock.lock();
        try {
            requireInUse();
            context.admitStream().run();
            context.budget().acquire();
            if (broadcaster == null) {
                broadcaster = requestSse.newBroadcaster();
            }
            List<SseFrame> opening = new ArrayList<>();
            opening.add(SseEvents.subscribed(name, lastEventId(), resumeAfter, retryMs));
            if (resumeAfter != null) {
                opening.addAll(resume(resumeAfter));
            }
            Subscriber subscriber = new Subscriber(this, sink, context.writer(), context.subscriberLimits(),
                    context.pending(), connection, whenGone);
            subscribers.add(subscriber);
            lastUsedMillis = context.clock().getAsLong();
            broadcaster.register(subscriber);
            subscriber.open(opening);
            return subscriber;
        } finally {
            lock.unlock();
        }
    }

    private void requireInUse() {
        if (shutDown) {
            throw new HeraldException(ProblemType.SERVER_SHUTDOWN,
                    "The server is shutting down; reconnect with your last event id to resume.");
        }
        if (retired) {
            throw new TopicRetiredException();
        }
    }

    private List<SseFrame> resume(EventId after) {
        History.Resume resume = history.after(after, epoch, lastSequence);
        if (resume instanceof History.Replay replay) {
            return replay.frames();
        }
        History.Gap gap = (History.Gap) resume;
        return List.of(SseEvents.reset(after, new EventId(epoch, lastSequence), gap));
    }

    /**
     * A comment on every stream that has been idle for a while (see {@link Subscriber}); a subscriber whose write
     * fails leaves the topic. With no subscriber left, the broadcaster goes, and with it the gone clients' sinks
     * it still held.
     */
    public void heartbeat() {
        lock.lock();
        try {
            if (!subscribers.isEmpty()) {
                broadcaster.broadcast(HEARTBEAT);
            } else if (broadcaster != null) {
                broadcaster.close();
                broadcaster = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shutdown: no new subscriber or event from now on; returns, for every open stream, the task that writes its
     * notice (each with its own problem, e.g. a jittered retry) and closes it. The caller runs them in parallel,
     * off this topic's lock, so that a client that stopped reading holds up nobody.
     */
    List<Runnable> shutdown(Supplier<Problem> reason) {
        lock.lock();
        try {
            shutDown = true;
            List<Runnable> notices = new ArrayList<>();
            for (Subscriber subscriber : List.copyOf(subscribers)) {
                subscriber.stopTakingEvents();
                Problem problem = reason.get();
                counts.countError(problem.type());
                SseFrame notice = SseEvents.error(problem);
                notices.add(() -> subscriber.finishNow(notice));
            }
            if (broadcaster != null) {
                broadcaster.close();
                broadcaster = null;
            }
            return notices;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes this topic out of use if nobody subscribes and it is not fed by an upstream, and it was last used
     * before {@code usedBefore}: its history is dropped. True if it was retired (the registry then forgets it).
     */
    boolean retireIfUnusedSince(long usedBefore) {
        lock.lock();
        try {
            if (fedByUpstream || !subscribers.isEmpty() || lastUsedMillis >= usedBefore || shutDown) {
                return false;
            }
            retired = true;
            history.clear();
            if (broadcaster != null) {
                broadcaster.close();
                broadcaster = null;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Drops the history to make room across topics; a later resume gets a {@code reset}. */
    void dropHistory() {
        lock.lock();
        try {
            history.clear();
        } finally {
            lock.unlock();
        }
    }

    long historyBytes() {
        lock.lock();
        try {
            return history.bytes();
        } finally {
            lock.unlock();
        }
    }

    void feedFromUpstream() {
        fedByUpstream = true;
    }

    /** An upstream feeds this topic: clients may not publish to it. */
    public boolean fedByUpstream() {
        return fedByUpstream;
    }

    long lastUsedMillis() {
        return lastUsedMillis;
    }

    long nowMillis() {
        return context.clock().getAsLong();
    }

    /** A problem that ends one stream of this topic, counted as the error it ended with. */
    SseFrame errorEvent(Problem problem) {
        counts.countError(problem.type());
        return SseEvents.error(problem);
    }

    SseFrame slowConsumerEvent(String why) {
        counts.countError(ProblemType.SLOW_CONSUMER);
        return SseEvents.error(context.slowConsumer().apply(why));
    }

    void detach(Subscriber subscriber) {
        if (subscribers.remove(subscriber)) {
            context.budget().release();
            subscriber.gone();
            lastUsedMillis = context.clock().getAsLong();
        }
    }
}
