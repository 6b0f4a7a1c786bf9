package dev.herald.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes at a fixed rate whatever the server does (open model): event i is due at {@code start + i/rate}, is
 * stamped with that due time, and is sent without waiting for earlier answers. Topics take turns; each topic
 * counts its own {@code seq} from 1.
 */
final class Publisher implements AutoCloseable {

    private final Target target;
    private final List<String> topics;
    private volatile long periodNanos;
    private final int payloadBytes;
    private final long[] lastSeq;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "publisher-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** The seqs of the first topic whose publish failed: never delivered, so not lost by the server. */
    private final java.util.Set<Long> failedSeqs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean running;
    private volatile long lateNanosMax;
    private Thread thread;

    Publisher(Target target, List<String> topics, double ratePerSecond, int payloadBytes) {
        this.target = target;
        this.topics = topics;
        this.periodNanos = (long) (1_000_000_000L / ratePerSecond);
        this.payloadBytes = payloadBytes;
        this.lastSeq = new long[topics.size()];
    }

    void start() {
        running = true;
        thread = new Thread(this::publishLoop, "publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private void publishLoop() {
        long due = System.nanoTime();
        for (long i = 0; running; i++) {
            due += periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0 && running) {
                LockSupport.parkNanos(wait);
            }
            if (!running) {
                break;
            }
            lateNanosMax = Math.max(lateNanosMax, -wait);
            int topic = (int) (i % topics.size());
            long seq;
            synchronized (lastSeq) {
                seq = ++lastSeq[topic];
            }
            send(topic, seq, Payload.of(seq, due, payloadBytes));
        }
    }

    /** Changes the rate from the next event on (the schedule stays open-model). */
    void rate(double ratePerSecond) {
        periodNanos = (long) (1_000_000_000L / ratePerSecond);
    }

    /** Sends one event now and waits for the answer (used to publish outside the timed loop). */
    void sendOne(int topicIndex) {
        long seq;
        synchronized (lastSeq) {
            seq = ++lastSeq[topicIndex];
        }
        send(topicIndex, seq, Payload.of(seq, System.nanoTime(), payloadBytes));
    }

    private void send(int topicIndex, long seq, String payload) {
        HttpRequest request = HttpRequest.newBuilder(target.publishUri(topics.get(topicIndex)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-EventSource-Event", "bench")
                .POST(HttpRequest.BodyPublishers.ofString(target.publishBody(payload)))
                .build();
        inFlight.incrementAndGet();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.decrementAndGet();
            if (error == null && response.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
            } else {
                failed.incrementAndGet();
                if (topicIndex == 0) {
                    failedSeqs.add(seq);
                }
            }
        });
    }

    /** Stops publishing and waits (bounded) for the answers still due. */
    void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    long lastSeq(int topicIndex) {
        synchronized (lastSeq) {
            return lastSeq[topicIndex];
        }
    }

    long published() {
        synchronized (lastSeq) {
            long sum = 0;
            for (long seq : lastSeq) {
                sum += seq;
            }
            return sum;
        }
    }

    long accepted() {
        return accepted.get();
    }

    long failed() {
        return failed.get();
    }

    /** Whether the publish of {@code seq} to the first topic failed (refused, timed out, no answer). */
    boolean failed(long seq) {
        return failedSeqs.contains(seq);
    }

    /** Publishes of the first topic not answered yet. */
    long inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
    }
}
