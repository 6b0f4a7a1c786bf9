package dev.herald.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.herald.support.HeraldIT;
import dev.herald.support.RawStream;
import dev.herald.support.SseFrames;
import dev.herald.support.StalledReader;
import dev.herald.support.Waits;

/**
 * A subscriber that stops reading must not slow the others down nor grow the server's memory: it is closed
 * once it is {@code herald.subscriber.queue-size} events behind (100 in the test configuration).
 */
class SlowConsumerIT extends HeraldIT {

    private static final int EVENTS = 3000;
    /** Close to the 4096-byte data limit of the test configuration: the stalled client's buffers fill fast. */
    private static final String BULK = "x".repeat(3500);

    @Test
    void aStalledSubscriberIsClosedWhileAFastOneGetsEverything() throws Exception {
        String topic = uniqueTopic();
        try (RawStream fast = RawStream.open(herald.topic(topic), "text/event-stream");
             StalledReader stalled = new StalledReader(herald.topic(topic))) {
            Waits.atMost(Duration.ofSeconds(20)).until(() -> herald.subscribers(topic) == 2);

            ExecutorService publishers = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> published = IntStream.range(0, EVENTS)
                        .mapToObj(n -> publishers.submit(() -> herald.publish(topic, "bulk",
                                Json.createObjectBuilder().add("n", n).add("pad", BULK).build())))
                        .toList();
                for (Future<String> id : published) {
                    id.get(60, TimeUnit.SECONDS);
                }
            } finally {
                publishers.shutdownNow();
            }

            String text = fast.awaitText(body -> SseFrames.split(body).size() == EVENTS + 1, Duration.ofSeconds(60));
            List<String> sequences = SseFrames.split(text).stream().skip(1)
                    .map(frame -> SseFrames.field(frame, "id"))
                    .map(id -> id.substring(id.lastIndexOf('-') + 1))
                    .toList();
            assertEquals(IntStream.rangeClosed(1, EVENTS).mapToObj(String::valueOf).toList(), sequences,
                    "the fast subscriber got every event, in order, while the other one stalled");

            Waits.atMost(Duration.ofSeconds(30)).until(() -> herald.subscribers(topic) == 1);

            String received = stalled.drain(5000);
            int delivered = SseFrames.split(received.substring(received.indexOf("\r\n\r\n") + 4)).size();
            assertTrue(delivered < EVENTS, "the stalled subscriber was cut off, after " + delivered + " frames");
            if (received.contains("event: error")) {
                assertTrue(received.contains("urn:herald:problem:slow-consumer"), "a slow-consumer error");
                assertTrue(received.contains("\"retryable\":true"));
            }

            // The topic's counts say so too: one slow consumer, its queued events dropped, not the fast one's.
            JsonObject counts = herald.status(topic).getJsonObject("counts");
            assertEquals(EVENTS, counts.getInt("published"));
            assertEquals(1, counts.getJsonObject("errors").getInt("slow-consumer"), counts.toString());
            assertTrue(counts.getInt("dropped") > 0, counts.toString());
            assertTrue(counts.getInt("delivered") >= EVENTS, counts.toString());
        }
    }
}
