package dev.herald.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that write to subscribers: a few while writes flow, one more for every write stuck on a client that
 * stopped reading, up to a limit.
 * <p>
 * JAX-RS sinks write with blocking I/O, so a client that stops reading holds a thread until the server's write
 * timeout: the others must not wait behind it. But dozens of threads taking turns on two cores cost more in
 * switches than the writes themselves (about 20 % fewer deliveries per second under overload on Payara with 64
 * threads than with 4). So the pool runs {@code base} threads and lets {@link #rebalance} add one for each write
 * busy longer than {@code stuckAfterMillis}; extra threads end once the stuck writes are over and they are idle.
 */
final class WriterPool extends ThreadPoolExecutor {

    private final int base;
    private final int limit;
    private final long stuckAfterNanos;
    private final Map<Thread, Long> busySince = new ConcurrentHashMap<>();

    WriterPool(int base, int limit, long stuckAfterMillis, ThreadFactory threads) {
        super(base, limit, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        if (base < 1 || limit < base) {
            throw new IllegalArgumentException("writer threads: need 1 <= base (" + base + ") <= limit (" + limit + ")");
        }
        this.base = base;
        this.limit = limit;
        this.stuckAfterNanos = TimeUnit.MILLISECONDS.toNanos(stuckAfterMillis);
        allowCoreThreadTimeOut(true);
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        busySince.put(thread, System.nanoTime());
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        busySince.remove(Thread.currentThread());
    }

    /** Sizes the pool to {@code base} plus the writes stuck now; called periodically. */
    void rebalance() {
        long now = System.nanoTime();
        long stuck = busySince.values().stream().filter(since -> now - since > stuckAfterNanos).count();
        int wanted = (int) Math.min(limit, base + stuck);
        if (wanted != getCorePoolSize()) {
            setCorePoolSize(wanted);
        }
    }
}
