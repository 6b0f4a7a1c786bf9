package dev.herald.delivery;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.threads.NamedThreads;
import dev.herald.threads.Scheduler;

/**
 * The threads that write queued events to subscribers, so that publishers never wait on a client: two per core,
 * plus one for each write stuck on a client that stopped reading, up to {@code herald.stream.writer-threads}.
 */
@ApplicationScoped
public class StreamWriters {

    /** A write this long is taken for stuck (a client that stopped reading) and gets a thread added beside it. */
    private static final long STUCK_AFTER_MILLIS = 200;
    private static final long REBALANCE_EVERY_MILLIS = 100;

    @Inject
    DeliverySettings settings;

    @Inject
    Scheduler scheduler;

    private WriterPool pool;
    private ScheduledFuture<?> rebalancing;

    @PostConstruct
    void start() {
        int most = settings.writerThreads();
        int base = Math.min(most, 2 * Runtime.getRuntime().availableProcessors());
        pool = new WriterPool(base, most, STUCK_AFTER_MILLIS, new NamedThreads("herald-writer"));
        rebalancing = scheduler.every(REBALANCE_EVERY_MILLIS, "Sizing the writer threads", pool::rebalance);
    }

    public Executor executor() {
        return pool;
    }

    @PreDestroy
    void stop() {
        rebalancing.cancel(false);
        pool.shutdown();
    }
}
