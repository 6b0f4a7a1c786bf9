package dev.herald.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.herald.support.EventSubscription;
import dev.herald.support.EventSubscription.Received;
import dev.herald.support.HeraldClient;
import dev.herald.support.Waits;

/**
 * Herald embedded in an application of its own (README: Add Herald to your application): the library jar in
 * {@code WEB-INF/lib}, and in the host's {@code Application}, which lists its classes, Herald's resources and
 * feature ({@code HeraldFeature.classes()}). The host's answers stay byte for byte what they are without Herald
 * ({@link HostAloneIT}); Herald's endpoints, publisher, settings and error protocol work under the host's path.
 */
@ExtendWith(ArquillianExtension.class)
class HostWithHeraldIT {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShopDeployment.withHerald();
    }

    @ArquillianResource
    URL deployment;

    URI shop;
    Client client;

    @BeforeEach
    void connect() {
        shop = URI.create(deployment.toString()).resolve("shop/");
        client = ClientBuilder.newClient();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void theHostAnswersExactlyAsWithoutHerald() {
        new HostAnswers(URI.create(deployment.toString())).assertAsWithoutHerald();
    }

    @Test
    void whatTheHostsServicePublishesReachesTheTopicUnderTheHostsPath() {
        try (EventSubscription orders = EventSubscription.open(shop.resolve("topics/orders"))) {
            try (Response paid = client.target(shop.resolve("payments/42")).request().post(Entity.text(""))) {
                assertEquals(200, paid.getStatus());
                List<Received> events = orders.awaitCount("order-paid", 1, BOUND);
                assertEquals(paid.readEntity(String.class), events.get(0).id());
                assertEquals(42, events.get(0).json().getInt("order"));
                assertEquals("paid", events.get(0).json().getString("status"));
            }
            try (Response published = client.target(shop.resolve("topics/orders/events")).request()
                    .post(Entity.json("{\"event\":\"order-shipped\",\"data\":{\"order\":42}}"))) {
                assertEquals(202, published.getStatus());
                assertEquals(42, orders.awaitCount("order-shipped", 1, BOUND).get(0).json().getInt("order"));
            }
        }
    }

    /**
     * The host lists its classes, Herald's through {@code HeraldFeature}: on Jersey (Payara) its streams take the
     * batched write path of {@code FrameWriter}, which such a host loses without the feature (Jersey then frames
     * every event again for every subscriber). RESTEasy (Open Liberty) frames every event itself and never calls
     * it (docs/servers.md): there no event is batched, with or without the feature.
     */
    @Test
    void theHostsStreamsTakeTheBatchedWritePath() {
        int count = 30;
        try (EventSubscription stream = EventSubscription.open(shop.resolve("topics/it-listed"))) {
            for (int i = 1; i <= count; i++) {
                try (Response published = client.target(shop.resolve("topics/it-listed/events")).request()
                        .post(Entity.json("{\"event\":\"listed\",\"data\":{\"n\":" + i + "}}"))) {
                    assertEquals(202, published.getStatus());
                }
            }
            List<Received> events = stream.awaitCount("listed", count, BOUND);
            for (int i = 0; i < count; i++) {
                assertEquals(i + 1, events.get(i).json().getInt("n"), "in order, once");
            }
        }
        JsonObject counts = Waits.atMost(BOUND).until(() -> status(shop, "it-listed").getJsonObject("counts"),
                status -> status.getInt("delivered") == count);
        boolean jersey = "payara".equals(System.getProperty("herald.server", "payara"));
        assertEquals(jersey ? count : 0, counts.getInt("batched"), counts.toString());
    }

    @Test
    void heraldsErrorEventsWorkUnderTheHostsPath() {
        assertProblem(errorEvent("topics/bad%20name"), "invalid-topic", 400);
        // The host's herald.topics.allowed (orders,it-*) is in force, not the suite's (demo,it-*).
        assertProblem(errorEvent("topics/demo"), "unknown-topic", 404);
        // Failures the runtime raises before Herald's code runs, on Herald's paths: typed too.
        assertProblem(errorEvent("topics/orders/events"), "method-not-allowed", 405);
    }

    @Test
    void heraldsProblemDocumentsWorkUnderTheHostsPath() {
        try (Response response = client.target(shop.resolve("topics/bad%20name"))
                .request(MediaType.APPLICATION_JSON).get()) {
            assertProblem(problemJson(response, 400), "invalid-topic", 400);
        }
        try (Response response = client.target(shop.resolve("topics/orders")).request(MediaType.TEXT_HTML).get()) {
            assertProblem(problemJson(response, 406), "not-acceptable", 406);
        }
        try (Response response = client.target(shop.resolve("topics/orders")).request().delete()) {
            assertProblem(problemJson(response, 405), "method-not-allowed", 405);
        }
        try (Response response = client.target(shop.resolve("topics/orders/events")).request()
                .post(Entity.text("{\"event\":\"x\",\"data\":1}"))) {
            assertProblem(problemJson(response, 415), "unsupported-media-type", 415);
        }
        try (Response response = client.target(shop.resolve("topics/orders/events")).request()
                .post(Entity.json("{\"event\":"))) {
            assertProblem(problemJson(response, 400), "malformed-json", 400);
        }
    }

    /** CORS (herald.cors.allowed-origins in the host's configuration) answers on Herald's paths only. */
    @Test
    void corsAnswersOnHeraldsPathsAndLeavesTheHostsAlone() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of("orders/1", "orders/1/cancel", "topics")) {
            HttpResponse<String> preflight = http.send(preflight(shop.resolve(path)), HttpResponse.BodyHandlers.ofString());
            assertTrue(preflight.headers().map().keySet().stream().noneMatch(name -> name.toLowerCase().startsWith("access-control")),
                    path + ": " + preflight.headers().map());
            assertTrue(preflight.headers().allValues("Vary").stream().noneMatch(value -> value.contains("Origin")), path);
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(shop.resolve(path))
                    .header("Origin", "https://shop.example").build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(get.headers().map().keySet().stream().noneMatch(name -> name.toLowerCase().startsWith("access-control")),
                    path + ": " + get.headers().map());
        }
        HttpResponse<String> herald = http.send(preflight(shop.resolve("topics/orders/events")),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, herald.statusCode());
        assertEquals(List.of("https://shop.example"), herald.headers().allValues("Access-Control-Allow-Origin"));
    }

    private static HttpRequest preflight(URI uri) {
        return HttpRequest.newBuilder(uri).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build();
    }

    /** One GET asking for a stream: a 200 event stream holding one error event, as an EventSource needs. */
    private JsonObject errorEvent(String path) {
        try (EventSubscription stream = EventSubscription.connect(shop.resolve(path))) {
            return stream.awaitCount("error", 1, BOUND).get(0).json();
        }
    }

    private JsonObject status(URI application, String topic) {
        try (Response response = client.target(application.resolve("topics/" + topic))
                .request(MediaType.APPLICATION_JSON).get()) {
            assertEquals(200, response.getStatus());
            return HeraldClient.json(response.readEntity(String.class));
        }
    }

    private static JsonObject problemJson(Response response, int status) {
        assertEquals(status, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        return HeraldClient.json(response.readEntity(String.class));
    }

    private static void assertProblem(JsonObject problem, String slug, int status) {
        assertEquals("urn:herald:problem:" + slug, problem.getString("type"), problem.toString());
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.containsKey("retryable"));
    }
}
