package dev.herald.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldIT;
import dev.herald.support.RawStream;
import dev.herald.support.SseFrames;

/**
 * Resuming with {@code Last-Event-ID}: nothing lost, nothing twice; and a typed {@code reset} when the history no
 * longer covers the id. The test configuration keeps 200 events of history (pom.xml).
 */
class ResumeIT extends HeraldIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int HISTORY = 200;

    /** The complete events after the opening {@code subscribed}, as (id, event, data) frames. */
    private static List<String> eventsAfterOpening(String text) {
        List<String> frames = SseFrames.split(text);
        assertEquals("subscribed", SseFrames.field(frames.get(0), "event"), text);
        return frames.subList(1, frames.size());
    }

    private RawStream resume(String topic, String lastEventId) {
        return RawStream.open(herald.topic(topic), "text/event-stream", Map.of("Last-Event-ID", lastEventId));
    }

    @Test
    void clientsThatDropAtRandomPointsSeeEveryEventExactlyOnceInOrder() throws Exception {
        for (int round = 0; round < 3; round++) {
            dropAndResumeWhilePublishing();
        }
    }

    private void dropAndResumeWhilePublishing() throws Exception {
        String topic = uniqueTopic();
        int total = 300;
        // Every client starts from this id, so none misses what is published before its first connection.
        String start = herald.publish(topic, "start", Json.createValue(0));
        List<String> published = new ArrayList<>();
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        try {
            Future<?> publishing = publisher.submit(() -> {
                for (int n = 0; n < total; n++) {
                    published.add(herald.publish(topic, "step", Json.createValue(n)));
                    if (n % 10 == 0) {
                        sleep(15);
                    }
                }
                return null;
            });
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<List<String>>> seen = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                seen.add(clients.submit(() -> readWithRandomDrops(topic, start, total)));
            }
            publishing.get(60, TimeUnit.SECONDS);
            for (Future<List<String>> ids : seen) {
                assertEquals(published, ids.get(90, TimeUnit.SECONDS), "every id once, in publish order");
            }
            clients.shutdownNow();
        } finally {
            publisher.shutdownNow();
        }
    }

    /** Reads a few events, drops the connection, resumes from the last id seen; until {@code total} are in. */
    private List<String> readWithRandomDrops(String topic, String start, int total) {
        List<String> ids = new ArrayList<>();
        int reconnects = 0;
        while (ids.size() < total) {
            int want = ThreadLocalRandom.current().nextInt(1, 40);
            int already = ids.size();
            RawStream stream = resume(topic, ids.isEmpty() ? start : ids.get(ids.size() - 1));
            try {
                int target = Math.min(total, already + want);
                String text = stream.awaitText(body -> SseFrames.split(body).size() - 1 >= target - already,
                        Duration.ofSeconds(30));
                for (String frame : eventsAfterOpening(text)) {
                    assertEquals("step", SseFrames.field(frame, "event"), "no reset while the history covers us");
                    ids.add(SseFrames.field(frame, "id"));
                }
            } finally {
                stream.close();
            }
            reconnects++;
        }
        assertTrue(reconnects > 3, "the client really dropped and resumed: " + reconnects);
        return ids;
    }

    @Test
    void anUpToDateClientGetsNoReplayThenLiveEvents() {
        String topic = uniqueTopic();
        String last = herald.publish(topic, "step", Json.createValue(1));
        try (RawStream stream = resume(topic, last)) {
            stream.awaitText(text -> SseFrames.split(text).size() == 1, BOUND);
            String next = herald.publish(topic, "step", Json.createValue(2));
            List<String> events = eventsAfterOpening(stream.awaitText(t -> SseFrames.split(t).size() == 2, BOUND));
            assertEquals(List.of(next), events.stream().map(frame -> SseFrames.field(frame, "id")).toList());
        }
    }

    @Test
    void subscribedNamesTheTopicsPositionAndWhereTheReplayStartsNeverAsTheClientsOwnId() {
        String topic = uniqueTopic();
        try (RawStream fresh = RawStream.open(herald.topic(topic), "text/event-stream")) {
            JsonObject opening = subscribed(fresh.awaitText(t -> SseFrames.split(t).size() == 1, BOUND));
            assertTrue(opening.isNull("currentId"), "a topic without events: " + opening);
            assertTrue(opening.isNull("resumedAfter"), "a fresh stream replays nothing: " + opening);
            assertTrue(!opening.containsKey("lastEventId"), "no field a client could take for its own id");
        }
        String first = herald.publish(topic, "step", Json.createValue(1));
        String latest = herald.publish(topic, "step", Json.createValue(2));
        try (RawStream resumed = resume(topic, first)) {
            JsonObject opening = subscribed(resumed.awaitText(t -> SseFrames.split(t).size() == 2, BOUND));
            assertEquals(latest, opening.getString("currentId"), "the topic's latest event");
            assertEquals(first, opening.getString("resumedAfter"), "the client's own id, where the replay starts");
        }
    }

    private static JsonObject subscribed(String text) {
        String opening = SseFrames.split(text).get(0);
        assertEquals("subscribed", SseFrames.field(opening, "event"));
        return HeraldClient.json(SseFrames.field(opening, "data"));
    }

    @Test
    void theQueryParameterResumesForBrowsersAndTheHeaderWins() {
        String topic = uniqueTopic();
        String first = herald.publish(topic, "step", Json.createValue(1));
        String second = herald.publish(topic, "step", Json.createValue(2));
        String third = herald.publish(topic, "step", Json.createValue(3));
        URI byQuery = URI.create(herald.topic(topic) + "?lastEventId=" + first);
        try (RawStream stream = RawStream.open(byQuery, "text/event-stream")) {
            List<String> events = eventsAfterOpening(stream.awaitText(t -> SseFrames.split(t).size() == 3, BOUND));
            assertEquals(List.of(second, third), events.stream().map(f -> SseFrames.field(f, "id")).toList());
        }
        try (RawStream stream = RawStream.open(byQuery, "text/event-stream", Map.of("Last-Event-ID", second))) {
            List<String> events = eventsAfterOpening(stream.awaitText(t -> SseFrames.split(t).size() == 2, BOUND));
            assertEquals(List.of(third), events.stream().map(f -> SseFrames.field(f, "id")).toList());
        }
    }

    @Test
    void anEvictedIdGetsAResetNamingWhatWasLostThenTheLiveStream() {
        String topic = uniqueTopic();
        String first = herald.publish(topic, "step", Json.createValue(0));
        String current = first;
        for (int n = 1; n <= HISTORY + 50; n++) {
            current = herald.publish(topic, "step", Json.createValue(n));
        }
        try (RawStream stream = resume(topic, first)) {
            String reset = eventsAfterOpening(stream.awaitText(t -> SseFrames.split(t).size() == 2, BOUND)).get(0);
            assertEquals("reset", SseFrames.field(reset, "event"));
            assertEquals(current, SseFrames.field(reset, "id"), "the client's last id moves to now");
            JsonObject data = HeraldClient.json(SseFrames.field(reset, "data"));
            assertEquals("evicted", data.getString("reason"));
            assertEquals(first, data.getString("lastEventId"));
            assertEquals(current, data.getString("currentId"));
            assertEquals(50, data.getInt("lost"), "events 2..51 are gone; 52..251 are still in the history");

            String live = herald.publish(topic, "step", Json.createValue("live"));
            List<String> events = eventsAfterOpening(stream.awaitText(t -> SseFrames.split(t).size() == 3, BOUND));
            assertEquals(live, SseFrames.field(events.get(1), "id"));
        }
    }

    @Test
    void anIdFromAnotherEpochOrAheadOfTheTopicGetsAReset() {
        String topic = uniqueTopic();
        String current = herald.publish(topic, "step", Json.createValue(1));
        String epoch = current.substring(0, current.indexOf('-'));
        String otherEpoch = epoch.equals("zzzzzzzz") ? "yyyyyyyy" : "zzzzzzzz";
        assertReset(topic, otherEpoch + "-1", "epoch-changed", current);
        assertReset(topic, epoch + "-99", "unknown-id", current);
    }

    private void assertReset(String topic, String lastEventId, String reason, String current) {
        try (RawStream stream = resume(topic, lastEventId)) {
            String reset = eventsAfterOpening(stream.awaitText(t -> SseFrames.split(t).size() == 2, BOUND)).get(0);
            assertEquals("reset", SseFrames.field(reset, "event"));
            assertEquals(current, SseFrames.field(reset, "id"));
            JsonObject data = HeraldClient.json(SseFrames.field(reset, "data"));
            assertEquals(reason, data.getString("reason"));
            assertTrue(data.isNull("lost"));
        }
    }

    @Test
    void aMalformedLastEventIdIsAFatalErrorEvent() {
        String topic = uniqueTopic();
        herald.publish(topic, "step", Json.createValue(1));
        for (String malformed : List.of("garbage", "abcdefgh-01", "ABCDEFGH-1", "abcdefgh--1", "abcdefgh-1-2",
                "abcdefgh-" + "9".repeat(19), "x".repeat(5000))) {
            try (RawStream stream = resume(topic, malformed)) {
                assertEquals(200, stream.response().statusCode());
                String text = stream.awaitEnd(BOUND);
                String error = SseFrames.split(text).get(0);
                assertEquals("error", SseFrames.field(error, "event"), text);
                JsonObject problem = HeraldClient.json(SseFrames.field(error, "data"));
                assertEquals("urn:herald:problem:invalid-last-event-id", problem.getString("type"));
                assertEquals(false, problem.getBoolean("retryable"));
            }
        }
        URI byQuery = URI.create(herald.topic(topic) + "?lastEventId=nonsense");
        try (RawStream stream = RawStream.open(byQuery, "text/event-stream")) {
            assertTrue(stream.awaitEnd(BOUND).contains("invalid-last-event-id"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // pacing the publisher, not waiting for a result
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
