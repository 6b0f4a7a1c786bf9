package dev.herald.topic;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import dev.herald.problem.ErrorEvents;
import dev.herald.problem.Problem;

/**
 * A topic: assigns ids in publish order and fans events out to its subscribers through one {@link SseBroadcaster}.
 * <p>
 * One lock orders publishes, subscriptions, heartbeats and shutdown, so every subscriber sees events in id order
 * and a new subscriber is told the last id before any later event reaches it.
 */
public final class Topic {

    private static final Logger LOG = Logger.getLogger(Topic.class.getName());

    private final TopicName name;
    private final String epoch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private long lastSequence;
    /** Created by the first subscription: {@code Sse} is only portably available inside a JAX-RS call. */
    private Sse sse;
    private SseBroadcaster broadcaster;
    private boolean shutDown;

    Topic(TopicName name, String epoch) {
        this.name = name;
        this.epoch = epoch;
    }

    public TopicName name() {
        return name;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public EventId lastEventId() {
        lock.lock();
        try {
            return lastSequence == 0 ? null : new EventId(epoch, lastSequence);
        } finally {
            lock.unlock();
        }
    }

    /** Assigns the next id and hands the event, serialized once, to every subscriber. */
    public TopicEvent publish(String eventName, String jsonData) {
        lock.lock();
        try {
            TopicEvent event = new TopicEvent(name, new EventId(epoch, lastSequence + 1), eventName, jsonData);
            lastSequence++;
            if (!subscribers.isEmpty()) {
                broadcaster.broadcast(SseEvents.of(sse, event));
            }
            return event;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens the stream with a {@code subscribed} event, then joins the live fan-out.
     * A client that is already gone is simply not added.
     */
    public void subscribe(Sse requestSse, SseEventSink sink, long retryMs) {
        lock.lock();
        try {
            if (shutDown) {
                throw new IllegalStateException("Topic " + name + " is shut down");
            }
            if (broadcaster == null) {
                sse = requestSse;
                broadcaster = requestSse.newBroadcaster();
            }
            Subscriber subscriber = new Subscriber(this, sink);
            subscriber.send(SseEvents.subscribed(sse, name, lastEventId(), retryMs));
            subscribers.add(subscriber);
            broadcaster.register(subscriber);
        } catch (IllegalStateException gone) {
            LOG.log(Level.FINE, "A subscriber of {0} left before its stream opened", name);
        } finally {
            lock.unlock();
        }
    }

    /** A comment on every stream; a subscriber whose write fails leaves the topic. */
    public void heartbeat() {
        lock.lock();
        try {
            if (!subscribers.isEmpty()) {
                broadcaster.broadcast(SseEvents.heartbeat(sse));
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
            for (Subscriber subscriber : subscribers) {
                try {
                    subscriber.send(ErrorEvents.outbound(sse, reason.get()));
                } catch (IllegalStateException gone) {
                    LOG.log(Level.FINE, "A subscriber of {0} left before shutdown", name);
                }
                subscriber.close();
            }
            if (broadcaster != null) {
                broadcaster.close();
            }
        } finally {
            lock.unlock();
        }
    }

    void detach(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }
}
