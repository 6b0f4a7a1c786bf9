package dev.herald.upstream.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.herald.support.FakeEventStream;
import dev.herald.support.FakeUpstreamIT;
import dev.herald.support.HeraldClient;
import dev.herald.support.RawStream;
import dev.herald.support.SseFrames;
import dev.herald.support.Waits;

/**
 * An upstream SSE stream relayed to a topic, observed end to end: the tests' upstream serves numbered events
 * and drops, fails or garbles its stream on purpose; subscribers read the relayed topic. The test configuration
 * (pom.xml) reconnects 200 ms after a break, times an attempt out after 500 ms and keeps the circuit open 2 s.
 */
class RelayIT extends FakeUpstreamIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String TOPIC = "it-relayed";
    private HeraldClient herald;
    private FakeEventStream source;

    @BeforeEach
    void relaying() {
        herald = new HeraldClient(deployment);
        source = upstream.stream();
        source.failing(false);
        Waits.atMost(BOUND).until(() -> "up".equals(herald.status(TOPIC).getString("upstream", null)));
    }

    @AfterEach
    void disconnect() {
        herald.close();
    }

    private RawStream subscribe() {
        RawStream stream = RawStream.open(herald.topic(TOPIC), "text/event-stream");
        stream.awaitText(body -> body.contains("event: subscribed"), BOUND);
        return stream;
    }

    private static List<String> names(String text) {
        return SseFrames.split(text).stream().map(frame -> SseFrames.field(frame, "event")).toList();
    }

    private static List<JsonObject> data(String text, String event) {
        return SseFrames.split(text).stream()
                .filter(frame -> event.equals(SseFrames.field(frame, "event")))
                .map(frame -> HeraldClient.json(SseFrames.field(frame, "data")))
                .toList();
    }

    /** The upstream ids of the relayed {@code price} events a subscriber saw. */
    private static List<Integer> relayedIds(String text) {
        return data(text, "price").stream().map(json -> Integer.parseInt(json.getString("upstreamId"))).toList();
    }

    private int emitPrices(int count) {
        int last = 0;
        for (int i = 0; i < count; i++) {
            last = source.emit("price", "{\"price\":" + i + "}");
        }
        return last;
    }

    @Test
    void everyUpstreamEventIsRelayedOnceInOrderAcrossBreaksResumingFromTheLastId() {
        try (RawStream subscriber = subscribe()) {
            int first = emitPrices(1);
            subscriber.awaitText(body -> relayedIds(body).contains(first), BOUND);
            int connectionsBefore = source.lastEventIds().size();

            List<Integer> idsBeforeBreaks = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                int lastBeforeBreak = emitPrices(20);
                idsBeforeBreaks.add(lastBeforeBreak);
                subscriber.awaitText(body -> relayedIds(body).contains(lastBeforeBreak), BOUND);
                source.dropConnections();
                emitPrices(5); // sent while the relay is away: it must ask for them with Last-Event-ID
            }
            int last = emitPrices(5);
            String text = subscriber.awaitText(body -> relayedIds(body).contains(last), BOUND);

            // (A new subscriber starts with the latest event relayed before it came: left out here.)
            List<Integer> relayed = relayedIds(text).stream().filter(id -> id >= first).toList();
            assertEquals(IntStream.rangeClosed(first, last).boxed().toList(), relayed,
                    "every upstream event once, in order");
            List<String> resumedWith = source.lastEventIds().subList(connectionsBefore, source.lastEventIds().size());
            for (int id : idsBeforeBreaks) {
                assertTrue(resumedWith.contains(String.valueOf(id)),
                        "a reconnect resumed after " + id + "; reconnects sent " + resumedWith);
            }
            assertFalse(subscriber.ended(), "upstream breaks never end a subscriber's stream");
            JsonObject sample = data(text, "price").get(0);
            assertEquals("it-relay", sample.getString("source"));
            assertEquals(0, sample.getJsonObject("data").getInt("price"));
        }
    }

    @Test
    void anUpstreamThatFailsIsToldAsDegradedThenRecoveredWhileStreamsStayOpen() {
        try (RawStream first = subscribe(); RawStream second = subscribe()) {
            source.failing(true);
            source.dropConnections();
            for (RawStream subscriber : List.of(first, second)) {
                String text = subscriber.awaitText(body -> names(body).contains("upstream-degraded"), BOUND);
                JsonObject problem = data(text, "upstream-degraded").get(0);
                String type = problem.getString("type");
                assertTrue(type.equals("urn:herald:problem:upstream-failed")
                        || type.equals("urn:herald:problem:upstream-circuit-open"), type);
                assertEquals("it-relay", problem.getString("source"));
                assertTrue(problem.getBoolean("retryable"));
                assertTrue(problem.getBoolean("stale"));
            }

            source.failing(false);
            Waits.atMost(BOUND).until(() -> "up".equals(herald.status(TOPIC).getString("upstream", null)));
            int fresh = emitPrices(1);
            for (RawStream subscriber : List.of(first, second)) {
                String text = subscriber.awaitText(body -> relayedIds(body).contains(fresh), BOUND);
                List<String> names = names(text);
                int degradedAt = names.indexOf("upstream-degraded");
                int recoveredAt = names.lastIndexOf("upstream-recovered");
                assertTrue(degradedAt > 0 && recoveredAt > degradedAt, names.toString());
                assertEquals("price", names.get(names.size() - 1), "fresh data after recovery");
                assertFalse(subscriber.ended());
            }
        }
    }

    @Test
    void malformedUpstreamEventsAreToldNeverRelayed() {
        try (RawStream subscriber = subscribe()) {
            source.emit("price", "{\"price\": 1, oops");
            source.emit("error", "{\"type\":\"fake\"}"); // an event name of Herald's own protocol
            int good = emitPrices(1);
            String text = subscriber.awaitText(body -> relayedIds(body).contains(good), BOUND);

            List<String> names = names(text);
            assertEquals(List.of("upstream-degraded", "upstream-recovered", "price"),
                    names.subList(names.indexOf("upstream-degraded"), names.size()));
            assertEquals("urn:herald:problem:upstream-malformed",
                    data(text, "upstream-degraded").get(0).getString("type"));
            assertEquals(good, relayedIds(text).get(relayedIds(text).size() - 1));
            assertFalse(names.contains("error"), "the upstream cannot speak Herald's protocol");
            assertFalse(subscriber.ended(), "an upstream's garbage never ends a subscriber's stream");
        }
    }

    @Test
    void aNewSubscriberStartsWithTheLatestRelayedEvent() {
        int latest;
        try (RawStream probe = subscribe()) {
            emitPrices(3);
            latest = emitPrices(1);
            probe.awaitText(body -> relayedIds(body).contains(latest), BOUND);
        }
        try (RawStream subscriber = subscribe()) {
            String text = subscriber.awaitText(body -> relayedIds(body).contains(latest), BOUND);
            assertEquals(List.of("subscribed", "price"), names(text));
        }
    }
}
