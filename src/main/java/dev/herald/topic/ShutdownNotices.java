package dev.herald.topic;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import dev.herald.threads.NamedThreads;

/**
 * Writes every stream's {@code server-shutdown} notice at once rather than one after another: a client that
 * stopped reading can hold its write for up to the write timeout, and a thousand streams must not wait behind
 * it. What is not done within {@value #BOUND_MILLIS} ms is given up (those streams end without their notice).
 */
final class ShutdownNotices {

    private static final Logger LOG = Logger.getLogger(ShutdownNotices.class.getName());
    private static final int THREADS = 16;
    private static final long BOUND_MILLIS = 5_000;

    private ShutdownNotices() {
    }

    static void send(List<Runnable> notices) {
        if (notices.isEmpty()) {
            return;
        }
        ExecutorService writers = Executors.newFixedThreadPool(Math.min(THREADS, notices.size()),
                new NamedThreads("herald-shutdown"));
        try {
            notices.forEach(writers::execute);
            writers.shutdown();
            if (!writers.awaitTermination(BOUND_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "Shutdown notices not all written within " + BOUND_MILLIS + " ms; giving up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writers.shutdownNow();
        }
    }
}
