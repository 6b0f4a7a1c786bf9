package dev.herald.topic;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.herald.budget.HeapWatch;
import dev.herald.budget.PendingBytes;
import dev.herald.budget.SubscriberBudget;
import dev.herald.delivery.StreamWriters;
import dev.herald.problem.HeraldException;
import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;
import dev.herald.problem.RetryPolicy;

/**
 * All topics of this Herald. Topics come into being on first use, within {@link TopicPolicy} and a count limit,
 * and go away again when nobody has used them for {@code herald.topics.idle-ms}, or sooner when their room is
 * needed for a new one: topic names cannot be used up for good.
 * <p>
 * Ids and history live in the {@link Broker} that {@code herald.broker} names (see {@code dev.herald.broker.Brokers}).
 */
@ApplicationScoped
public class TopicRegistry {

    private static final Logger LOG = Logger.getLogger(TopicRegistry.class.getName());
    /** A topic looked up and retired before it could be used is looked up again; more than this is a bug. */
    private static final int LOOKUPS = 5;

    private final ConcurrentMap<TopicName, Topic> topics = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private TopicPolicy policy;
    private Supplier<Problem> shutdownNotices;
    private TopicSettings config;
    private HeapWatch heap;
    private Broker broker;
    private PendingBytes pending;
    private SubscriberBudget streams;
    private Topic.Context context;
    private Event<TopicOpened> opened;
    private Event<TopicClosed> closed;

    protected TopicRegistry() {
        // for the CDI proxy
    }

    @Inject
    public TopicRegistry(TopicPolicy policy, RetryPolicy retryPolicy, TopicSettings config, StreamWriters writers,
                         HeapWatch heap, Event<TopicOpened> opened, Event<TopicClosed> closed, Broker broker) {
        this.policy = policy;
        this.opened = opened;
        this.closed = closed;
        this.shutdownNotices = retryPolicy.shutdownNotices();
        this.config = config;
        this.heap = heap;
        this.broker = broker;
        this.pending = new PendingBytes(config.pendingBytes());
        this.streams = new SubscriberBudget(config.maxSubscribers(), config.roomFreedWithinMs());
        this.context = new Topic.Context(config.subscriber(), pending, writers.executor(), streams, this::admitStream,
                why -> retryPolicy.problem(ProblemType.SLOW_CONSUMER, "This stream was closed: " + why
                        + ". Reconnect with your last event id to catch up from the history."),
                System::currentTimeMillis, broker);
    }

    /**
     * Runs {@code action} on the topic of that name, created if needed (the name is validated against the policy
     * first). A topic retired between lookup and use is looked up again, which makes a fresh one.
     */
    public <T> T use(String name, Function<Topic, T> action) {
        TopicName topicName = policy.requireKnown(name);
        for (int attempt = 1; ; attempt++) {
            try {
                return action.apply(topic(topicName));
            } catch (TopicRetiredException retired) {
                if (attempt == LOOKUPS) {
                    throw new IllegalStateException("Topic " + topicName + " kept being retired", retired);
                }
            }
        }
    }

    /**
     * The topic of that name, created if needed, marked as fed by an upstream: clients may not publish to it, and
     * it is never retired. Upstreams claim their topics when the application starts.
     */
    public Topic fedByUpstream(String name) {
        Topic topic = topic(policy.requireKnown(name));
        topic.feedFromUpstream();
        return topic;
    }

    private Topic topic(TopicName name) {
        Topic existing = topics.get(name);
        if (existing != null) {
            return existing;
        }
        if (topics.size() >= config.maxTopics()) {
            retireLeastRecentlyUsed(Math.max(1, config.maxTopics() / 100));
        }
        // The limit is approximate under a race, which is enough to bound memory.
        if (topics.size() >= config.maxTopics()) {
            throw new HeraldException(ProblemType.TOO_MANY_TOPICS, "This server holds its maximum of "
                    + config.maxTopics() + " topics, each with subscribers; try again shortly.",
                    config.roomFreedWithinMs());
        }
        Topic[] created = new Topic[1];
        Topic topic = topics.computeIfAbsent(name, key -> created[0] = new Topic(key, context));
        if (created[0] != null) {
            opened.fire(new TopicOpened(topic)); // outside computeIfAbsent: observers may look at the registry
        }
        return topic;
    }

    /** The topic if it exists, without creating it. */
    public Optional<Topic> find(String name) {
        return Optional.ofNullable(topics.get(policy.requireKnown(name)));
    }

    public Collection<Topic> all() {
        return List.copyOf(topics.values());
    }

    /** What Herald holds now against its budgets, for readiness and operators. */
    public Usage usage() {
        return new Usage(topics.size(), config.maxTopics(), streams.open(), streams.max(), broker.historyBytes(),
                config.history().totalBytes(), pending.used(), pending.max(), heap.usedAfterGc(), heap.max(),
                heap.full());
    }

    /** See {@link #usage()}. */
    public record Usage(int topics, int maxTopics, int streams, int maxStreams, long historyBytes,
                        long maxHistoryBytes, long pendingBytes, long maxPendingBytes, long heapAfterGc,
                        long maxHeap, boolean heapFull) {

        /** No room for another stream: a load balancer should send new clients elsewhere. */
        public boolean full() {
            return streams >= maxStreams || pendingBytes >= maxPendingBytes || heapFull;
        }
    }

    /** New streams wait while the events pending for the open ones, or the heap, are at their limit. */
    private void admitStream() {
        if (pending.full()) {
            throw new HeraldException(ProblemType.MEMORY_FULL, "The server's memory for pending events is full;"
                    + " try again shortly.", config.roomFreedWithinMs());
        }
        if (heap.full()) {
            throw new HeraldException(ProblemType.MEMORY_FULL, "The server's memory is nearly full; try again"
                    + " shortly.", config.roomFreedWithinMs());
        }
    }

    /** Forgets topics nobody has used for {@code herald.topics.idle-ms}. */
    void retireIdle() {
        long usedBefore = System.currentTimeMillis() - config.topicIdleMs();
        topics.values().forEach(topic -> retire(topic, usedBefore));
    }

    /** Makes room for new topics: retires up to {@code count} of the least recently used that nobody holds. */
    private void retireLeastRecentlyUsed(int count) {
        long now = System.currentTimeMillis();
        List<Topic> leastRecentFirst = topics.values().stream()
                .sorted(Comparator.comparingLong(Topic::lastUsedMillis))
                .toList();
        int retired = 0;
        for (Topic topic : leastRecentFirst) {
            if (retired == count) {
                return;
            }
            if (retire(topic, now)) {
                retired++;
            }
        }
    }

    private boolean retire(Topic topic, long usedBefore) {
        if (topic.retireIfUnusedSince(usedBefore)) {
            topics.remove(topic.name(), topic);
            closed.fire(new TopicClosed(topic));
            return true;
        }
        return false;
    }

    /**
     * What stops this registry, as a plain reference to it: a JVM shutdown hook may run after the container has
     * torn down CDI, when calls through the bean's proxy fail.
     */
    Runnable shutdownAction() {
        return this::shutdown;
    }

    /**
     * Undeploy or server stop: every open stream is told to come back later, each at its own time.
     * Runs once, from {@code @PreDestroy} or from {@link ShutdownNotice}'s hook, whichever comes first.
     */
    @PreDestroy
    void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        int open = topics.values().stream().mapToInt(Topic::subscriberCount).sum();
        LOG.info(() -> "Herald is stopping: telling " + open + " open streams to come back later");
        ShutdownNotices.send(topics.values().stream()
                .flatMap(topic -> topic.shutdown(shutdownNotices).stream())
                .toList());
    }
}
