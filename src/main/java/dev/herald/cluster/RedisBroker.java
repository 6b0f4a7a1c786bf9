package dev.herald.cluster;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

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
import dev.herald.topic.Topic;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicName;

/**
 * The Redis Streams engine ({@code herald.broker=redis}): ids, history and fan-out shared by every Herald node on one
 * Redis (docs/cluster.md). Looked up by the topic registry only then; it starts {@code herald.redis.readers} reader
 * loops, among which the topics with subscribers on this node are shared by name.
 * <p>
 * Every failure of a guarded call becomes a retryable {@code broker-unavailable} problem: a publish is answered 503
 * and never 202, a stream cannot open; the retry delay is the circuit's when it is open.
 */
@ApplicationScoped
public class RedisBroker implements Broker {

    private static final Logger LOG = Logger.getLogger(RedisBroker.class.getName());

    @Inject
    RedisCalls calls;

    @Inject
    RetryPolicy retryPolicy;

    @Inject
    Config config;

    private List<StreamReader> readers;
    private RedisStreams streams;
    private RedisHealth health;
    private String nodeId;

    @PostConstruct
    void start() {
        streams = calls.streams();
        health = calls.health();
        int count = RedisSettings.of(config).readers();
        Supplier<Problem> degraded = () -> new Problem(ProblemType.BROKER_UNAVAILABLE, "This node cannot read the"
                + " broker (Redis) right now. The stream stays open: the events published meanwhile follow once it"
                + " can again (after broker-recovered), or a reset if the broker lost them.", retryPolicy.baseMs());
        NamedThreads threads = new NamedThreads("herald-redis-reader");
        readers = IntStream.range(0, count).mapToObj(i -> new StreamReader(streams, health, degraded)).toList();
        readers.forEach(reader -> threads.newThread(reader).start());
        nodeId = config.getOptionalValue("herald.node-id", String.class).map(String::strip)
                .filter(id -> !id.isEmpty()).orElseGet(RedisBroker::defaultNodeId);
        LOG.info(() -> "Herald's broker is Redis, read by " + count + " reader loops; this node is " + nodeId);
    }

    @PreDestroy
    void stop() {
        readers.forEach(StreamReader::stop);
    }

    @Override
    public EventId head(TopicName topic) {
        return guarded(() -> calls.head(topic), "The stream cannot open");
    }

    @Override
    public EventId append(TopicName topic, String event, String jsonData, String idempotencyKey) {
        return guarded(() -> calls.append(topic, event, jsonData, idempotencyKey), "The event was not acknowledged");
    }

    @Override
    public List<TopicEvent> range(TopicName topic, long after, long through) {
        return guarded(() -> calls.range(topic, after, through), "The stream cannot open");
    }

    @Override
    public void follow(Topic topic) {
        reader(topic).add(topic);
    }

    @Override
    public void unfollow(Topic topic) {
        reader(topic).remove(topic);
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
    public EventId appendFed(TopicName topic, String event, String jsonData, boolean snapshot,
                             Map<String, String> record) {
        EventId id = guarded(() -> calls.appendFed(topic, nodeId, event, jsonData, snapshot, record),
                "The upstream's event was not stored");
        if (id == null) {
            throw new FeedLostException(topic);
        }
        return id;
    }

    @Override
    public FeedRecord feedRecord(TopicName topic) {
        return guarded(() -> calls.feedRecord(topic), "The upstream's record cannot be read");
    }

    /** This node's name in the cluster ({@code herald.node-id}), e.g. in the upstream leases it holds. */
    public String nodeId() {
        return nodeId;
    }

    /**
     * Whether Redis can be used now, as far as this node knows without asking it (for readiness, which must answer at
     * once): no call found it silent since it last answered, and every reader loop can read it.
     */
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

    private StreamReader reader(Topic topic) {
        return readers.get(Math.floorMod(topic.name().value().hashCode(), readers.size()));
    }

    private <T> T guarded(Supplier<T> call, String consequence) {
        return calls.guarded(call, consequence);
    }

    private HeraldException unavailable(String consequence, long retryAfterMs) {
        return calls.unavailable(consequence, retryAfterMs);
    }
}
