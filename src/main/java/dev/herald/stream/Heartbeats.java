package dev.herald.stream;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.config.Settings;
import dev.herald.threads.Scheduler;
import dev.herald.topic.TopicRegistry;

/**
 * Writes a comment on every open stream at a fixed interval. Proxies and load balancers close connections that
 * stay idle (nginx: 60 s), and a server only learns that a client is gone when a write fails.
 */
@ApplicationScoped
public class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

    @Inject
    Scheduler scheduler;

    @Inject
    TopicRegistry topics;

    @Inject
    @ConfigProperty(name = "herald.heartbeat.interval-ms", defaultValue = "15000")
    long intervalMs;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        scheduler.every(Settings.positive("herald.heartbeat.interval-ms", intervalMs), "Heartbeats", this::beat);
    }

    private void beat() {
        for (var topic : topics.all()) {
            try {
                topic.heartbeat();
            } catch (RuntimeException e) {
                // One topic's trouble must not keep the others from their heartbeat.
                LOG.log(Level.WARNING, "Heartbeat on topic " + topic.name() + " failed", e);
            }
        }
    }
}
