package dev.herald.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * <p>
 * With a {@link Broker} (a cluster), a topic keeps neither ids nor history here: a publish
 * stores the event in the broker, which gives it the id every node uses, and events reach this node's subscribers
 * only through {@link #deliver}, in the broker's order, from the broker's readers, while the topic has subscribers
 * here. The topic's epoch and last sequence are then this node's position in the broker's stream; a replay reads
 * the broker, under the same lock as delivery, so the replay/live race stays closed.
 */
public final class Topic {

    /** What a topic needs from its registry; {@code broker} is null for the memory broker. */
    record Context(History.Limits history, HistoryBudget historyBudget, Runnable historyGrew,
                   Subscriber.Limits subscriberLimits, PendingBytes pending, Executor writer,
                   SubscriberBudget budget, Runnable admitStream, Function<String, Problem> slowConsumer,
                   LongSupplier clock, Broker broker) {

        /** Without a broker: everything in this JVM ({@code herald.broker=memory}). */
        Context(History.Limits history, HistoryBudget historyBudget, Runnable historyGrew,
                Subscriber.Limits subscriberLimits, PendingBytes pending, Executor writer, SubscriberBudget budget,
                Runnable admitStream, Function<String, Problem> slowConsumer, LongSupplier clock) {
            this(history, historyBudget, historyGrew, subscriberLimits, pending, writer, budget, admitStream,
                    slowConsumer, clock, null);
        }
    }

    /** The same comment for every stream, framed once. */
    private static final SseFrame HEARTBEAT = SseEvents.heartbeat();

    private final TopicName name;
    /** In memory: chosen at creation. With a broker: the broker's, read when the topic starts following it. */
    private String epoch = Epoch.next();
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
    /** With a broker: whether this node reads the topic's events (it has, or just had, subscribers here). */
    private boolean following;

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

    /**
     * The id of the last event, or null before the first one. With a broker: the last one delivered on this node
     * (while it follows the topic).
     */
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

    /**
     * Assigns the next id, keeps the event for replay and hands it, framed once, to every subscriber. With a broker,
     * the broker stores it (or this throws {@code broker-unavailable}: then it was not stored) and its readers
     * deliver it on every node, this one included.
     */
    public TopicEvent publish(String eventName, String jsonData) {
        return publish(eventName, jsonData, null);
    }

    /**
     * As above, once per idempotency key: a publish that repeats the key of an event still in the history (in
     * memory), or of the last {@code herald.history.max-age-ms} (with a broker), stores nothing and returns that
     * event's id, so that a publisher may safely send again a publish whose answer it never got.
     *
     * @param idempotencyKey the publisher's key for this event, or null
     */
    public TopicEvent publish(String eventName, String jsonData, String idempotencyKey) {
        if (clustered()) {
            return publishToBroker(eventName, jsonData,
                    () -> context.broker().append(name, eventName, jsonData, idempotencyKey));
        }
        TopicEvent event;
        lock.lock();
        try {
            requireInUse();
            if (idempotencyKey != null) {
                Optional<TopicEvent> earlier = history.publishedWith(idempotencyKey);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            event = new TopicEvent(name, new EventId(epoch, lastSequence + 1), eventName, jsonData);
            lastSequence++;
            SseFrame frame = SseEvents.of(event);
            history.append(event, frame, idempotencyKey);
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

    private TopicEvent publishToBroker(String eventName, String jsonData, Supplier<EventId> store) {
        lock.lock();
        try {
            requireInUse();
        } finally {
            lock.unlock();
        }
        EventId id = store.get();
        counts.countPublished();
        lastUsedMillis = context.clock().getAsLong();
        return new TopicEvent(name, id, eventName, jsonData);
    }

    /**
     * An event from the topic's upstream. In memory, a {@link #publish}. With a broker, stored only while this node
     * holds the topic's feed (else {@link FeedLostException}), together with the feeder's {@code record} fields and,
     * if {@code snapshot}, as the topic's latest snapshot (see {@link #latestSnapshot}).
     */
    public TopicEvent publishFed(String eventName, String jsonData, boolean snapshot, Map<String, String> record) {
        if (!clustered()) {
            return publish(eventName, jsonData, null);
        }
        return publishToBroker(eventName, jsonData,
                () -> context.broker().appendFed(name, eventName, jsonData, snapshot, record));
    }

    /**
     * With a broker: claims, or renews, this node's right to feed the topic for {@code ttlMs}; true while it holds it.
     * In memory there is one node, which always does.
     */
    public boolean holdFeed(long ttlMs) {
        return !clustered() || context.broker().holdFeed(name, ttlMs);
    }

    /** With a broker: gives up this node's right to feed the topic, if it holds it. */
    public void releaseFeed() {
        if (clustered()) {
            context.broker().releaseFeed(name);
        }
    }

    /** With a broker: what the topic's feeder recorded in it; in memory, nothing. */
    public FeedRecord feedRecord() {
        return clustered() ? context.broker().feedRecord(name) : FeedRecord.NONE;
    }

    /**
     * The id of the topic's latest snapshot: in memory, the latest event of that name still in the history; with a
     * broker, the latest event its feeder published as a snapshot, on any node.
     */
    public Optional<EventId> latestSnapshot(String eventName) {
        return clustered() ? Optional.ofNullable(feedRecord().latestSnapshot()) : latest(eventName);
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
            List<SseFrame> opening = new ArrayList<>();
            if (clustered()) {
                context.broker().requireAvailable();
                follow();
                List<SseFrame> replay = resumeAfter == null ? List.of() : resumeFromBroker(resumeAfter);
                opening.add(SseEvents.subscribed(name, lastEventId(), resumeAfter, retryMs));
                opening.addAll(replay);
            } else {
                opening.add(SseEvents.subscribed(name, lastEventId(), resumeAfter, retryMs));
                if (resumeAfter != null) {
                    opening.addAll(resume(resumeAfter));
                }
            }
            context.budget().acquire();
            if (broadcaster == null) {
                broadcaster = requestSse.newBroadcaster();
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
     * Whether the topic lives in a broker shared by the nodes of a cluster ({@code herald.broker=redis}); upstream-fed
     * topics too: their feeder, one node of the cluster, publishes to the broker.
     */
    public boolean clustered() {
        return context.broker() != null;
    }

    /** Starts reading the topic from the broker at its latest event, unless this node does already. */
    private void follow() {
        if (following) {
            return;
        }
        EventId head = context.broker().head(name);
        epoch = head.epoch();
        lastSequence = head.sequence();
        following = true;
        context.broker().follow(this);
    }

    private void unfollow() {
        if (following) {
            following = false;
            context.broker().unfollow(this);
        }
    }

    /**
     * The opening of a resumed stream, from the broker: the events after the client's id up to this node's position
     * (live events after it are delivered to the new subscriber as to every other), or a {@code reset}. An id this
     * node has not delivered yet (the client got it from a node that is ahead) first brings this node up to the
     * broker's latest event.
     */
    private List<SseFrame> resumeFromBroker(EventId after) {
        if (!after.epoch().equals(epoch)) {
            return List.of(resetTo(after, new History.Gap(History.OTHER_EPOCH, null)));
        }
        if (after.sequence() > lastSequence) {
            EventId head = context.broker().head(name);
            if (!head.epoch().equals(epoch)) {
                epochChanged(head.epoch());
                return List.of(resetTo(after, new History.Gap(History.OTHER_EPOCH, null)));
            }
            if (after.sequence() > head.sequence()) {
                return List.of(resetTo(after, new History.Gap(History.UNKNOWN_ID, null)));
            }
            for (TopicEvent event : context.broker().range(name, lastSequence, head.sequence())) {
                deliver(event);
            }
        }
        if (after.sequence() >= lastSequence) {
            return List.of();
        }
        List<TopicEvent> events = context.broker().range(name, after.sequence(), lastSequence);
        if (events.stream().anyMatch(event -> !event.id().epoch().equals(epoch))) {
            return List.of(resetTo(after, new History.Gap(History.OTHER_EPOCH, null)));
        }
        long firstKept = events.isEmpty() ? lastSequence + 1 : events.get(0).id().sequence();
        if (firstKept > after.sequence() + 1) {
            return List.of(resetTo(after, new History.Gap(History.EVICTED, firstKept - after.sequence() - 1)));
        }
        return events.stream().filter(event -> event.id().sequence() <= lastSequence).map(SseEvents::of).toList();
    }

    private SseFrame resetTo(EventId clientLast, History.Gap gap) {
        return SseEvents.reset(clientLast, new EventId(epoch, lastSequence), gap);
    }

    /** With a broker: this node's position in the topic's stream, where its reader goes on from. */
    public EventId position() {
        lock.lock();
        try {
            return new EventId(epoch, lastSequence);
        } finally {
            lock.unlock();
        }
    }

    /**
     * With a broker: an event read from the broker, handed to this node's subscribers, framed once. Events this node
     * has had already are ignored (a reader and a resume may both bring one); a jump over events the broker no longer
     * holds tells the subscribers with a {@code reset}; an event of another epoch means the broker lost the topic.
     */
    public void deliver(TopicEvent event) {
        lock.lock();
        try {
            if (!following || shutDown || retired) {
                return;
            }
            if (!event.id().epoch().equals(epoch)) {
                epochChanged(event.id().epoch());
                return; // the reader reads the new epoch's stream from its start
            }
            long sequence = event.id().sequence();
            if (sequence <= lastSequence) {
                return;
            }
            if (sequence > lastSequence + 1) {
                broadcast(SseEvents.reset(new EventId(epoch, lastSequence), new EventId(epoch, sequence - 1),
                        new History.Gap(History.EVICTED, sequence - lastSequence - 1)));
            }
            lastSequence = sequence;
            lastUsedMillis = context.clock().getAsLong();
            broadcast(SseEvents.of(event));
        } finally {
            lock.unlock();
        }
    }

    /**
     * With a broker: the broker holds another epoch for this topic (it lost its data, e.g. a restart without
     * persistence, or a flush). Every subscriber gets a {@code reset} to the start of the new epoch, whose events
     * then follow.
     */
    public void epochChanged(String newEpoch) {
        lock.lock();
        try {
            if (!following || newEpoch.equals(epoch)) {
                return;
            }
            EventId before = new EventId(epoch, lastSequence);
            epoch = newEpoch;
            lastSequence = 0;
            broadcast(SseEvents.reset(before, new EventId(epoch, 0), new History.Gap(History.OTHER_EPOCH, null)));
        } finally {
            lock.unlock();
        }
    }

    /**
     * With a broker: tells this node's subscribers that the broker cannot be read (the stream stays open) or, with
     * {@code problem} null, that it can again, after {@code degradedForMs}; the events they missed follow.
     */
    public void brokerState(Problem problem, long degradedForMs) {
        lock.lock();
        try {
            if (!following) {
                return;
            }
            broadcast(problem != null ? SseEvents.brokerDegraded(problem) : SseEvents.brokerRecovered(degradedForMs));
        } finally {
            lock.unlock();
        }
    }

    private void broadcast(SseFrame frame) {
        if (!subscribers.isEmpty() && broadcaster != null) {
            broadcaster.broadcast(frame);
        }
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
            } else {
                if (broadcaster != null) {
                    broadcaster.close();
                    broadcaster = null;
                }
                unfollow(); // a later subscriber follows again, from the broker's latest event
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
            unfollow();
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
            unfollow();
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
