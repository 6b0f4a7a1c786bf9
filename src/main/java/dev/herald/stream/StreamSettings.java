package dev.herald.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;

/**
 * The stream endpoint's own settings (HTTP/2 reset bounds), read and checked once, at start-up. The heartbeat
 * interval and the per-stream limits belong to the engine ({@code topic.TopicSettings}).
 */
@ApplicationScoped
public class StreamSettings {

    static final Setting HTTP2_MAX_RESETS = Setting.of("herald.http2.max-resets", "100");
    static final Setting HTTP2_RESET_WINDOW_MS = Setting.of("herald.http2.reset-window-ms", "30000");

    private int maxResets;
    private long resetWindowMs;

    protected StreamSettings() {
        // for the CDI proxy
    }

    @Inject
    public StreamSettings(Config config) {
        Settings settings = Settings.of(config);
        maxResets = settings.positiveInteger(HTTP2_MAX_RESETS);
        resetWindowMs = settings.positive(HTTP2_RESET_WINDOW_MS);
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    int maxResets() {
        return maxResets;
    }

    long resetWindowMs() {
        return resetWindowMs;
    }
}
