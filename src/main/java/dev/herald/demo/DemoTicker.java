package dev.herald.demo;

import static dev.herald.json.SharedJson.JSON;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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
    DemoSettings settings;

    private long tick;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (settings.enabled() && settings.intervalMs() > 0) {
            scheduler.every(settings.intervalMs(), "Demo tick", this::tick);
        }
    }

    private void tick() {
        tick++;
        publisher.publish(settings.topic(), "tick", JSON.createObjectBuilder()
                .add("tick", tick)
                .add("at", Instant.now().toString())
                .build());
    }
}
