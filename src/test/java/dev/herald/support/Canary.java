package dev.herald.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;

/**
 * A well-behaved client that goes on while a test attacks the server: one subscriber on a topic of its own (a
 * raw stream that never reconnects, so any cut shows) and one publisher sending to it every
 * {@value #PERIOD_MILLIS} ms. It must receive every acknowledged event exactly once and in order, and none of its
 * publishes may fail, whatever the attack.
 */
public final class Canary implements AutoCloseable {

    private static final long PERIOD_MILLIS = 50;

    private final URI topic;
    private final RawStream stream;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "canary-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Long> latenciesMillis = new CopyOnWriteArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();

    private Canary(URI topic) {
        this.topic = topic;
        this.stream = RawStream.open(topic, "text/event-stream");
        stream.awaitText(text -> text.contains("event: subscribed"), Duration.ofSeconds(20));
        publisher.scheduleWithFixedDelay(this::publishOne, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts a canary on {@code topic} (a topic URI of the server under attack). */
    public static Canary on(URI topic) {
        return new Canary(topic);
    }

    private void publishOne() {
        int n = sent.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(topic + "/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"canary\",\"data\":{\"n\":" + n + "}}"))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            latenciesMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            if (response.statusCode() == 202) {
                JsonObject receipt = HeraldClient.json(response.body());
                acknowledged.add(receipt.getString("id"));
            } else {
                failures.add("publish " + n + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (Exception e) {
            failures.add("publish " + n + " failed: " + e);
        }
    }

    /** How many publishes were acknowledged so far. */
    public int acknowledged() {
        return acknowledged.size();
    }

    /** The slowest publish so far, in ms (a sign of starved request threads). */
    public long slowestPublishMillis() {
        return latenciesMillis.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Waits until at least {@code more} further events were acknowledged: the canary is still going. */
    public void awaitProgress(int more, Duration bound) {
        int target = acknowledged() + more;
        Waits.atMost(bound).until(() -> acknowledged() >= target);
    }

    /**
     * Stops publishing, waits for the stream to catch up, and checks it holds every acknowledged event exactly
     * once, in order, and nothing else that the canary did not publish.
     */
    public void assertIntact() {
        assertIntact(failure -> false);
    }

    /**
     * The same, but publishes refused in a way {@code tolerated} accepts (e.g. a retryable {@code server-busy}
     * while an attack holds every read slot) do not count as failures; they were never acknowledged.
     */
    public void assertIntact(java.util.function.Predicate<String> tolerated) {
        failures.removeIf(tolerated);
        publisher.shutdown();
        try {
            publisher.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(failures.isEmpty(), "the canary's publishes all succeeded: " + failures);
        List<String> expected = List.copyOf(acknowledged);
        assertTrue(expected.size() > 0, "the canary published something");
        String last = expected.get(expected.size() - 1);
        String text = stream.awaitText(body -> body.contains("id: " + last + "\n"), Duration.ofSeconds(30));
        List<String> frames = SseFrames.split(text);
        List<String> received = frames.stream()
                .filter(frame -> frame.contains("event: canary"))
                .map(frame -> SseFrames.field(frame, "id"))
                .toList();
        assertEquals(expected, received, "the canary received every acknowledged event once, in order");
        assertTrue(frames.stream().noneMatch(frame -> frame.contains("event: error")),
                "the canary's stream carried no error: " + text);
        assertTrue(!stream.ended(), "the canary's stream is still open");
    }

    @Override
    public void close() {
        publisher.shutdownNow();
        stream.close();
    }
}
