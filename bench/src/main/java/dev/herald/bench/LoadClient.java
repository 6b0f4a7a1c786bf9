package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.HdrHistogram.Histogram;

/** The subscribers of one workload, spread over one or two {@link EventLoop}s. */
final class LoadClient implements AutoCloseable {

    private final List<EventLoop> loops = new ArrayList<>();
    final List<Subscription> subscriptions = new ArrayList<>();

    LoadClient(int selectorThreads, int maxConnectingPerLoop) {
        for (int i = 0; i < selectorThreads; i++) {
            loops.add(new EventLoop("sse-loop-" + i, maxConnectingPerLoop));
        }
    }

    Subscription subscribe(Target target, String topic, boolean slow) {
        Subscription s = new Subscription(target, topic, slow);
        EventLoop loop = loops.get(subscriptions.size() % loops.size());
        subscriptions.add(s);
        s.loop = loop;
        loop.add(s);
        return s;
    }

    /** Waits until every subscription has answered (open or failed); returns the number open. */
    long awaitOpen(long timeoutMillis) {
        awaitAll(s -> s.open || s.failures > 0, timeoutMillis);
        long open = subscriptions.stream().filter(s -> s.open).count();
        if (open < subscriptions.size()) {
            var statuses = subscriptions.stream().filter(s -> !s.open)
                    .collect(java.util.stream.Collectors.groupingBy(s -> s.lastStatus, java.util.stream.Collectors.counting()));
            System.out.println("  not open: " + statuses + " (by HTTP status, 0 = no answer)");
        }
        return open;
    }

    /** True when every subscription satisfied the condition before the timeout. */
    boolean awaitAll(Predicate<Subscription> condition, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (subscriptions.stream().allMatch(condition)) {
                return true;
            }
            sleep(20);
        }
        return subscriptions.stream().allMatch(condition);
    }

    void recording(boolean on) {
        loops.forEach(loop -> {
            loop.recordDueUntilNanos = Long.MAX_VALUE;
            loop.recording = on;
        });
    }

    /** Goes on recording only the events due before now: those still on their way when a window ends. */
    void recordDueBeforeNow() {
        long now = System.nanoTime();
        loops.forEach(loop -> loop.recordDueUntilNanos = now);
    }

    /** A copy of every loop's latencies merged, taken on the loops' own threads. */
    Histogram latencies() {
        Histogram merged = new Histogram(120_000_000L, 3);
        for (EventLoop loop : loops) {
            loop.call(() -> merged.add(loop.latencyMicros));
        }
        return merged;
    }

    void resetLatencies() {
        for (EventLoop loop : loops) {
            loop.call(loop.latencyMicros::reset);
        }
    }

    long delivered() {
        return loops.stream().mapToLong(loop -> loop.delivered).sum();
    }

    void dropAndReconnectAll() {
        loops.forEach(EventLoop::dropAndReconnect);
    }

    void setReading(Subscription s, boolean reading) {
        s.loop.setReading(s, reading);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        loops.forEach(EventLoop::shutdown);
    }
}
