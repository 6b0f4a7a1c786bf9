package dev.herald.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;

/**
 * Delivery's settings (the writer threads), read and checked once, at start-up. The subscribers' queue bounds are
 * the engine's ({@code topic.TopicSettings}), which hands them to each {@link Subscriber}.
 */
@ApplicationScoped
public class DeliverySettings {

    static final Setting WRITER_THREADS = Setting.of("herald.stream.writer-threads", "64");

    private int writerThreads;

    protected DeliverySettings() {
        // for the CDI proxy
    }

    @Inject
    public DeliverySettings(Config config) {
        writerThreads = Settings.of(config).positiveInteger(WRITER_THREADS);
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    /** The most threads writing to subscribers. */
    int writerThreads() {
        return writerThreads;
    }
}
