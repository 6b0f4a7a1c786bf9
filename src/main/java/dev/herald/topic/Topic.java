package dev.herald.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
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
 */
public final class Topic {

    /** What a topic needs from its registry. */
    record Context(String epoch, History.Limits history, int queueLimit, Executor writer, SubscriberBudget budget,
                   Supplier<Problem> slowConsumer, LongSupplier clock) {
    }

    /** The same comment for every stream, framed once. */
    private static final SseFrame HEARTBEAT = SseEvents.heartbeat();

    private final TopicName name;
    private final Context context;
    private final History history;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final TopicCounts counts = new TopicCounts();
    private long lastSequence;
    /** Created by the first subscription: {@code Sse} is only portably available inside a JAX-RS call. */
    private SseBroadcaster broadcaster;
    private boolean shutDown;

    Topic(TopicName name, Context context) {
        this.name = name;
        this.context = context;
        this.history = new History(context.history(), context.clock());
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
            return lastSequence == 0 ? null : new EventId(context.epoch(), lastSequence);
        } finally {
            lock.unlock();
        }
    }

    /** The id of the latest event of that name still in the history. */
    public java.util.Optional<EventId> latest(String eventName) {
        lock.lock();
        try {
            return history.latest(eventName);
        } finally {
            lock.unlock();
        }
    }

    /** Assigns the next id, keeps the event for replay and hands it, framed once, to every subscriber. */
    public TopicEvent publish(String eventName, String jsonData) {
        lock.lock();
        try {
            TopicEvent event = new TopicEvent(name, new EventId(context.epoch(), lastSequence + 1), eventName,
                    jsonData);
            lastSequence++;
            SseFrame frame = SseEvents.of(event);
            history.append(event, frame);
            counts.countPublished();
            if (!subscribers.isEmpty()) {
                broadcaster.broadcast(frame);
            }
            return event;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens a stream: {@code subscribed}, then (for a client that names its last event) the events it missed or
     * a {@code reset}, then live events. Nothing is written on the caller's thread.
     *
     * @param resumeAfter the client's last event id, or null for a fresh subscription
     */
    public void subscribe(Sse requestSse, SseEventSink sink, EventId resumeAfter, long retryMs) {
        lock.lock();
        try {
            if (shutDown) {
                throw new HeraldException(ProblemType.SERVER_SHUTDOWN,
                        "The server is shutting down; reconnect with your last event id to resume.");
            }
            context.budget().acquire();
            if (broadcaster == null) {
                broadcaster = requestSse.newBroadcaster();
            }
            List<SseFrame> opening = new ArrayList<>();
            opening.add(SseEvents.subscribed(name, lastEventId(), retryMs));
            if (resumeAfter != null) {
                opening.addAll(resume(resumeAfter));
            }
            Subscriber subscriber = new Subscriber(this, sink, context.writer(), context.queueLimit());
            subscribers.add(subscriber);
            broadcaster.register(subscriber);
            subscriber.open(opening);
        } finally {
            lock.unlock();
        }
    }

    private List<SseFrame> resume(EventId after) {
        History.Resume resume = history.after(after, context.epoch(), lastSequence);
        if (resume instanceof History.Replay replay) {
            return replay.frames();
        }
        History.Gap gap = (History.Gap) resume;
        return List.of(SseEvents.reset(after, new EventId(context.epoch(), lastSequence), gap));
    }

    /** A comment on every stream; a subscriber whose write fails leaves the topic. */
    public void heartbeat() {
        lock.lock();
        try {
            if (!subscribers.isEmpty()) {
                broadcaster.broadcast(HEARTBEAT);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Tells every subscriber why its stream ends (each with its own problem, e.g. a jittered retry), then closes. */
    void shutdown(Supplier<Problem> reason) {
        lock.lock();
        try {
            shutDown = true;
            for (Subscriber subscriber : List.copyOf(subscribers)) {
                Problem problem = reason.get();
                counts.countError(problem.type());
                subscriber.finishNow(SseEvents.error(problem));
            }
            if (broadcaster != null) {
                broadcaster.close();
            }
        } finally {
            lock.unlock();
        }
    }

    SseFrame slowConsumerEvent() {
        counts.countError(ProblemType.SLOW_CONSUMER);
        return SseEvents.error(context.slowConsumer().get());
    }

    void detach(Subscriber subscriber) {
        if (subscribers.remove(subscriber)) {
            context.budget().release();
        }
    }
}
