package dev.herald.demo;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.publish.TopicPublisher;

/**
 * The built-in {@code demo} topic: a {@code tick} event every second, so that {@code curl -N} shows a live
 * stream right after start. {@code herald.demo.interval-ms=0} turns it off.
 */
@ApplicationScoped
public class DemoTicker {

    private static final Logger LOG = Logger.getLogger(DemoTicker.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TopicPublisher publisher;

    @Inject
    @ConfigProperty(name = "herald.demo.topic", defaultValue = "demo")
    String topic;

    @Inject
    @ConfigProperty(name = "herald.demo.interval-ms", defaultValue = "1000")
    long intervalMs;

    private ScheduledFuture<?> ticking;
    private long tick;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (intervalMs < 0) {
            throw new IllegalArgumentException("herald.demo.interval-ms must be 0 (off) or positive, was " + intervalMs);
        }
        if (intervalMs > 0) {
            ticking = scheduler.scheduleAtFixedRate(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            tick++;
            publisher.publish(topic, "tick", Json.createObjectBuilder()
                    .add("tick", tick)
                    .add("at", Instant.now().toString())
                    .build());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Demo tick failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
