package dev.herald.threads;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs Herald's periodic work (heartbeats, upstream polls, the demo ticker), stopped with the application.
 * A few threads, so that an upstream call waiting for its timeout never holds up the heartbeats.
 */
@ApplicationScoped
public class Scheduler {

    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());

    private final ScheduledExecutorService executor =
            Executors.newScheduledThreadPool(4, new NamedThreads("herald-scheduler"));

    /**
     * Runs {@code task} every {@code intervalMs}. A failing run is logged and the schedule goes on:
     * an exception must not silently cancel the heartbeats.
     */
    public ScheduledFuture<?> every(long intervalMs, String what, Runnable task) {
        return executor.scheduleAtFixedRate(logged(what, task), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once, after {@code delayMs}; a failure is logged. */
    public ScheduledFuture<?> after(long delayMs, String what, Runnable task) {
        return executor.schedule(logged(what, task), delayMs, TimeUnit.MILLISECONDS);
    }

    private static Runnable logged(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, what + " failed", e);
            }
        };
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
