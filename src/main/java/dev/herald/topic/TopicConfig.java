package dev.herald.topic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.config.Settings;

/** The bounds that keep every topic's memory finite, whatever publishers and subscribers do. */
@ApplicationScoped
public class TopicConfig {

    private History.Limits history;
    private int queueLimit;
    private int maxSubscribers;
    private int maxTopics;

    protected TopicConfig() {
        // for the CDI proxy
    }

    @Inject
    public TopicConfig(@ConfigProperty(name = "herald.history.max-events", defaultValue = "1000") int maxEvents,
                       @ConfigProperty(name = "herald.history.max-age-ms", defaultValue = "3600000") long maxAgeMs,
                       @ConfigProperty(name = "herald.history.max-bytes", defaultValue = "4194304") long maxBytes,
                       @ConfigProperty(name = "herald.subscriber.queue-size", defaultValue = "1000") int queueLimit,
                       @ConfigProperty(name = "herald.subscribers.max", defaultValue = "10000") int maxSubscribers,
                       @ConfigProperty(name = "herald.topics.max", defaultValue = "10000") int maxTopics) {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("herald.history.max-events must be 0 (no history) or more");
        }
        this.history = new History.Limits(maxEvents, Settings.positive("herald.history.max-age-ms", maxAgeMs),
                Settings.positive("herald.history.max-bytes", maxBytes));
        this.queueLimit = Settings.positive("herald.subscriber.queue-size", queueLimit);
        this.maxSubscribers = Settings.positive("herald.subscribers.max", maxSubscribers);
        this.maxTopics = Settings.positive("herald.topics.max", maxTopics);
    }

    History.Limits history() {
        return history;
    }

    int queueLimit() {
        return queueLimit;
    }

    int maxSubscribers() {
        return maxSubscribers;
    }

    int maxTopics() {
        return maxTopics;
    }
}
