package dev.herald.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Herald's own threads: named (for thread dumps) and daemon (never holding a server's JVM open).
 * <p>
 * Not Jakarta Concurrency's managed executors: Herald's tasks need no container context, every pool is shut down
 * with its application, and the servers need no concurrency feature for it.
 */
public final class NamedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    public NamedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
