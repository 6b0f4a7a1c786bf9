package dev.herald.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.herald.hostile.RawHttp.Answer;
import dev.herald.support.Canary;
import dev.herald.support.HeraldIT;
import dev.herald.support.RawStream;
import dev.herald.support.Waits;

/**
 * Issue 11, the request side: each attack runs while a well-behaved canary subscribes and publishes, which must
 * lose nothing; after each, a fresh stream must still open within a second, and each refusal must be the exact
 * problem. Traffic goes only to the server under test.
 */
class InputAttacksIT extends HeraldIT {

    private static final Duration ANSWER = Duration.ofSeconds(5);
    /** HERALD_PUBLISH_MAX_DATA_BYTES in the test configuration, plus the envelope PublishResource allows. */
    private static final int MAX_BODY_BYTES = 4096 + 1024;
    /** herald.publish.max-concurrent-reads and herald.publish.body-timeout-ms by default. */
    private static final int READ_SLOTS = 16;
    /** herald.quota.body-reads-per-client's default. */
    private static final int READ_SLOTS_PER_CLIENT = 4;
    private static final Duration BODY_TIMEOUT = Duration.ofMillis(5000);

    private URI server() {
        return URI.create(deployment.toString());
    }

    private String eventsPath(String topic) {
        return herald.topic(topic).getRawPath() + "/events";
    }

    /** Runs {@code attack} with a canary going, then checks the canary and that a new stream opens at once. */
    private void underAttack(Consumer<String> attack) {
        underAttack(attack, failure -> false);
    }

    private void underAttack(Consumer<String> attack, java.util.function.Predicate<String> tolerated) {
        try (Canary canary = Canary.on(herald.topic(uniqueTopic()))) {
            canary.awaitProgress(3, Duration.ofSeconds(10));
            attack.accept(uniqueTopic());
            assertFreshStreamOpensWithinASecond();
            canary.awaitProgress(3, Duration.ofSeconds(10));
            canary.assertIntact(tolerated);
        }
    }

    private void assertFreshStreamOpensWithinASecond() {
        long start = System.nanoTime();
        try (RawStream stream = RawStream.open(herald.topic(uniqueTopic()), "text/event-stream")) {
            stream.awaitText(text -> text.contains("event: subscribed"), Duration.ofSeconds(1));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis <= Waits.scaled(Duration.ofSeconds(1)).toMillis(), "a fresh stream took " + millis + " ms");
    }

    private static void assertProblem(Answer answer, int status, String slug) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.headers().get("content-type").split(";")[0].strip());
        JsonObject problem = answer.json();
        assertEquals("urn:herald:problem:" + slug, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("detail").contains("Exception"), problem.getString("detail"));
    }

    /** One publish on its own connection. */
    private Answer publish(String topic, String contentType, String body, String... headers) {
        try (RawHttp http = RawHttp.connect(server())) {
            return http.send(http.post(eventsPath(topic), contentType, body, headers)).read(ANSWER);
        }
    }

    private static String event(String data) {
        return "{\"event\":\"x\",\"data\":" + data + "}";
    }

    @Test
    void hostileJsonIsMalformedNeverAnInternalError() {
        underAttack(topic -> {
            List<String> bodies = List.of(
                    event("[".repeat(1000) + "]".repeat(1000)),
                    event("{\"a\":".repeat(600) + "1" + "}".repeat(600)),
                    event("[".repeat(2000)),
                    event("9".repeat(4000)),
                    event("0." + "1".repeat(4000)),
                    event("1e" + "9".repeat(4000)),
                    "{\"event\":\"error\",\"event\":\"ok\",\"data\":1}",
                    event("{\"a\":{\"b\":1,\"b\":2}}"),
                    event("1") + " xyz",
                    event("1") + event("2"));
            for (String body : bodies) {
                for (String accept : List.of("application/json", "text/event-stream, application/json",
                        "text/event-stream")) {
                    assertProblem(publish(topic, "application/json", body, "Accept: " + accept), 400,
                            "malformed-json");
                }
            }
            JsonObject status = herald.status(topic);
            assertTrue(!status.containsKey("lastEventId") || status.isNull("lastEventId"), "nothing was published");
        });
    }

    @Test
    void publishesWithoutJsonContentTypeAreUnsupported() {
        underAttack(topic -> {
            String body = event("1");
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1")) {
                Answer answer = publish(topic, type, body);
                assertProblem(answer, 415, "unsupported-media-type");
                assertTrue(answer.closesConnection(), "its body was left unread");
            }
            try (RawHttp http = RawHttp.connect(server())) {
                String noType = http.head("POST", eventsPath(topic), "Content-Length: " + body.length()) + body;
                assertProblem(http.send(noType).read(ANSWER), 415, "unsupported-media-type");
            }
            assertEquals(202, publish(topic, "application/json; charset=utf-8", body).status());
        });
    }

    @Test
    void publishesAnswerProblemJsonWhateverTheirAccept() {
        underAttack(topic -> {
            for (String accept : List.of("text/event-stream", "text/event-stream, application/json", "text/html")) {
                assertProblem(publish(topic, "application/json", "{\"event\":", "Accept: " + accept), 400,
                        "malformed-json");
                assertProblem(publish(topic, "application/json", event("1").replace("\"x\"", "\"error\""),
                        "Accept: " + accept), 422, "invalid-event");
                assertProblem(publish(topic, "application/json", event("\"" + "a".repeat(MAX_BODY_BYTES) + "\""),
                        "Accept: " + accept), 413, "payload-too-large");
                Answer published = publish(topic, "application/json", event("1"), "Accept: " + accept);
                assertEquals(202, published.status(), published.body());
                assertEquals("application/json", published.headers().get("content-type").split(";")[0].strip());
            }
        });
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBody() {
        underAttack(topic -> {
            try (RawHttp http = RawHttp.connect(server())) {
                http.send(http.head("POST", eventsPath(topic), "Content-Type: application/json",
                        "Content-Length: 10000000", "Accept: text/event-stream"));
                Answer answer = http.read(Duration.ofSeconds(2));
                assertProblem(answer, 413, "payload-too-large");
                assertTrue(answer.closesConnection());
            }
        });
    }

    /**
     * Publishes sent back to back on one connection are answered one by one, in order, including those refused
     * after their body was read; nothing of a body is ever taken for the next request.
     */
    @Test
    void pipelinedPublishesAreAnsweredInOrder() {
        underAttack(topic -> {
            try (RawHttp http = RawHttp.connect(server())) {
                StringBuilder batch = new StringBuilder();
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    boolean invalid = i % 3 == 2;
                    batch.append(http.post(eventsPath(topic), "application/json",
                            invalid ? "{\"event\":\"error\",\"data\":" + i + "}"
                                    : "{\"event\":\"p\",\"data\":{\"n\":" + i + ",\"pad\":\"" + "é".repeat(i * 50)
                                    + "\"}}"));
                    expected.add(invalid ? 422 : 202);
                }
                http.send(batch.toString());
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < expected.size(); i++) {
                    Answer answer = http.read(ANSWER);
                    statuses.add(answer.status());
                    if (answer.status() == 202) {
                        assertEquals(topic, answer.json().getString("topic"));
                    }
                }
                assertEquals(expected, statuses);
            }
            // A refusal before the body closes the connection: what follows is not parsed as a request.
            try (RawHttp http = RawHttp.connect(server())) {
                String junk = "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n";
                http.send(http.post(eventsPath(topic), "text/plain", junk)
                        + http.post(eventsPath(topic), "application/json", event("1")));
                Answer refused = http.read(ANSWER);
                assertProblem(refused, 415, "unsupported-media-type");
                assertTrue(refused.closesConnection());
                assertTrue(http.closedWithin(Duration.ofSeconds(30)), "nothing more is answered");
            }
        });
    }

    /** A body that stops half-way is answered 408 once the server's read timeout passes; its thread is freed. */
    @Test
    void aSilentBodyTimesOut() {
        underAttack(topic -> {
            try (RawHttp http = RawHttp.connect(server())) {
                long start = System.nanoTime();
                http.send(http.head("POST", eventsPath(topic), "Content-Type: application/json",
                        "Content-Length: 100") + "{\"event\":");
                Answer answer = http.read(BODY_TIMEOUT.plusSeconds(3));
                assertProblem(answer, 408, "request-timeout");
                assertTrue(answer.closesConnection());
                assertEquals("3", answer.headers().get("retry-after"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < Waits.scaled(BODY_TIMEOUT.plusSeconds(2)).toMillis(), millis + " ms");
            }
        });
    }

    /**
     * 80 connections from one client (another loopback address) sending a publish body one byte a second (more
     * than Payara's 64 HTTP threads): at most {@value #READ_SLOTS_PER_CLIENT} are read, each until the body deadline;
     * the others are turned away at once with a retryable {@code server-busy}. The canary, another client, publishes
     * as usual meanwhile (its JDK client sends each body after the head, so each needs a read slot: one is free).
     * Across many clients {@value #READ_SLOTS} bodies are read at most at once.
     */
    @Test
    void tricklingBodiesCannotTakeEveryThread() throws Exception {
        underAttack(topic -> {
            ExecutorService attackers = Executors.newFixedThreadPool(80);
            try {
                List<Future<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    answers.add(attackers.submit(() -> trickle(topic)));
                }
                assertFreshStreamOpensWithinASecond();
                int busy = 0;
                int timedOut = 0;
                for (Future<Answer> future : answers) {
                    Answer answer = future.get();
                    if (answer.status() == 503) {
                        assertProblem(answer, 503, "server-busy");
                        assertTrue(answer.headers().containsKey("retry-after"));
                        busy++;
                    } else {
                        assertProblem(answer, 408, "request-timeout");
                        timedOut++;
                    }
                }
                assertTrue(timedOut <= READ_SLOTS_PER_CLIENT, timedOut + " bodies of one client were read at once");
                assertEquals(80, busy + timedOut);
                assertTrue(busy >= 80 - READ_SLOTS_PER_CLIENT, busy + " were turned away");
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                attackers.shutdownNow();
            }
        });
    }

    /** Sends one byte a second until answered; busy answers come at once, timeouts after the body deadline. */
    private Answer trickle(String topic) {
        try (RawHttp http = RawHttp.connectFrom("127.0.0.2", server())) {
            http.send(http.head("POST", eventsPath(topic), "Content-Type: application/json", "Content-Length: 200"));
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        http.send(" ");
                        Thread.sleep(1000);
                    }
                } catch (Exception stopped) {
                    // answered and closed, or the test is over
                }
            });
            sender.setDaemon(true);
            sender.start();
            try {
                return http.read(BODY_TIMEOUT.plusSeconds(5));
            } finally {
                sender.interrupt();
            }
        }
    }

    /** Request heads that stop half-way hold no thread, and the server drops them (Payara: its idle timeout). */
    @Test
    void halfSentHeadsAreDropped() {
        underAttack(topic -> {
            List<RawHttp> heads = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    RawHttp http = RawHttp.connect(server());
                    http.send("POST " + eventsPath(topic) + " HTTP/1.1\r\nHost: x\r\nContent-Type: app");
                    heads.add(http);
                }
                assertFreshStreamOpensWithinASecond();
                long start = System.nanoTime();
                for (RawHttp head : heads) {
                    long left = Waits.scaled(Duration.ofSeconds(30)).toMillis() - (System.nanoTime() - start) / 1_000_000;
                    assertTrue(head.closedWithin(Duration.ofMillis(Math.max(1, left))),
                            "a half-sent head was still held after 30 s");
                }
            } finally {
                heads.forEach(RawHttp::close);
            }
        });
    }
}
