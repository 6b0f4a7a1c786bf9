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

import jakarta.ws.rs.sse.SseEventSink;

import dev.herald.budget.PendingBytes;
import dev.herald.budget.SubscriberBudget;
import dev.herald.delivery.ClientConnection;
import dev.herald.delivery.Fanout;
import dev.herald.delivery.Subscriber;
import dev.herald.problem.HeraldException;
import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;
import dev.herald.wire.SseEvents;
import dev.herald.wire.SseFrame;

/**
 * A topic on this node: its subscribers, and the fan-out of its events to them, whatever the broker. Ids and history
 * live in the broker's {@link TopicLog}: a publish appends there, and events reach the subscribers only through
 * {@link #deliver}, in the log's order, while the topic has subscribers here (it follows the log). The topic's epoch
 * and last sequence are this node's position in the log.
 * <p>
 * One lock orders deliveries, subscriptions, heartbeats and shutdown; a log in this JVM appends under it too, so that
 * a publish there is one lock (see {@code dev.herald.memory.MemoryLog}). A new subscriber's opening (the
 * {@code subscribed} event, then a replay read from the log up to this node's position, or a {@code reset}) is queued
 * and the subscriber registered while the lock is held, so an event published meanwhile is either in the replay or
 * delivered live: never lost, never twice.
 * <p>
 * The fan-out hands each frame to every subscriber's own queue on the publishing thread, under that lock (a
 * subscriber's {@code send} only queues; writer threads write). It used to go through a JAX-RS {@code SseBroadcaster}
 * with the subscribers registered as its sinks, which added nothing Herald's subscribers do not do themselves and
 * cost a lot on Jersey: its broadcaster is a {@code SubmissionPublisher} that runs a task on its executor for every
 * subscriber and event before the subscriber's own queue is reached, and its {@code register} walks every sink
 * already registered (docs/performance.md, issue 21).
 */
public final class Topic implements Follower, Fanout {

    /** What a topic needs from its registry. */
    record Context(Subscriber.Limits subscriberLimits, PendingBytes pending, Executor writer,
                   SubscriberBudget budget, Runnable admitStream, Function<String, Problem> slowConsumer,
                   LongSupplier clock, Broker broker) {
    }

    /** The same comment for every stream, framed once. */
    private static final SseFrame HEARTBEAT = SseEvents.heartbeat();

    private final TopicName name;
    private final Context context;
    private final ReentrantLock lock = new ReentrantLock();
    private final TopicLog log;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final TopicCounts counts = new TopicCounts();
    private volatile long lastUsedMillis;
    /** Fed by an upstream: its events come from there only, and it is never retired, whatever its activity. */
    private volatile boolean fedByUpstream;
    /** This node's position in the log, read from it when the topic starts following it. */
    private String epoch;
    private long lastSequence;
    private volatile boolean shutDown;
    private volatile boolean retired;
    /** Whether this node reads the topic's events from the log (it has, or just had, subscribers here). */
    private boolean following;

    Topic(TopicName name, Context context) {
        this.name = name;
        this.context = context;
        this.log = context.broker().open(name, lock);
        this.lastUsedMillis = context.clock().getAsLong();
    }

    @Override
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
     * The id of the last event, or null before the first one: the last one delivered on this node while it follows
     * the topic, else the latest the log knows of without asking anyone.
     */
    public EventId lastEventId() {
        lock.lock();
        try {
            EventId last = following ? new EventId(epoch, lastSequence) : log.lastKnown();
            if (last == null && epoch != null) {
                last = new EventId(epoch, lastSequence); // where this node last followed it
            }
            return last == null || last.sequence() == 0 ? null : last;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores the event in the log, which gives it its id, and returns it; the log delivers it to the subscribers of
     * every node, this one included (or this throws {@code broker-unavailable}: then it was not stored).
     */
    public TopicEvent publish(String eventName, String jsonData) {
        return publish(eventName, jsonData, null);
    }

    /**
     * As above, once per idempotency key: a publish that repeats the key of an event still in the history (in
     * memory), or of the last {@code herald.history.max-age-ms} (in Redis), stores nothing and returns that
     * event's id, so that a publisher may safely send again a publish whose answer it never got.
     *
     * @param idempotencyKey the publisher's key for this event, or null
     */
    public TopicEvent publish(String eventName, String jsonData, String idempotencyKey) {
        requireInUse();
        TopicEvent event = log.append(eventName, jsonData, idempotencyKey);
        counted();
        return event;
    }

    private void counted() {
        counts.countPublished();
        lastUsedMillis = context.clock().getAsLong();
    }

    /**
     * An event from the topic's upstream: stored only while this node holds the topic's feed (else
     * {@link FeedLostException}), together with the feeder's {@code record} fields and, if {@code snapshot}, as the
     * topic's latest snapshot (see {@link #latestSnapshot}).
     */
    public TopicEvent publishFed(String eventName, String jsonData, boolean snapshot, Map<String, String> record) {
        requireInUse();
        TopicEvent event = context.broker().appendFed(name, eventName, jsonData, snapshot, record);
        counted();
        return event;
    }

    /** Claims, or renews, this node's right to feed the topic for {@code ttlMs}; true while it holds it. */
    public boolean holdFeed(long ttlMs) {
        return context.broker().holdFeed(name, ttlMs);
    }

    /** Gives up this node's right to feed the topic, if it holds it. */
    public void releaseFeed() {
        context.broker().releaseFeed(name);
    }

    /** What the topic's feeder recorded in the broker. */
    public FeedRecord feedRecord() {
        return context.broker().feedRecord(name);
    }

    /** The id of the topic's latest snapshot (the latest event its feeder published as one, on any node), if kept. */
    public Optional<EventId> latestSnapshot() {
        return Optional.ofNullable(feedRecord().latestSnapshot());
    }

    /**
     * Whether other nodes share this topic through the broker: its upstream then runs on the node that holds its
     * lease. On one node the lease is always held.
     */
    public boolean sharedByNodes() {
        return context.broker().sharedByNodes();
    }

    /**
     * Opens a stream: {@code subscribed}, then (for a client that names its last event) the events it missed or
     * a {@code reset}, then live events. Nothing is written on the caller's thread.
     *
     * @param resumeAfter the client's last event id, or null for a fresh subscription
     */
    public Subscriber subscribe(SseEventSink sink, EventId resumeAfter, long retryMs) {
        return subscribe(sink, resumeAfter, retryMs, ClientConnection.UNPROBED);
    }

    /**
     * As above, with the client's connection: while it can take no more, nothing is written to this stream, and a
     * stream it refuses for {@code herald.subscriber.stall-timeout-ms} is closed and its connection dropped (see
     * {@link Subscriber}). It is used from writer threads, after the request has returned.
     */
    public Subscriber subscribe(SseEventSink sink, EventId resumeAfter, long retryMs, ClientConnection connection) {
        return subscribe(sink, resumeAfter, retryMs, connection, () -> { });
    }

    /**
     * As above; {@code whenGone} runs once when the stream leaves the topic (closed, cut, or its client gone), e.g.
     * to give back a per-client quota. It does not run if this method throws.
     */
    public Subscriber subscribe(SseEventSink sink, EventId resumeAfter, long retryMs, ClientConnection connection,
                                Runnable whenGone) {
        lock.lock();
        try {
            requireInUse();
            context.admitStream().run();
            context.broker().requireAvailable();
            follow();
            List<SseFrame> replay = resumeAfter == null ? List.of() : resume(resumeAfter);
            List<SseFrame> opening = new ArrayList<>(1 + replay.size());
            EventId current = lastEventId();
            opening.add(SseEvents.subscribed(name.value(), current == null ? null : current.toString(),
                    resumeAfter == null ? null : resumeAfter.toString(), retryMs));
            opening.addAll(replay);
            context.budget().acquire();
            Subscriber subscriber = new Subscriber(this, sink, context.writer(), context.subscriberLimits(),
                    context.pending(), connection, whenGone);
            subscribers.add(subscriber);
            lastUsedMillis = context.clock().getAsLong();
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

    /** Starts reading the topic from the log at its latest event, unless this node does already. */
    private void follow() {
        if (following) {
            return;
        }
        EventId head = log.head();
        epoch = head.epoch();
        lastSequence = head.sequence();
        following = true;
        log.follow(this);
    }

    private void unfollow() {
        if (following) {
            following = false;
            log.unfollow(this);
        }
    }

    /**
     * The opening of a resumed stream, from the log: the events after the client's id up to this node's position
     * (live events after it are delivered to the new subscriber as to every other), or a {@code reset}. An id this
     * node has not delivered yet (the client got it from a node that is ahead) first brings this node up to the
     * broker's latest event.
     */
    private List<SseFrame> resume(EventId after) {
        if (!after.epoch().equals(epoch)) {
            return List.of(resetTo(after, new Gap(Gap.OTHER_EPOCH, null)));
        }
        if (after.sequence() > lastSequence) {
            EventId head = log.head();
            if (!head.epoch().equals(epoch)) {
                epochChanged(head.epoch());
                return List.of(resetTo(after, new Gap(Gap.OTHER_EPOCH, null)));
            }
            if (after.sequence() > head.sequence()) {
                return List.of(resetTo(after, new Gap(Gap.UNKNOWN_ID, null)));
            }
            for (TopicEvent event : log.range(lastSequence, head.sequence())) {
                deliver(event);
            }
        }
        if (after.sequence() >= lastSequence) {
            return List.of();
        }
        List<TopicEvent> events = log.range(after.sequence(), lastSequence);
        if (events.stream().anyMatch(event -> !event.id().epoch().equals(epoch))) {
            return List.of(resetTo(after, new Gap(Gap.OTHER_EPOCH, null)));
        }
        long firstKept = events.isEmpty() ? lastSequence + 1 : events.get(0).id().sequence();
        if (firstKept > after.sequence() + 1) {
            return List.of(resetTo(after, new Gap(Gap.EVICTED, firstKept - after.sequence() - 1)));
        }
        List<SseFrame> frames = new ArrayList<>(events.size());
        for (TopicEvent event : events) {
            if (event.id().sequence() <= lastSequence) {
                frames.add(event.frame()); // in this JVM's log: the frame its live subscribers got
            }
        }
        return frames;
    }

    private static SseFrame reset(EventId clientLast, EventId current, Gap gap) {
        return SseEvents.reset(clientLast.toString(), current.toString(), gap.reason(), gap.lost());
    }

    private SseFrame resetTo(EventId clientLast, Gap gap) {
        return reset(clientLast, new EventId(epoch, lastSequence), gap);
    }

    /** This node's position in the topic's log, where its reader goes on from. */
    @Override
    public EventId position() {
        lock.lock();
        try {
            return new EventId(epoch, lastSequence);
        } finally {
            lock.unlock();
        }
    }

    /**
     * An event of the log, handed to this node's subscribers, framed once. Events this node
     * has had already are ignored (a reader and a resume may both bring one); a jump over events the broker no longer
     * holds tells the subscribers with a {@code reset}; an event of another epoch means the broker lost the topic.
     */
    @Override
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
                broadcast(reset(new EventId(epoch, lastSequence), new EventId(epoch, sequence - 1),
                        new Gap(Gap.EVICTED, sequence - lastSequence - 1)));
            }
            lastSequence = sequence; // no use noted here: a topic that has subscribers is never retired
            broadcast(event.frame());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The broker holds another epoch for this topic (it lost its data, e.g. a restart without
     * persistence, or a flush). Every subscriber gets a {@code reset} to the start of the new epoch, whose events
     * then follow.
     */
    @Override
    public void epochChanged(String newEpoch) {
        lock.lock();
        try {
            if (!following || newEpoch.equals(epoch)) {
                return;
            }
            EventId before = new EventId(epoch, lastSequence);
            epoch = newEpoch;
            lastSequence = 0;
            broadcast(reset(before, new EventId(epoch, 0), new Gap(Gap.OTHER_EPOCH, null)));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells this node's subscribers that the broker cannot be read (the stream stays open) or, with
     * {@code problem} null, that it can again, after {@code degradedForMs}; the events they missed follow.
     */
    @Override
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

    /** Into every subscriber's queue; called under the lock, so every subscriber gets the topic's frames in order. */
    private void broadcast(SseFrame frame) {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.send(frame);
            } catch (IllegalStateException gone) {
                // Closed or finishing: it leaves the topic on its own (detach), and takes nothing more.
            }
        }
    }

    /**
     * A comment on every stream that has been idle for a while (see {@link Subscriber}); a subscriber whose write
     * fails leaves the topic. With no subscriber left, the topic stops following its log.
     */
    public void heartbeat() {
        lock.lock();
        try {
            if (!subscribers.isEmpty()) {
                broadcast(HEARTBEAT);
            } else {
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
            log.close();
            return true;
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

    @Override
    public long nowMillis() {
        return context.clock().getAsLong();
    }

    @Override
    public SseFrame errorEvent(Problem problem) {
        counts.countError(problem.type());
        return SseEvents.error(problem);
    }

    @Override
    public SseFrame slowConsumerEvent(String why) {
        counts.countError(ProblemType.SLOW_CONSUMER);
        return SseEvents.error(context.slowConsumer().apply(why));
    }

    @Override
    public void countError(ProblemType type) {
        counts.countError(type);
    }

    @Override
    public void countDelivered(long events) {
        counts.countDelivered(events);
    }

    @Override
    public void countBatched(long events) {
        counts.countBatched(events);
    }

    @Override
    public void countDropped(long events) {
        counts.countDropped(events);
    }

    @Override
    public void detach(Subscriber subscriber) {
        if (subscribers.remove(subscriber)) {
            context.budget().release();
            subscriber.gone();
            lastUsedMillis = context.clock().getAsLong();
        }
    }
}
