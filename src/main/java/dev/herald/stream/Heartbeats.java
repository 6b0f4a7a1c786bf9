package dev.herald.stream;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.herald.threads.Scheduler;
import dev.herald.topic.TopicRegistry;
import dev.herald.topic.TopicSettings;

/**
 * Makes sure no open stream goes {@code herald.heartbeat.interval-ms} without a write: every half interval, each
 * stream that has been idle that long gets a comment (busy streams get none). Proxies and load balancers close
 * connections that stay idle (nginx: 60 s), and where the container does not tell when a client closes its
 * connection (Open Liberty, HTTP/2; Payara's HTTP/1.1 does, see {@code dev.herald.server.PayaraConnection}) a
 * server only learns that a client is gone when a write fails, so this is also what releases such a stream, within
 * about two intervals (the first write to a closed connection usually still succeeds).
 */
@ApplicationScoped
public class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

    @Inject
    Scheduler scheduler;

    @Inject
    TopicRegistry topics;

    /** Reads and checks {@code herald.heartbeat.interval-ms}, which the subscribers' stall detection needs too. */
    @Inject
    TopicSettings settings;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        long interval = settings.heartbeatMs();
        scheduler.every(Math.max(1, interval / 2), "Heartbeats", this::beat);
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
