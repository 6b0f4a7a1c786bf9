package dev.herald.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;

/** Whether the demo runs (the dev profile), its topic and tick, read and checked once, at start-up. */
@ApplicationScoped
public class DemoSettings {

    static final Setting ENABLED = Setting.of("herald.demo.enabled", "false");
    static final Setting TOPIC = Setting.of("herald.demo.topic", "demo");
    static final Setting INTERVAL_MS = Setting.of("herald.demo.interval-ms", "1000");

    private boolean enabled;
    private String topic;
    private long intervalMs;

    protected DemoSettings() {
        // for the CDI proxy
    }

    @Inject
    public DemoSettings(Config config) {
        Settings settings = Settings.of(config);
        enabled = settings.flag(ENABLED);
        topic = settings.text(TOPIC);
        intervalMs = settings.atLeast(INTERVAL_MS, 0);
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    boolean enabled() {
        return enabled;
    }

    String topic() {
        return topic;
    }

    /** The demo tick; 0: no ticks. */
    long intervalMs() {
        return intervalMs;
    }
}
