package dev.herald.stream;

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

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.config.Settings;
import dev.herald.topic.TopicRegistry;

/**
 * Writes a comment on every open stream at a fixed interval. Proxies and load balancers close connections that
 * stay idle (nginx: 60 s), and a server only learns that a client is gone when a write fails.
 */
@ApplicationScoped
public class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TopicRegistry topics;

    @Inject
    @ConfigProperty(name = "herald.heartbeat.interval-ms", defaultValue = "15000")
    long intervalMs;

    private ScheduledFuture<?> beating;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        long interval = Settings.positive("herald.heartbeat.interval-ms", intervalMs);
        beating = scheduler.scheduleAtFixedRate(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        for (var topic : topics.all()) {
            try {
                topic.heartbeat();
            } catch (RuntimeException e) {
                // One topic's trouble must not stop the heartbeats of the others (nor cancel the schedule).
                LOG.log(Level.WARNING, "Heartbeat on topic " + topic.name() + " failed", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (beating != null) {
            beating.cancel(false);
        }
    }
}
