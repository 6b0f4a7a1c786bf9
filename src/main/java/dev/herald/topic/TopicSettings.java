package dev.herald.topic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;
import dev.herald.delivery.Subscriber;

/**
 * The engine's settings, read and checked once, at start-up: which topics exist, and the bounds that keep Herald's
 * memory finite, whatever publishers and subscribers do: history per topic and across topics, each subscriber's
 * queue and all queues together, streams, and topics (docs/memory.md adds them up against the heap); and the
 * heartbeat interval, which the subscribers' stall detection and {@code stream.Heartbeats} both go by.
 */
@ApplicationScoped
public class TopicSettings {

    static final Setting TOPICS_ALLOWED = Setting.of("herald.topics.allowed", "*");
    static final Setting TOPICS_MAX = Setting.of("herald.topics.max", "10000");
    static final Setting TOPICS_IDLE_MS = Setting.of("herald.topics.idle-ms", "600000");
    /** Public: the Redis broker keeps as many ({@code cluster.RedisSettings}). */
    public static final Setting HISTORY_MAX_EVENTS = Setting.of("herald.history.max-events", "1000");
    /** Public: the Redis broker keeps events as long ({@code cluster.RedisSettings}). */
    public static final Setting HISTORY_MAX_AGE_MS = Setting.of("herald.history.max-age-ms", "3600000");
    static final Setting HISTORY_MAX_BYTES = Setting.of("herald.history.max-bytes", "4194304");
    static final Setting HISTORY_TOTAL_BYTES = Setting.of("herald.history.total-bytes", "67108864");
    static final Setting SUBSCRIBER_QUEUE_SIZE = Setting.of("herald.subscriber.queue-size", "1000");
    static final Setting SUBSCRIBER_QUEUE_BYTES = Setting.of("herald.subscriber.queue-bytes", "1048576");
    static final Setting SUBSCRIBER_STALL_TIMEOUT_MS = Setting.of("herald.subscriber.stall-timeout-ms", "30000");
    static final Setting STREAM_PENDING_BYTES = Setting.of("herald.stream.pending-bytes", "67108864");
    static final Setting HEARTBEAT_INTERVAL_MS = Setting.of("herald.heartbeat.interval-ms", "5000");
    static final Setting SUBSCRIBERS_MAX = Setting.of("herald.subscribers.max", "5000");

    private String allowed;
    private HistoryLimits history;
    private Subscriber.Limits subscriber;
    private long pendingBytes;
    private int maxSubscribers;
    private int maxTopics;
    private long topicIdleMs;

    protected TopicSettings() {
        // for the CDI proxy
    }

    @Inject
    public TopicSettings(Config config) {
        Settings settings = Settings.of(config);
        allowed = settings.text(TOPICS_ALLOWED);
        int maxEvents = settings.integer(HISTORY_MAX_EVENTS);
        if (maxEvents < 0) {
            throw new IllegalArgumentException(HISTORY_MAX_EVENTS + " must be 0 (no history) or more");
        }
        history = new HistoryLimits(maxEvents, settings.positive(HISTORY_MAX_AGE_MS),
                settings.positive(HISTORY_MAX_BYTES), settings.positive(HISTORY_TOTAL_BYTES));
        subscriber = new Subscriber.Limits(settings.positiveInteger(SUBSCRIBER_QUEUE_SIZE),
                settings.positive(SUBSCRIBER_QUEUE_BYTES), settings.positive(HEARTBEAT_INTERVAL_MS),
                settings.positive(SUBSCRIBER_STALL_TIMEOUT_MS));
        pendingBytes = settings.positive(STREAM_PENDING_BYTES);
        maxSubscribers = settings.positiveInteger(SUBSCRIBERS_MAX);
        maxTopics = settings.positiveInteger(TOPICS_MAX);
        topicIdleMs = settings.positive(TOPICS_IDLE_MS);
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    /** {@code herald.topics.allowed}, as configured ({@link TopicPolicy} parses and checks it). */
    String allowedTopics() {
        return allowed;
    }

    /** What the memory broker keeps. */
    public HistoryLimits history() {
        return history;
    }

    /** {@code herald.heartbeat.interval-ms}: no open stream goes longer without a write. */
    public long heartbeatMs() {
        return subscriber.heartbeatMillis();
    }

    Subscriber.Limits subscriber() {
        return subscriber;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    int maxSubscribers() {
        return maxSubscribers;
    }

    int maxTopics() {
        return maxTopics;
    }

    long topicIdleMs() {
        return topicIdleMs;
    }

    /** How long a client refused for lack of room should wait: gone clients are noticed within two heartbeats. */
    long roomFreedWithinMs() {
        return 2 * subscriber.heartbeatMillis();
    }
}
