package dev.herald.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;

/** The {@code retry:} delays of streams and error events, read and checked once, when the application starts. */
@ApplicationScoped
public class RetrySettings {

    static final Setting BASE_MS = Setting.of("herald.retry.base-ms", "3000");
    static final Setting FATAL_MS = Setting.of("herald.retry.fatal-ms", "3600000");
    static final Setting SHUTDOWN_MS = Setting.of("herald.shutdown.retry-ms", "30000");
    static final Setting SHUTDOWN_SPREAD_MS = Setting.of("herald.shutdown.retry-spread-ms", "10000");

    private long baseMs;
    private long fatalMs;
    private long shutdownMs;
    private long shutdownSpreadMs;

    protected RetrySettings() {
        // for the CDI proxy
    }

    @Inject
    public RetrySettings(Config config) {
        Settings settings = Settings.of(config);
        baseMs = settings.positive(BASE_MS);
        fatalMs = settings.positive(FATAL_MS);
        shutdownMs = settings.positive(SHUTDOWN_MS);
        shutdownSpreadMs = settings.positive(SHUTDOWN_SPREAD_MS);
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    /** {@code retry:} when a stream opens and with retryable problems; also a refusal's {@code Retry-After}. */
    public long baseMs() {
        return baseMs;
    }

    public long fatalMs() {
        return fatalMs;
    }

    public long shutdownMs() {
        return shutdownMs;
    }

    public long shutdownSpreadMs() {
        return shutdownSpreadMs;
    }
}
