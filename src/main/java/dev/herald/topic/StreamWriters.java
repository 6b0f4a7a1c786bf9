package dev.herald.topic;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.config.Settings;
import dev.herald.threads.NamedThreads;

/**
 * The threads that write queued events to subscribers, so that publishers never wait on a client.
 * <p>
 * JAX-RS sinks write with blocking I/O: a client that stops reading holds one writer thread until the
 * server's write timeout, never a publisher. Idle threads are let go.
 */
@ApplicationScoped
public class StreamWriters {

    @Inject
    @ConfigProperty(name = "herald.stream.writer-threads", defaultValue = "64")
    int size;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        int threadCount = Settings.positive("herald.stream.writer-threads", size);
        pool = new ThreadPoolExecutor(threadCount, threadCount, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedThreads("herald-writer"));
        pool.allowCoreThreadTimeOut(true);
    }

    Executor executor() {
        return pool;
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
