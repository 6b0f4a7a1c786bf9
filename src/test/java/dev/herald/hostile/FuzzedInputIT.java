package dev.herald.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;


import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.support.Canary;
import dev.herald.support.EventStreamParser;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldIT;
import dev.herald.support.HostileText;
import dev.herald.support.JsonDocs;
import dev.herald.support.JsonDocs.Doc;
import dev.herald.support.RawStream;
import dev.herald.topic.EventId;
import dev.herald.topic.EventName;
import dev.herald.topic.TopicName;

/**
 * Issue 13, bad input tried hard, on a real server: a few hundred fuzzed topic names (percent-encoded in the
 * path), {@code Last-Event-ID} headers and {@code lastEventId} parameters, event names and publish bodies, drawn
 * with a fixed seed from the same hostile pieces and JSON documents as the property tests
 * ({@code -Dherald.fuzz.seed=...} for another). Every answer
 * is a success or the typed problem (an {@code error} event for a stream), never {@code internal-error}, never a
 * hang; a subscriber of the topic that gets the accepted publishes sees exactly one event per publish, with its
 * name, id and data; and a canary on another topic loses nothing.
 */
class FuzzedInputIT extends HeraldIT {

    private static final long SEED = Long.getLong("herald.fuzz.seed", 13_05L);
    private static final int SAMPLES = Integer.getInteger("herald.fuzz.samples", 300);
    /** herald.publish.max-data-bytes in the test configuration. */
    private static final int MAX_DATA_BYTES = 4096;
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService readers = Executors.newCachedThreadPool();

    /** What an accepted publish must look like on the subscriber's stream. */
    private record Published(String id, String event, JsonValue data) {
    }

    @Test
    void fuzzedInputGetsTypedAnswersAndInjectsNothing() throws Exception {
        Random random = new Random(SEED);
        String target = uniqueTopic();
        List<Published> published = new ArrayList<>();
        long start = System.nanoTime();
        try (Canary canary = Canary.on(herald.topic(uniqueTopic()));
             RawStream subscriber = RawStream.open(herald.topic(target), "text/event-stream")) {
            subscriber.awaitText(text -> text.contains("event: subscribed"), Duration.ofSeconds(20));
            canary.awaitProgress(3, Duration.ofSeconds(10));
            for (int i = 0; i < SAMPLES; i++) {
                switch (i % 4) {
                    case 0 -> stream(topic(random), null, null);
                    case 1 -> stream(uniqueTopic(), lastEventId(random), random.nextBoolean());
                    case 2 -> publish(target, eventName(random), JsonDocs.document(random), random)
                            .ifPresent(published::add);
                    default -> publish(topic(random), "fuzzed", JsonDocs.document(random), random);
                }
            }
            assertTrue(published.size() > 10, "some fuzzed publishes were accepted: " + published.size());
            String last = published.get(published.size() - 1).id();
            String text = subscriber.awaitText(body -> body.contains("id: " + last + "\n"), Duration.ofSeconds(20));
            EventStreamParser.Result read = EventStreamParser.parse(text);
            List<EventStreamParser.Event> events = read.events().stream()
                    .filter(event -> !event.type().equals("subscribed")).toList();
            assertEquals(published.size(), events.size(), "one event per accepted publish, nothing injected");
            for (int i = 0; i < events.size(); i++) {
                Published sent = published.get(i);
                EventStreamParser.Event got = events.get(i);
                assertEquals(sent.event(), got.type());
                assertEquals(sent.id(), got.lastEventId());
                assertTrue(JsonDocs.same(sent.data(), Json.createReader(new StringReader(got.data())).readValue()),
                        "the exact data of " + sent.id() + ": " + got.data());
            }
            assertEquals(read.fields().stream().filter(field -> field.name().equals("data")).count(),
                    (long) read.events().size(), "one data line per event");
            canary.assertIntact();
        } finally {
            readers.shutdownNow();
        }
        System.out.printf("FuzzedInputIT: seed %d, %d samples, %d publishes accepted, %d s%n", SEED, SAMPLES,
                published.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    private static String topic(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> "it-" + HostileText.name(random, false).substring(0, 1) + Long.toString(random.nextLong(), 36);
            case 2, 3 -> HostileText.name(random, false);
            case 4, 5, 6 -> HostileText.nearMiss(random, "it-" + HostileText.name(random, false));
            default -> JsonDocs.text(random);
        };
    }

    private static String lastEventId(Random random) {
        String epoch = Long.toString(Math.floorMod(random.nextLong(), 2_821_109_907_456L - 78_364_164_096L) + 78_364_164_096L, 36);
        String id = epoch + "-" + random.nextInt(1000);
        return switch (random.nextInt(4)) {
            case 0 -> id;
            case 1, 2 -> HostileText.nearMiss(random, id);
            default -> JsonDocs.text(random);
        };
    }

    private static String eventName(Random random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2, 3 -> HostileText.name(random, true);
            case 4, 5 -> HostileText.nearMiss(random, HostileText.name(random, true));
            case 6 -> List.of("error", "subscribed", "reset", "heartbeat").get(random.nextInt(4));
            default -> JsonDocs.text(random);
        };
    }

    private URI topicUri(String topic) {
        return herald.api().resolve("topics/" + URLEncoder.encode(topic, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Whether Herald must take the name as it is (servers may rewrite paths with '/', ';', dots, '\\'...). */
    private static Boolean validTopic(String topic) {
        try {
            TopicName.of(topic);
            return true;
        } catch (HeraldException e) {
            return topic.isEmpty() || topic.matches(".*[/;\\\\%?#].*") || topic.startsWith(".") ? null : false;
        }
    }

    /** Opens a stream; checks its first event is {@code subscribed} or the typed error, then closes it. */
    private void stream(String topic, String lastEventId, Boolean asHeader) throws Exception {
        URI uri = topicUri(topic);
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Accept", "text/event-stream").GET()
                .timeout(ANSWER);
        String expectedId = null;
        if (lastEventId != null && asHeader) {
            String header = lastEventId.replaceAll("[^\\x20-\\x7e\\t]", "");
            request.header("Last-Event-ID", header);
            expectedId = header.strip();
        } else if (lastEventId != null) {
            uri = URI.create(uri + "?lastEventId=" + URLEncoder.encode(lastEventId, StandardCharsets.UTF_8));
            expectedId = HostileText.onWire(lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.uri(uri).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String what = "GET " + uri + (asHeader == Boolean.TRUE ? " Last-Event-ID: " + expectedId : "");
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("text/event-stream")) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            if (serverRefusesBeforeHerald(topic, response.statusCode(), contentType)) {
                return;
            }
            assertProblem(what, response.statusCode(), contentType, body, null);
            return;
        }
        assertEquals(200, response.statusCode(), what);
        EventStreamParser.Event first = readers.submit(() -> firstEvent(response.body()))
                .get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        response.body().close();
        Boolean valid = validTopic(topic);
        String expected = null;
        // the topic is checked first (AccessFilter), then the resume point
        if (valid == Boolean.FALSE) {
            expected = "invalid-topic";
        } else if (valid == Boolean.TRUE && topic.startsWith("sec-")) {
            expected = "unauthorized"; // the suite's protected topics; this client has no token
        } else if (valid == Boolean.TRUE && !topic.equals("demo") && !topic.startsWith("it-")) {
            expected = "unknown-topic";
        } else if (valid == Boolean.TRUE && lastEventId != null) {
            // an empty id is no id (as EventSource sends none before its first event)
            expected = expectedId.isEmpty() || parses(expectedId) ? "subscribed" : "invalid-last-event-id";
        } else if (valid == Boolean.TRUE) {
            expected = "subscribed";
        }
        if (first.type().equals("subscribed")) {
            assertTrue(expected == null || expected.equals("subscribed"), what + ": subscribed, expected " + expected);
        } else {
            assertEquals("error", first.type(), what);
            JsonObject problem = HeraldClient.json(first.data());
            assertProblemDocument(what, problem, problem.getInt("status"),
                    expected == null || expected.equals("subscribed") && problem.getString("type")
                            .endsWith("too-many-topics") ? null : expected);
        }
    }

    /**
     * Payara's HTTP layer (Grizzly) answers a bare {@code 400} for some encoded characters in a path ({@code %00},
     * control characters, {@code %5C}) before any application code runs: Herald cannot type that answer. Only for
     * a name Herald would refuse too.
     */
    private static boolean serverRefusesBeforeHerald(String topic, int status, String contentType) {
        return validTopic(topic) != Boolean.TRUE && status == 400
                && !contentType.startsWith("application/problem+json");
    }

    private static boolean parses(String id) {
        try {
            EventId.parse(id);
            return true;
        } catch (HeraldException e) {
            return false;
        }
    }

    private static EventStreamParser.Event firstEvent(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            bytes.write(chunk, 0, n);
            List<EventStreamParser.Event> events = EventStreamParser.parse(bytes.toByteArray()).events();
            if (!events.isEmpty()) {
                return events.get(0);
            }
        }
        throw new AssertionError("the stream ended without an event: " + bytes);
    }

    /** Publishes; returns what the subscriber must see when it was accepted. */
    private java.util.Optional<Published> publish(String topic, String event, Doc data, Random random)
            throws Exception {
        String body = "{\"event\":" + JsonDocs.quote(event, random.nextInt(4) == 0) + ",\"data\":" + data.text() + "}";
        URI uri = URI.create(topicUri(topic) + "/events");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(ANSWER)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String what = "POST " + uri + " " + body;
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        Boolean valid = validTopic(topic);
        String bodyProblem = null;
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES + 1024) {
            bodyProblem = "payload-too-large";
        } else if (!data.acceptable() || data.depth() + 1 > JsonDocs.MAX_DEPTH || JsonDocs.hasUnpairedSurrogate(event)) {
            bodyProblem = "malformed-json";
        } else if (!EventName.acceptable(event)) {
            bodyProblem = "invalid-event";
        } else if (data.model().toString().getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            bodyProblem = "payload-too-large";
        }
        // the topic is checked first (AccessFilter, before any byte of the body is read), then the body; a name the
        // server may rewrite (valid == null) may be refused for its name or its body, never accepted with a bad body
        String expected = bodyProblem;
        if (valid == null) {
            expected = null;
        } else if (valid == Boolean.FALSE) {
            expected = "invalid-topic";
        } else if (topic.startsWith("sec-")) {
            expected = "unauthorized"; // the suite's protected topics; this client has no token
        } else if (!topic.startsWith("it-") && !topic.equals("demo")) {
            expected = "unknown-topic";
        }
        if (serverRefusesBeforeHerald(topic, response.statusCode(), contentType)) {
            return java.util.Optional.empty();
        }
        if (response.statusCode() == 202) {
            assertEquals(null, expected, what + " was accepted");
            assertEquals(null, bodyProblem, what + " was accepted");
            JsonObject receipt = HeraldClient.json(response.body());
            return java.util.Optional.of(new Published(receipt.getString("id"), event, data.model()));
        }
        assertProblem(what, response.statusCode(), contentType, response.body(), expected);
        return java.util.Optional.empty();
    }

    private static void assertProblem(String what, int status, String contentType, String body, String slug) {
        assertEquals("application/problem+json", contentType.split(";")[0].strip(), what + " -> " + status + body);
        assertProblemDocument(what, HeraldClient.json(body), status, slug);
    }

    private static void assertProblemDocument(String what, JsonObject problem, int status, String slug) {
        String type = problem.getString("type");
        assertTrue(type.startsWith("urn:herald:problem:"), what + ": " + problem);
        assertNotEquals("urn:herald:problem:internal-error", type, what + ": " + problem);
        assertEquals(status, problem.getInt("status"), what + ": " + problem);
        if (slug != null) {
            assertEquals("urn:herald:problem:" + slug, type, what + ": " + problem);
        }
    }
}
