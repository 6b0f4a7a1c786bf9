package dev.herald.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.herald.support.EventSubscription;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldIT;
import dev.herald.support.RawStream;

/**
 * The error protocol of the README, observed from outside: event-stream clients get a 200 stream holding one
 * {@code error} event and then the end of the stream; other clients get {@code application/problem+json}.
 */
class ErrorProtocolIT extends HeraldIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    /** herald.retry.fatal-ms and herald.retry.base-ms as configured by default. */
    private static final long FATAL_RETRY_MS = 3_600_000;
    /** HERALD_PUBLISH_MAX_DATA_BYTES in the test configuration (pom.xml). */
    private static final int MAX_DATA_BYTES = 4096;

    Client client;

    @BeforeEach
    void openRawClient() {
        client = ClientBuilder.newClient();
    }

    @AfterEach
    void closeRawClient() {
        client.close();
    }

    /** Opens a stream that must fail: 200, one error event whose retry: matches retryAfterMs, then the end. */
    private JsonObject streamError(URI uri) {
        try (RawStream stream = RawStream.open(uri, "text/event-stream")) {
            assertEquals(200, stream.response().statusCode(), "EventSource can read only a 200 stream");
            assertEventStream(stream.response().headers().firstValue("Content-Type").orElseThrow());
            String text = stream.awaitEnd(BOUND);
            List<String> lines = text.strip().lines().toList();
            assertEquals(3, lines.size(), text);
            assertTrue(lines.get(0).startsWith("retry: "), text);
            assertEquals("event: error", lines.get(1));
            JsonObject problem = HeraldClient.json(lines.get(2).substring("data: ".length()));
            assertEquals(Long.parseLong(lines.get(0).substring("retry: ".length())),
                    problem.getJsonNumber("retryAfterMs").longValue(), "retry: matches retryAfterMs");
            return problem;
        }
    }

    /** RESTEasy adds {@code charset=UTF-8} to a String entity; SSE is UTF-8 by definition, so both are right. */
    static void assertEventStream(String contentType) {
        MediaType type = MediaType.valueOf(contentType);
        assertTrue(type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE), contentType);
        assertTrue(type.getParameters().getOrDefault("charset", "UTF-8").equalsIgnoreCase("UTF-8"), contentType);
    }

    private static void assertProblem(JsonObject problem, String slug, int status, boolean retryable) {
        assertEquals("urn:herald:problem:" + slug, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertEquals(retryable, problem.getBoolean("retryable"));
    }

    private static JsonObject problemJson(Response response, int status) {
        assertEquals(status, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        return HeraldClient.json(response.readEntity(String.class));
    }

    @Test
    void anInvalidTopicNameIsAFatalErrorEvent() {
        JsonObject problem = streamError(herald.api().resolve("topics/bad%20name"));
        assertProblem(problem, "invalid-topic", 400, false);
        assertEquals(FATAL_RETRY_MS, problem.getJsonNumber("retryAfterMs").longValue());

        JsonObject tooLong = streamError(herald.topic("it-" + "x".repeat(70)));
        assertProblem(tooLong, "invalid-topic", 400, false);
    }

    @Test
    void anUnknownTopicIsAFatalErrorEvent() {
        assertProblem(streamError(herald.topic("not-allowed")), "unknown-topic", 404, false);
    }

    @Test
    void anUnknownPathIsAnErrorEventNotAnHtmlPage() {
        assertProblem(streamError(herald.api().resolve("nothing/here")), "not-found", 404, false);
    }

    @Test
    void theJavaSseClientReceivesTheErrorEvent() {
        try (EventSubscription subscription = EventSubscription.connect(herald.topic("not-allowed"))) {
            var error = subscription.awaitCount("error", 1, BOUND).get(0);
            assertEquals(FATAL_RETRY_MS, error.reconnectDelay());
            assertProblem(error.json(), "unknown-topic", 404, false);
        }
    }

    @Test
    void nonStreamClientsGetProblemJsonWithTheRealStatus() {
        try (Response response = client.target(herald.api().resolve("topics/bad%20name"))
                .request(MediaType.APPLICATION_JSON).get()) {
            assertProblem(problemJson(response, 400), "invalid-topic", 400, false);
        }
        try (Response response = client.target(herald.api().resolve("nothing/here")).request().get()) {
            assertProblem(problemJson(response, 404), "not-found", 404, false);
        }
    }

    @Test
    void aStreamRequestWithoutAnAcceptableTypeIsNotAcceptable() {
        try (Response response = client.target(herald.topic(uniqueTopic())).request(MediaType.TEXT_HTML).get()) {
            assertProblem(problemJson(response, 406), "not-acceptable", 406, false);
        }
    }

    @Test
    void badPublishesAreRefusedWithProblemJsonAndPublishNothing() {
        String topic = uniqueTopic();
        try (EventSubscription subscriber = EventSubscription.open(herald.topic(topic))) {
            assertRefused(topic, "{\"event\":", MediaType.APPLICATION_JSON, 400, "malformed-json");
            assertRefused(topic, "[1,2]", MediaType.APPLICATION_JSON, 422, "invalid-event");
            assertRefused(topic, "{\"data\":{}}", MediaType.APPLICATION_JSON, 422, "invalid-event");
            assertRefused(topic, "{\"event\":\"x\"}", MediaType.APPLICATION_JSON, 422, "invalid-event");
            assertRefused(topic, "{\"evnet\":\"x\",\"data\":1}", MediaType.APPLICATION_JSON, 422, "invalid-event");
            assertRefused(topic, "{\"event\":\"bad\\nname\",\"data\":1}", MediaType.APPLICATION_JSON, 422,
                    "invalid-event");
            assertRefused(topic, "{\"event\":\"error\",\"data\":1}", MediaType.APPLICATION_JSON, 422,
                    "invalid-event");
            assertRefused(topic, "{\"event\":\"x\",\"data\":\"" + "a".repeat(MAX_DATA_BYTES) + "\"}",
                    MediaType.APPLICATION_JSON, 413, "payload-too-large");
            assertRefused(topic, "{\"event\":\"x\",\"data\":\"" + "a".repeat(100_000) + "\"}",
                    MediaType.APPLICATION_JSON, 413, "payload-too-large");
            assertRefused(topic, "{\"event\":\"x\",\"data\":1}", MediaType.TEXT_PLAIN, 415, "unsupported-media-type");
            try (Response response = client.target(herald.topic("bad!name")).path("events")
                    .request().post(jakarta.ws.rs.client.Entity.json("{\"event\":\"x\",\"data\":1}"))) {
                assertProblem(problemJson(response, 400), "invalid-topic", 400, false);
            }

            assertEquals(Optional.empty(), Optional.ofNullable(herald.status(topic).get("lastEventId")),
                    "nothing was published");
            String id = herald.publish(topic, "fine", jakarta.json.Json.createValue(1));
            var events = subscriber.awaitCount("fine", 1, BOUND);
            assertEquals(id, events.get(0).id());
            assertEquals(List.of("subscribed", "fine"),
                    subscriber.all().stream().map(EventSubscription.Received::name).toList());
        }
    }

    @Test
    void invalidUtf8IsMalformed() {
        String topic = uniqueTopic();
        byte[] body = {'{', '"', 'e', 'v', 'e', 'n', 't', '"', ':', '"', (byte) 0xC3, '"', '}'};
        try (Response response = client.target(herald.topic(topic)).path("events").request()
                .post(jakarta.ws.rs.client.Entity.entity(body, MediaType.APPLICATION_JSON))) {
            assertProblem(problemJson(response, 400), "malformed-json", 400, false);
        }
    }

    private void assertRefused(String topic, String body, String type, int status, String slug) {
        try (Response response = herald.post(topic, body, type)) {
            assertProblem(problemJson(response, status), slug, status, false);
        }
    }
}
