package dev.herald.topic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.config.Settings;
import dev.herald.delivery.Subscriber;

/**
 * The bounds that keep Herald's memory finite, whatever publishers and subscribers do: history per topic and
 * across topics, each subscriber's queue and all queues together, streams, and topics (docs/memory.md adds them
 * up against the heap).
 */
@ApplicationScoped
public class TopicConfig {

    private HistoryLimits history;
    private Subscriber.Limits subscriber;
    private long pendingBytes;
    private int maxSubscribers;
    private int maxTopics;
    private long topicIdleMs;

    protected TopicConfig() {
        // for the CDI proxy
    }

    @Inject
    public TopicConfig(@ConfigProperty(name = "herald.history.max-events", defaultValue = "1000") int maxEvents,
                       @ConfigProperty(name = "herald.history.max-age-ms", defaultValue = "3600000") long maxAgeMs,
                       @ConfigProperty(name = "herald.history.max-bytes", defaultValue = "4194304") long maxBytes,
                       @ConfigProperty(name = "herald.history.total-bytes", defaultValue = "67108864") long totalBytes,
                       @ConfigProperty(name = "herald.subscriber.queue-size", defaultValue = "1000") int queueLimit,
                       @ConfigProperty(name = "herald.subscriber.queue-bytes", defaultValue = "1048576")
                       long queueBytes,
                       @ConfigProperty(name = "herald.subscriber.stall-timeout-ms", defaultValue = "30000")
                       long stallTimeoutMs,
                       @ConfigProperty(name = "herald.stream.pending-bytes", defaultValue = "67108864")
                       long pendingBytes,
                       @ConfigProperty(name = "herald.heartbeat.interval-ms", defaultValue = "5000") long heartbeatMs,
                       @ConfigProperty(name = "herald.subscribers.max", defaultValue = "5000") int maxSubscribers,
                       @ConfigProperty(name = "herald.topics.max", defaultValue = "10000") int maxTopics,
                       @ConfigProperty(name = "herald.topics.idle-ms", defaultValue = "600000") long topicIdleMs) {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("herald.history.max-events must be 0 (no history) or more");
        }
        this.history = new HistoryLimits(maxEvents, Settings.positive("herald.history.max-age-ms", maxAgeMs),
                Settings.positive("herald.history.max-bytes", maxBytes),
                Settings.positive("herald.history.total-bytes", totalBytes));
        this.subscriber = new Subscriber.Limits(Settings.positive("herald.subscriber.queue-size", queueLimit),
                Settings.positive("herald.subscriber.queue-bytes", queueBytes),
                Settings.positive("herald.heartbeat.interval-ms", heartbeatMs),
                Settings.positive("herald.subscriber.stall-timeout-ms", stallTimeoutMs));
        this.pendingBytes = Settings.positive("herald.stream.pending-bytes", pendingBytes);
        this.maxSubscribers = Settings.positive("herald.subscribers.max", maxSubscribers);
        this.maxTopics = Settings.positive("herald.topics.max", maxTopics);
        this.topicIdleMs = Settings.positive("herald.topics.idle-ms", topicIdleMs);
    }

    /** What the memory broker keeps (and Redis, of {@code max-events} and {@code max-age-ms}). */
    public HistoryLimits history() {
        return history;
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
