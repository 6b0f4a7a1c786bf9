package dev.herald.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Herald's own threads: named (for thread dumps) and daemon (never holding a server's JVM open).
 * <p>
 * Jakarta Concurrency's managed executors would be the first choice, but Open Liberty's {@code concurrent-3.0}
 * feature cannot be installed from the Maven Central these builds use; Herald's tasks need no container
 * context, and every pool is shut down with its application.
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
