package dev.herald.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import dev.herald.problem.HeraldException;
import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;
import dev.herald.problem.RetryPolicy;
import dev.herald.threads.NamedThreads;
import dev.herald.topic.Broker;
import dev.herald.topic.Epoch;
import dev.herald.topic.EventId;
import dev.herald.topic.FeedLostException;
import dev.herald.topic.FeedRecord;
import dev.herald.topic.Follower;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicLog;
import dev.herald.topic.TopicName;

/**
 * The Redis Streams broker ({@code herald.broker=redis}): ids, history and fan-out shared by every Herald node on one
 * Redis (docs/cluster.md). Looked up by {@code dev.herald.broker.Brokers} only then; it starts
 * {@code herald.redis.readers} reader loops, among which the topics with subscribers on this node are shared by name.
 * A bean of its own type only ({@code @Typed}): the one {@link Broker} to inject is the one {@code Brokers} makes.
 * <p>
 * Every failure of a guarded call becomes a retryable {@code broker-unavailable} problem: a publish is answered 503
 * and never 202, a stream cannot open; the retry delay is the circuit's when it is open.
 */
@ApplicationScoped
@Typed(RedisBroker.class)
public class RedisBroker implements Broker {

    public static final String NAME = "redis";

    private static final Logger LOG = Logger.getLogger(RedisBroker.class.getName());

    @Inject
    RedisCalls calls;

    @Inject
    RetryPolicy retryPolicy;


    private List<StreamReader> readers;
    private RedisStreams streams;
    private RedisHealth health;
    private String nodeId;

    @PostConstruct
    void start() {
        streams = calls.streams();
        health = calls.health();
        RedisSettings settings = calls.settings();
        int count = settings.readers();
        Supplier<Problem> degraded = () -> new Problem(ProblemType.BROKER_UNAVAILABLE, "This node cannot read the"
                + " broker (Redis) right now. The stream stays open: the events published meanwhile follow once it"
                + " can again (after broker-recovered), or a reset if the broker lost them.", retryPolicy.baseMs());
        NamedThreads threads = new NamedThreads("herald-redis-reader");
        readers = IntStream.range(0, count).mapToObj(i -> new StreamReader(streams, health, degraded)).toList();
        readers.forEach(reader -> threads.newThread(reader).start());
        nodeId = settings.nodeId().orElseGet(RedisBroker::defaultNodeId);
        LOG.info(() -> "Herald's broker is Redis, read by " + count + " reader loops; this node is " + nodeId);
    }

    @PreDestroy
    void stop() {
        readers.forEach(StreamReader::stop);
    }

    /** The topic's stream in Redis; {@code order} is not needed: Redis orders the appends of every node. */
    @Override
    public TopicLog open(TopicName topic, ReentrantLock order) {
        return new TopicLog() {
            @Override
            public EventId head() {
                return guarded(() -> calls.head(topic), "The stream cannot open");
            }

            @Override
            public TopicEvent append(String event, String jsonData, String idempotencyKey) {
                EventId id = guarded(() -> calls.append(topic, event, jsonData, idempotencyKey),
                        "The event was not acknowledged");
                return new TopicEvent(topic, id, event, jsonData);
            }

            @Override
            public List<TopicEvent> range(long after, long through) {
                return guarded(() -> calls.range(topic, after, through), "The stream cannot open");
            }

            @Override
            public void follow(Follower follower) {
                reader(follower).add(follower);
            }

            @Override
            public void unfollow(Follower follower) {
                reader(follower).remove(follower);
            }

            @Override
            public EventId lastKnown() {
                return null; // only Redis knows: the topic's status shows where this node last followed it
            }

            @Override
            public void close() {
                // the topic stays in Redis for other nodes; it expires there unused (herald.redis.topic-ttl-ms)
            }
        };
    }

    @Override
    public void requireAvailable() {
        if (!available()) {
            throw unavailable("The stream cannot open", retryPolicy.baseMs());
        }
    }

    @Override
    public boolean holdFeed(TopicName topic, long ttlMs) {
        return guarded(() -> calls.holdFeed(topic, nodeId, ttlMs), "The upstream's lease cannot be renewed");
    }

    /**
     * Not through Fault Tolerance: this runs while the application stops, when the guarded calls may no longer read
     * their configuration (Open Liberty). The client's own timeout bounds it; a lease not given up runs out.
     * Throws what the client throws.
     */
    @Override
    public void releaseFeed(TopicName topic) {
        streams.releaseFeed(topic, nodeId);
    }

    @Override
    public TopicEvent appendFed(TopicName topic, String event, String jsonData, boolean snapshot,
                                Map<String, String> record) {
        EventId id = guarded(() -> calls.appendFed(topic, nodeId, event, jsonData, snapshot, record),
                "The upstream's event was not stored");
        if (id == null) {
            throw new FeedLostException(topic);
        }
        return new TopicEvent(topic, id, event, jsonData);
    }

    @Override
    public FeedRecord feedRecord(TopicName topic) {
        return guarded(() -> calls.feedRecord(topic), "The upstream's record cannot be read");
    }

    /** This node's name in the cluster ({@code herald.node-id}), e.g. in the upstream leases it holds. */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean sharedByNodes() {
        return true;
    }

    @Override
    public long historyBytes() {
        return 0; // in Redis
    }

    /**
     * Whether Redis can be used now, as far as this node knows without asking it (for readiness, which must answer at
     * once): no call found it silent since it last answered, and every reader loop can read it.
     */
    @Override
    public boolean available() {
        return !health.down() && readers.stream().noneMatch(StreamReader::degraded);
    }

    /** The host's name and a random suffix: unique per start, readable in Redis and in the logs. */
    private static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "herald";
        }
        return host + "-" + Epoch.next();
    }

    private StreamReader reader(Follower topic) {
        return readers.get(Math.floorMod(topic.name().value().hashCode(), readers.size()));
    }

    private <T> T guarded(Supplier<T> call, String consequence) {
        return calls.guarded(call, consequence);
    }

    private HeraldException unavailable(String consequence, long retryAfterMs) {
        return calls.unavailable(consequence, retryAfterMs);
    }
}
