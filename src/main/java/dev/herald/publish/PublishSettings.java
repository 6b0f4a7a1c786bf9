package dev.herald.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;

/** The bounds of a publish (its data, how long its body may take, how many bodies are read at once), read once. */
@ApplicationScoped
public class PublishSettings {

    static final Setting MAX_DATA_BYTES = Setting.of("herald.publish.max-data-bytes", "65536");
    static final Setting BODY_TIMEOUT_MS = Setting.of("herald.publish.body-timeout-ms", "5000");
    static final Setting MAX_CONCURRENT_READS = Setting.of("herald.publish.max-concurrent-reads", "16");

    private int maxDataBytes;
    private long bodyTimeoutMs;
    private int maxConcurrentReads;

    protected PublishSettings() {
        // for the CDI proxy
    }

    @Inject
    public PublishSettings(Config config) {
        Settings settings = Settings.of(config);
        maxDataBytes = settings.positiveInteger(MAX_DATA_BYTES);
        bodyTimeoutMs = settings.positive(BODY_TIMEOUT_MS);
        maxConcurrentReads = settings.positiveInteger(MAX_CONCURRENT_READS);
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    int maxDataBytes() {
        return maxDataBytes;
    }

    long bodyTimeoutMs() {
        return bodyTimeoutMs;
    }

    int maxConcurrentReads() {
        return maxConcurrentReads;
    }
}
