package dev.herald.cluster;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;

import dev.herald.support.HeraldClient;

/**
 * Publishes to one topic at a steady rate through the load balancer, one publish at a time, as an application would:
 * a publish that is not acknowledged ({@code 202}) — a node killed under it, a node stopping — is sent again, with the
 * same {@code Idempotency-Key}, so that one that was stored after all is not stored twice. Each acknowledged id is
 * kept; the refusals are counted.
 */
final class SteadyPublisher implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI events;
    private final long intervalMillis;
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private SteadyPublisher(URL balancer, String topic, int perSecond) {
        this.events = URI.create(balancer + "api/topics/" + topic + "/events");
        this.intervalMillis = 1000 / perSecond;
        this.thread = new Thread(this::run, "steady-publisher " + topic);
    }

    static SteadyPublisher start(URL balancer, String topic, int perSecond) {
        SteadyPublisher publisher = new SteadyPublisher(balancer, topic, perSecond);
        publisher.thread.start();
        return publisher;
    }

    private void run() {
        int n = 0;
        while (running) {
            n++;
            while (running && !publish(n)) {
                refused.incrementAndGet();
                pause(200);
            }
            pause(intervalMillis);
        }
    }

    private boolean publish(int n) {
        String body = Json.createObjectBuilder().add("event", "step")
                .add("data", Json.createObjectBuilder().add("n", n)).build().toString();
        HttpRequest request = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").header("Idempotency-Key", "\"step-" + n + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 202) {
                return false;
            }
            acknowledged.add(HeraldClient.json(answer.body()).getString("id"));
            return true;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    int refused() {
        return refused.get();
    }

    /** Stops after the publish under way; returns the last acknowledged id, the topic's latest. */
    String stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return acknowledged.get(acknowledged.size() - 1);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
