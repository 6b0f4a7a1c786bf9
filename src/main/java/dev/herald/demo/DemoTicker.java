package dev.herald.demo;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.publish.TopicPublisher;
import dev.herald.threads.Scheduler;

/**
 * The built-in {@code demo} topic: a {@code tick} event every second, so that {@code curl -N} shows a live
 * stream right after start. Only with {@code herald.demo.enabled=true} (the dev profile of the run commands);
 * {@code herald.demo.interval-ms=0} stops the ticks.
 */
@ApplicationScoped
public class DemoTicker {

    @Inject
    Scheduler scheduler;

    @Inject
    TopicPublisher publisher;

    @Inject
    @ConfigProperty(name = "herald.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "herald.demo.topic", defaultValue = "demo")
    String topic;

    @Inject
    @ConfigProperty(name = "herald.demo.interval-ms", defaultValue = "1000")
    long intervalMs;

    private long tick;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (intervalMs < 0) {
            throw new IllegalArgumentException("herald.demo.interval-ms must be 0 (off) or positive, was " + intervalMs);
        }
        if (enabled && intervalMs > 0) {
            scheduler.every(intervalMs, "Demo tick", this::tick);
        }
    }

    private void tick() {
        tick++;
        publisher.publish(topic, "tick", Json.createObjectBuilder()
                .add("tick", tick)
                .add("at", Instant.now().toString())
                .build());
    }
}
