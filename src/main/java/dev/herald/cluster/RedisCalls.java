package dev.herald.cluster;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import redis.clients.jedis.exceptions.JedisDataException;

import dev.herald.guard.GuardSettings;
import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.problem.RetryPolicy;
import dev.herald.topic.EventId;
import dev.herald.topic.FeedRecord;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicName;

/**
 * The guarded calls to Redis, as {@code UpstreamFetcher}'s to an upstream: MicroProfile Fault Tolerance times them
 * out, retries the ones that only read, and opens a circuit after repeated failures; and once a call found Redis
 * silent ({@link RedisHealth}), the next ones are refused at once until Redis answers again, so that a Redis that is
 * down costs a publish no wait. The Redis client's own timeouts ({@code herald.redis.timeout-ms}) back
 * {@code @Timeout} up: interrupting a thread does not end a blocking socket read. Every value can be overridden
 * through the standard keys, e.g. {@code dev.herald.cluster.RedisCalls/append/CircuitBreaker/delay=5000}.
 * <p>
 * A publish is never retried: an attempt that timed out may have been stored, and a retry would store it twice
 * (unless its publisher gave an idempotency key: then the publisher may retry, safely).
 * Created on first use only, that is with {@code herald.broker=redis}.
 */
@ApplicationScoped
public class RedisCalls {

    static final long TIMEOUT_MS = 3000;
    static final long CIRCUIT_DELAY_MS = 1000;

    private static final Logger LOG = Logger.getLogger(RedisCalls.class.getName());

    @Inject
    Config config;

    @Inject
    RetryPolicy retryPolicy;

    private RedisSettings settings;
    private RedisStreams redis;
    private final RedisHealth health = new RedisHealth();
    private long circuitDelayMs;

    @PostConstruct
    void start() {
        settings = RedisSettings.of(config);
        redis = new RedisStreams(settings);
        circuitDelayMs = GuardSettings.of(config, RedisCalls.class, "append", TIMEOUT_MS, CIRCUIT_DELAY_MS)
                .circuitDelayMs();
    }

    @PreDestroy
    void stop() {
        redis.close();
    }

    /** The Redis settings, read once, when this bean starts. Public: it is called through the CDI proxy. */
    public RedisSettings settings() {
        return settings;
    }

    /** For the reader loops, which keep trying on their own and tell subscribers instead of failing a call. */
    public RedisStreams streams() {
        return redis;
    }

    public long circuitDelayMs() {
        return circuitDelayMs;
    }

    /** What this node knows of Redis now; the reader loops tell it too. Public: it is called through the CDI proxy. */
    public RedisHealth health() {
        return health;
    }

    @Timeout(TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = CIRCUIT_DELAY_MS, successThreshold = 1)
    public EventId append(TopicName topic, String event, String jsonData, String idempotencyKey) {
        return redis.append(topic, event, jsonData, idempotencyKey);
    }

    @Timeout(TIMEOUT_MS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = CIRCUIT_DELAY_MS, successThreshold = 1)
    public EventId head(TopicName topic) {
        return redis.head(topic);
    }

    @Timeout(TIMEOUT_MS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = CIRCUIT_DELAY_MS, successThreshold = 1)
    public List<TopicEvent> range(TopicName topic, long after, long through) {
        return redis.range(topic, after, through);
    }

    /** Not retried either: a feeder's publish is a publish. Null if the node does not hold the feed. */
    @Timeout(TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = CIRCUIT_DELAY_MS, successThreshold = 1)
    public EventId appendFed(TopicName topic, String node, String event, String jsonData, boolean snapshot,
                             Map<String, String> record) {
        return redis.appendFed(topic, node, event, jsonData, snapshot, record);
    }

    /** Not retried: the lease's next renewal, a third of its time later, is the retry. */
    @Timeout(TIMEOUT_MS)
    public boolean holdFeed(TopicName topic, String node, long ttlMs) {
        return redis.holdFeed(topic, node, ttlMs);
    }

    @Timeout(TIMEOUT_MS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = CIRCUIT_DELAY_MS, successThreshold = 1)
    public FeedRecord feedRecord(TopicName topic) {
        return redis.feedRecord(topic);
    }

    /** Never retried: a take that timed out may have taken the ticket. */
    @Timeout(TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = CIRCUIT_DELAY_MS, successThreshold = 1)
    public void putTicket(String ticket, String description, long ttlMillis) {
        redis.putTicket(ticket, description, ttlMillis);
    }

    @Timeout(TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = CIRCUIT_DELAY_MS, successThreshold = 1)
    public String takeTicket(String ticket) {
        return redis.takeTicket(ticket);
    }

    /**
     * Runs a guarded call (through this bean's proxy, e.g. {@code calls.guarded(() -> calls.head(topic), ...)}):
     * any failure becomes a retryable {@code broker-unavailable} problem, whose delay is the circuit's when it is open.
     * While Redis is known down (see {@link RedisHealth}) the call is refused at once, without waiting for a timeout.
     */
    public <T> T guarded(Supplier<T> call, String consequence) {
        if (health.down()) {
            throw unavailable(consequence, retryPolicy.baseMs());
        }
        try {
            T result = call.get();
            health.answered();
            return result;
        } catch (HeraldException e) {
            throw e;
        } catch (Exception e) { // also what Fault Tolerance throws unchecked: an InterruptedException of its retry delay
            if (e instanceof InterruptedException) {
                // Fault Tolerance's own @Timeout interrupts the thread of the call it gives up on, which may then be
                // in the retry's delay: that call is over, and the flag must not break the writing of the answer.
                Thread.interrupted();
            }
            LOG.log(Level.FINE, "A call to Redis failed", e);
            boolean open = e instanceof CircuitBreakerOpenException;
            if (!open) {
                if (!(e instanceof JedisDataException)) { // Redis answered, with an error: it is up
                    health.noAnswer();
                }
                LOG.warning(() -> "A call to Redis failed: " + e);
            }
            throw unavailable(consequence, open ? circuitDelayMs : retryPolicy.baseMs());
        }
    }

    public HeraldException unavailable(String consequence, long retryAfterMs) {
        return new HeraldException(ProblemType.BROKER_UNAVAILABLE, consequence + ": Herald's broker (Redis) cannot"
                + " be reached right now. Try again shortly.", retryAfterMs);
    }
}
