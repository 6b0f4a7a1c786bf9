package dev.herald.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.herald.support.FakeUpstream.Fault;
import dev.herald.support.FakeUpstreamIT;
import dev.herald.support.HeraldClient;
import dev.herald.support.RawStream;
import dev.herald.support.SseFrames;
import dev.herald.support.Waits;

/**
 * Upstreams behind Fault Tolerance, observed end to end: a real HTTP upstream on loopback that fails on
 * purpose, Herald on a real server polling it, subscribers reading the typed events. The test configuration
 * (pom.xml) polls every 250 ms with a 500 ms timeout, and the circuit opens at half of 4 calls failing and
 * stays open 2 s.
 */
class UpstreamIT extends FakeUpstreamIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final long CIRCUIT_DELAY_MS = 2000;
    private HeraldClient herald;
    private URI health;
    private int version = 100;

    @BeforeEach
    void healthy() {
        herald = new HeraldClient(deployment);
        health = URI.create(deployment.toString()).resolve("/health/");
        upstream.serve(nextJson());
        // Two polls after the change: the one under way when it was made may have fetched the old JSON.
        int served = upstream.pollRequests();
        Waits.atMost(BOUND).until(() -> upstream.pollRequests() >= served + 2 && "up".equals(upstreamState()));
    }

    /** The upstream's state as the topic status reports it. */
    private String upstreamState() {
        return herald.status("it-upstream").getString("upstream", null);
    }

    private String nextJson() {
        return "{\"price\":" + (++version) + "}";
    }

    private JsonObject readiness() {
        return HeraldClient.json(get(health.resolve("ready")).body());
    }

    private JsonObject upstreamCheck() {
        return readiness().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "herald-upstreams".equals(check.getString("name"))).findFirst().orElseThrow();
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> events(String text) {
        return SseFrames.split(text).stream().map(frame -> SseFrames.field(frame, "event")).toList();
    }

    private static JsonObject lastData(String text, String event) {
        List<String> frames = SseFrames.split(text).stream()
                .filter(frame -> event.equals(SseFrames.field(frame, "event"))).toList();
        return HeraldClient.json(SseFrames.field(frames.get(frames.size() - 1), "data"));
    }

    @Test
    void aNewSubscriberGetsTheCurrentSnapshotFirstThenEveryChange() {
        String current = "{\"price\":" + version + "}";
        try (RawStream stream = RawStream.open(herald.topic("it-upstream"), "text/event-stream")) {
            String text = stream.awaitText(body -> SseFrames.split(body).size() >= 2, BOUND);
            assertEquals(List.of("subscribed", "snapshot"), events(text).subList(0, 2));
            JsonObject snapshot = lastData(text, "snapshot");
            assertEquals("it-poll", snapshot.getString("source"));
            assertEquals(HeraldClient.json(current), snapshot.getJsonObject("data"));

            String next = nextJson();
            upstream.serve(next);
            String changed = stream.awaitText(body -> body.contains(next.substring(1, next.length() - 1)), BOUND);
            assertEquals(HeraldClient.json(next), lastData(changed, "snapshot").getJsonObject("data"));
        }
    }

    @Test
    void everyFaultIsATypedEventWhileTheStreamStaysOpenAndRecoveryIsToldToo() {
        assertFaultToldAndMended(Fault.FAIL, Set.of("upstream-failed", "upstream-circuit-open"));
        assertFaultToldAndMended(Fault.HANG, Set.of("upstream-timeout", "upstream-circuit-open"));
        assertFaultToldAndMended(Fault.GARBAGE, Set.of("upstream-malformed", "upstream-circuit-open"));
        assertFaultToldAndMended(Fault.RESET, Set.of("upstream-failed", "upstream-circuit-open"));
    }

    private void assertFaultToldAndMended(Fault fault, Set<String> expectedTypes) {
        healthy();
        try (RawStream first = RawStream.open(herald.topic("it-upstream"), "text/event-stream");
             RawStream second = RawStream.open(herald.topic("it-upstream"), "text/event-stream")) {
            int streamNumber = 0;
            first.awaitText(body -> events(body).contains("snapshot"), BOUND);
            second.awaitText(body -> events(body).contains("snapshot"), BOUND);

            upstream.fail(fault);
            String degraded = first.awaitText(body -> events(body).contains("upstream-degraded"), BOUND);
            JsonObject problem = lastData(degraded, "upstream-degraded");
            String type = problem.getString("type").substring("urn:herald:problem:".length());
            assertTrue(expectedTypes.contains(type), fault + " told as " + type);
            assertEquals("it-poll", problem.getString("source"));
            assertTrue(problem.getBoolean("retryable"));
            assertTrue(problem.getBoolean("stale"));
            assertTrue(problem.getJsonNumber("retryAfterMs").longValue() > 0);

            String fresh = nextJson();
            upstream.serve(fresh);
            for (RawStream stream : List.of(first, second)) {
                String text = stream.awaitText(body -> body.contains(fresh.substring(1, fresh.length() - 1)), BOUND);
                List<String> events = events(text);
                int degradedAt = events.indexOf("upstream-degraded");
                int recoveredAt = events.lastIndexOf("upstream-recovered");
                streamNumber++;
                assertTrue(degradedAt > 0 && recoveredAt > degradedAt, fault + ", stream " + streamNumber + ": " + text);
                assertEquals("snapshot", events.get(events.size() - 1), "fresh data after recovery: " + events);
                assertFalse(stream.ended(), "an upstream fault never ends a subscriber's stream");
            }
        }
    }

    @Test
    void theCircuitOpensAfterFailuresAndHalfOpensAfterItsDelay() {
        upstream.fail(Fault.FAIL);
        Waits.atMost(BOUND).until(() -> "upstream-circuit-open".equals(upstreamState()));

        int whenOpened = upstream.pollRequests();
        // Open: the polls go on every 250 ms but none reaches the upstream...
        Awaitility.await().during(Duration.ofMillis(CIRCUIT_DELAY_MS / 2)).atMost(Duration.ofMillis(CIRCUIT_DELAY_MS))
                .until(() -> upstream.pollRequests() == whenOpened);
        // ...until the delay is over: half-open, one trial call goes through (and fails, so it opens again).
        Waits.atMost(Duration.ofMillis(CIRCUIT_DELAY_MS * 3)).until(() -> upstream.pollRequests() > whenOpened);

        upstream.serve(nextJson());
        Waits.atMost(BOUND).until(() -> "up".equals(upstreamState()));
    }

    @Test
    void readinessIsDownWhileTheCircuitIsOpenAndLivenessStaysUp() {
        upstream.fail(Fault.FAIL);
        Waits.atMost(BOUND).ignoreExceptions().until(() -> "DOWN".equals(readiness().getString("status")));
        assertEquals("upstream-circuit-open", upstreamCheck().getJsonObject("data").getString("it-poll"));
        assertEquals(200, get(health.resolve("live")).statusCode(), "liveness stays UP");
        assertEquals(503, get(health.resolve("ready")).statusCode());

        upstream.serve(nextJson());
        Waits.atMost(BOUND).ignoreExceptions().until(() -> "UP".equals(readiness().getString("status")));
    }

    @Test
    void aTopicFedByAnUpstreamRefusesPublishes() {
        try (var response = herald.post("it-upstream", "{\"event\":\"snapshot\",\"data\":{}}", "application/json")) {
            assertEquals(409, response.getStatus());
            assertEquals("urn:herald:problem:topic-fed-by-upstream",
                    HeraldClient.json(response.readEntity(String.class)).getString("type"));
        }
    }

    @Test
    void anUpstreamThatSaysNotFoundIsAFatalErrorForNewSubscribers() {
        try (RawStream stream = RawStream.open(herald.topic("it-missing"), "text/event-stream")) {
            String text = stream.awaitEnd(BOUND);
            JsonObject problem = lastData(text, "error");
            assertEquals("urn:herald:problem:upstream-not-found", problem.getString("type"));
            assertFalse(problem.getBoolean("retryable"));
        }
    }

    @Test
    void withTheCircuitOpenAndNoSnapshotNewSubscribersAreToldWhenToComeBack() {
        upstream.fail(Fault.FAIL);
        Waits.atMost(BOUND).until(() -> "upstream-circuit-open".equals(upstreamState()));
        try (RawStream stream = RawStream.open(herald.topic("it-cold"), "text/event-stream")) {
            String text = stream.awaitEnd(BOUND);
            assertEquals(List.of("error"), events(text));
            JsonObject problem = lastData(text, "error");
            assertEquals("urn:herald:problem:upstream-circuit-open", problem.getString("type"));
            assertTrue(problem.getBoolean("retryable"));
            assertEquals(CIRCUIT_DELAY_MS, problem.getJsonNumber("retryAfterMs").longValue());
            assertEquals("retry: " + CIRCUIT_DELAY_MS, text.strip().lines().findFirst().orElseThrow());
        }
    }
}
