package dev.herald.delivery;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads that write to subscribers: a few while writes flow, one more for every write stuck on a client that
 * stopped reading, up to a limit.
 * <p>
 * JAX-RS sinks write with blocking I/O, so a client that stops reading holds a thread until the server's write
 * timeout: the others must not wait behind it. But dozens of threads taking turns on two cores cost more in
 * switches than the writes themselves (about 20 % fewer deliveries per second under overload on Payara with 64
 * threads than with 4). So the pool runs {@code base} threads and lets {@link #rebalance} add one for each write
 * busy longer than {@code stuckAfterMillis}; extra threads end once the stuck writes are over and they are idle.
 * <p>
 * Writes wait in one queue that a few runners empty, rather than one executor task each: an event for a thousand
 * subscribers is a thousand writes, and handing each to a thread pool woke a parked thread for most of them (12 % of
 * the server's CPU in {@code LockSupport.unpark} under the topic's lock in a profile of the fan-out benchmark). A
 * runner takes the next write when it is done with one, so a stuck write holds its runner only.
 */
final class WriterPool implements Executor {

    private static final Logger LOG = Logger.getLogger(WriterPool.class.getName());

    private final ThreadPoolExecutor threads;
    private final int base;
    private final int limit;
    private final long stuckAfterNanos;
    private final Queue<Runnable> writes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger runners = new AtomicInteger();
    /** When the write each runner is in began. */
    private final Map<Thread, Long> busySince = new ConcurrentHashMap<>();

    WriterPool(int base, int limit, long stuckAfterMillis, ThreadFactory threadFactory) {
        if (base < 1 || limit < base) {
            throw new IllegalArgumentException(
                    "writer threads: need 1 <= base (" + base + ") <= limit (" + limit + ")");
        }
        this.threads = new ThreadPoolExecutor(base, limit, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threadFactory);
        threads.allowCoreThreadTimeOut(true);
        this.base = base;
        this.limit = limit;
        this.stuckAfterNanos = TimeUnit.MILLISECONDS.toNanos(stuckAfterMillis);
    }

    /** Queues a write; a runner takes it as soon as one is free. */
    @Override
    public void execute(Runnable write) {
        if (threads.isShutdown()) {
            throw new RejectedExecutionException("The writer threads are stopping");
        }
        writes.add(write);
        startRunnerIfRoom();
    }

    /** Starts a runner unless as many run as there may be threads; true if it started one. */
    private boolean startRunnerIfRoom() {
        while (runners.get() < threads.getCorePoolSize()) {
            if (claimRunner()) {
                try {
                    threads.execute(this::run);
                    return true;
                } catch (RejectedExecutionException stopping) {
                    runners.decrementAndGet();
                    return false;
                }
            }
        }
        return false;
    }

    private void run() {
        Thread runner = Thread.currentThread();
        do {
            Runnable write;
            while ((write = writes.poll()) != null) {
                busySince.put(runner, System.nanoTime());
                try {
                    write.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A write to a subscriber failed unexpectedly", e);
                } finally {
                    busySince.remove(runner);
                }
            }
            runners.decrementAndGet();
            // A write queued after the last poll, while this runner still counted, started no runner of its own.
        } while (!writes.isEmpty() && claimRunner());
    }

    /** Counts one more runner, if there is room for it; false when full or when another thread got there first. */
    private boolean claimRunner() {
        int running = runners.get();
        return running < threads.getCorePoolSize() && runners.compareAndSet(running, running + 1);
    }

    /** Sizes the pool to {@code base} plus the writes stuck now; called periodically. */
    void rebalance() {
        long now = System.nanoTime();
        long stuck = busySince.values().stream().filter(since -> now - since > stuckAfterNanos).count();
        int wanted = (int) Math.min(limit, base + stuck);
        if (wanted != threads.getCorePoolSize()) {
            threads.setCorePoolSize(wanted);
        }
        while (!writes.isEmpty() && startRunnerIfRoom()) {
            // a runner beside each stuck one, for the writes queued behind them
        }
    }

    /** The threads there may be now (for tests). */
    int getCorePoolSize() {
        return threads.getCorePoolSize();
    }

    /** The threads there are now (for tests). */
    int getPoolSize() {
        return threads.getPoolSize();
    }

    void shutdown() {
        threads.shutdown();
    }

    void shutdownNow() {
        threads.shutdownNow();
        writes.clear();
    }
}
