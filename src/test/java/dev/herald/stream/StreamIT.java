package dev.herald.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.herald.support.EventSubscription;
import dev.herald.support.EventSubscription.Received;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldIT;
import dev.herald.support.RawStream;
import dev.herald.support.SseFrames;
import dev.herald.support.Waits;

/** Subscribing and publishing on a real server, with the JAX-RS SseEventSource and a raw HTTP client. */
class StreamIT extends HeraldIT {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void everySubscriberReceivesEveryEventOnceInOrderAndOtherTopicsReceiveNone() {
        String orders = uniqueTopic();
        String prices = uniqueTopic();
        List<EventSubscription> subscribers = new ArrayList<>();
        try (EventSubscription other = EventSubscription.open(herald.topic(prices))) {
            for (int i = 0; i < 3; i++) {
                subscribers.add(EventSubscription.open(herald.topic(orders)));
            }
            List<String> ids = IntStream.range(0, 20)
                    .mapToObj(n -> herald.publish(orders, "order-updated", Json.createObjectBuilder().add("n", n).build()))
                    .toList();

            for (EventSubscription subscriber : subscribers) {
                List<Received> events = subscriber.awaitCount("order-updated", 20, BOUND);
                assertEquals(ids, events.stream().map(Received::id).toList(), "ids, in publish order, once each");
                assertEquals(IntStream.range(0, 20).boxed().toList(),
                        events.stream().map(event -> event.json().getInt("n")).toList());
            }
            herald.publish(prices, "price", Json.createValue(1));
            other.awaitCount("price", 1, BOUND);
            assertEquals(List.of("subscribed", "price"), other.all().stream().map(Received::name).toList(),
                    "a subscriber of another topic sees none of the first topic's events");
        } finally {
            subscribers.forEach(EventSubscription::close);
        }
    }

    @Test
    void idsCarryTheEpochAndGrowByOnePerEvent() {
        String topic = uniqueTopic();
        String first = herald.publish(topic, "step", Json.createValue("a"));
        String second = herald.publish(topic, "step", Json.createValue("b"));
        String epoch = first.substring(0, first.lastIndexOf('-'));
        assertTrue(epoch.matches("[0-9a-z]{8}"), "epoch: " + epoch);
        assertEquals(epoch + "-1", first);
        assertEquals(epoch + "-2", second);
        assertEquals(second, herald.status(topic).getString("lastEventId"));
    }

    /** A publisher that never got its answer sends the publish again with the same key: the event is stored once. */
    @Test
    void aPublishSentAgainWithItsIdempotencyKeyIsStoredOnce() throws Exception {
        String topic = uniqueTopic();
        try (EventSubscription subscriber = EventSubscription.open(herald.topic(topic))) {
            String first = publishWithKey(topic, "\"order-42-paid\"", 202).getString("id");
            assertEquals(first, publishWithKey(topic, "\"order-42-paid\"", 202).getString("id"), "the first id again");
            String other = publishWithKey(topic, "order-43-paid", 202).getString("id");
            assertEquals(first.substring(0, first.lastIndexOf('-') + 1) + "2", other);
            JsonObject refused = publishWithKey(topic, "\"\"", 400);
            assertEquals("urn:herald:problem:bad-request", refused.getString("type"));

            subscriber.awaitCount("paid", 2, BOUND);
            assertEquals(List.of(first, other), subscriber.named("paid").stream().map(Received::id).toList());
        }
    }

    private JsonObject publishWithKey(String topic, String key, int expectedStatus) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(herald.topic(topic) + "/events"))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"event\":\"paid\",\"data\":{\"order\":42}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, answer.statusCode(), answer.body());
        return HeraldClient.json(answer.body());
    }

    @Test
    void streamOpensWithRetryAndCarriesIdEventAndSingleLineData() {
        String topic = uniqueTopic();
        try (RawStream stream = RawStream.open(herald.topic(topic), "text/event-stream")) {
            assertEquals(200, stream.response().statusCode());
            assertEquals("text/event-stream", stream.response().headers().firstValue("Content-Type").orElseThrow());
            assertEquals("no-cache", stream.response().headers().firstValue("Cache-Control").orElseThrow());
            assertEquals("no", stream.response().headers().firstValue("X-Accel-Buffering").orElseThrow());
            stream.awaitText(text -> text.contains("\n\n"), BOUND);

            String id = herald.publish(topic, "order-updated", Json.createObjectBuilder().add("status", "paid").build());
            String text = stream.awaitText(body -> body.contains("paid"), BOUND);

            List<String> frames = SseFrames.split(text);
            assertEquals(2, frames.size(), text);
            assertEquals(List.of("event: subscribed", "retry: 3000",
                    "data: {\"topic\":\"" + topic + "\",\"currentId\":null,\"resumedAfter\":null}"), SseFrames.lines(frames.get(0)));
            assertEquals(List.of("event: order-updated", "id: " + id, "data: {\"status\":\"paid\"}"),
                    SseFrames.lines(frames.get(1)));
            assertTrue(!text.contains("\r"), "lines end with LF only");
        }
    }

    @Test
    void newlinesAndCarriageReturnsInAPayloadArriveIntactAndInjectNothing() {
        String topic = uniqueTopic();
        String hostile = "line1\nevent: error\ndata: {\"forged\":true}\r\n\r\nid: 999\rretry: 1\n\n";
        JsonObject payload = Json.createObjectBuilder().add("text", hostile).build();
        try (EventSubscription subscriber = EventSubscription.open(herald.topic(topic));
             RawStream raw = RawStream.open(herald.topic(topic), "text/event-stream")) {
            raw.awaitText(text -> text.contains("\n\n"), BOUND);
            String id = herald.publish(topic, "note", payload);

            Received received = subscriber.awaitCount("note", 1, BOUND).get(0);
            assertEquals(hostile, received.json().getString("text"));
            assertEquals(id, received.id());

            String text = raw.awaitText(body -> SseFrames.split(body).size() == 2, BOUND);
            List<String> lines = SseFrames.lines(SseFrames.split(text).get(1));
            assertEquals(3, lines.size(), "event, id and one data line: " + lines);
            assertEquals(payload, HeraldClient.json(lines.get(2).substring("data: ".length())));
            assertEquals(List.of("subscribed", "note"),
                    subscriber.all().stream().map(Received::name).toList(), "no forged error event");
        }
    }

    @Test
    void manySubscribersOnOneTopicEachGetEverything() {
        String topic = uniqueTopic();
        List<RawStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                streams.add(RawStream.open(herald.topic(topic), "text/event-stream"));
            }
            Waits.atMost(BOUND).until(() -> herald.subscribers(topic) == 40);
            for (int n = 0; n < 25; n++) {
                herald.publish(topic, "tick", Json.createValue(n));
            }
            for (RawStream stream : streams) {
                String text = stream.awaitText(body -> SseFrames.split(body).size() == 26, BOUND);
                List<String> ticks = SseFrames.split(text).stream().skip(1)
                        .map(frame -> SseFrames.field(frame, "data")).toList();
                assertEquals(IntStream.range(0, 25).mapToObj(String::valueOf).toList(), ticks);
            }
        } finally {
            streams.forEach(RawStream::close);
        }
    }

    @Test
    void subscribersThatDisconnectAreRemoved() {
        String topic = uniqueTopic();
        List<RawStream> streams = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            streams.add(RawStream.open(herald.topic(topic), "text/event-stream"));
        }
        Waits.atMost(BOUND).until(() -> herald.subscribers(topic) == 10);

        streams.forEach(RawStream::close);

        // No event is published: the heartbeat (1 s in the test configuration) must find the dead clients.
        // The first write after a client vanished usually still lands in the kernel (which answers with a
        // reset), the second one fails: two intervals, plus scheduling slack.
        Waits.atMost(Duration.ofMillis(3000)).until(() -> herald.subscribers(topic) == 0);
    }

    @Test
    void idleStreamsCarryHeartbeatComments() {
        String topic = uniqueTopic();
        try (RawStream stream = RawStream.open(herald.topic(topic), "text/event-stream")) {
            String text = stream.awaitText(body -> body.contains(": heartbeat\n"), Duration.ofSeconds(5));
            assertTrue(SseFrames.split(text).size() >= 1);
        }
    }

    @Test
    void theDemoTopicTicksThroughTheInAppPublisher() {
        try (EventSubscription demo = EventSubscription.open(herald.topic("demo"))) {
            List<Received> ticks = demo.awaitCount("tick", 2, BOUND);
            JsonObject first = ticks.get(0).json();
            JsonObject second = ticks.get(1).json();
            assertEquals(first.getInt("tick") + 1, second.getInt("tick"));
            long firstSequence = Long.parseLong(ticks.get(0).id().substring(ticks.get(0).id().lastIndexOf('-') + 1));
            assertEquals(ticks.get(0).id().substring(0, ticks.get(0).id().lastIndexOf('-') + 1) + (firstSequence + 1),
                    ticks.get(1).id());
        }
    }

    @Test
    void aClientThatAcceptsAnythingGetsTheStatusAndOnlyAStreamWhenItAsks() {
        String topic = uniqueTopic();
        herald.publish(topic, "tick", Json.createValue(1));
        for (int i = 0; i < 5; i++) {
            try (RawStream anything = RawStream.open(herald.topic(topic), "*/*")) {
                String text = anything.awaitEnd(BOUND);
                assertTrue(anything.response().headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/json"), text);
                assertEquals(topic, HeraldClient.json(text).getString("topic"));
            }
        }
    }
}
