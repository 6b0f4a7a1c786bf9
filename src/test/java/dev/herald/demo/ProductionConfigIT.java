package dev.herald.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
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
import dev.herald.support.RawStream;
import dev.herald.support.TestTokens;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldDeployment;
import dev.herald.support.ServerHeap;
import dev.herald.support.Waits;

/**
 * The WAR exactly as built, with no profile set, as a production server runs it: no demo upstream to break, no
 * ticking demo topic, no dev token endpoint; nothing readable or writable without a token. The only setting added
 * is what an operator must add to let anyone in at all: the keys of the tests' tokens (with issuer and audience).
 * The rest of the suite deploys it with the demo switched on (HeraldDeployment.war()).
 */
@ExtendWith(ArquillianExtension.class)
class ProductionConfigIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return HeraldDeployment.productionWithKeys();
    }

    @ArquillianResource
    URL deployment;

    URI api;
    Client client;

    @BeforeEach
    void connect() {
        api = URI.create(deployment.toString()).resolve("api/");
        client = ClientBuilder.newClient();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void theDemoUpstreamAndItsSwitchAreNotFound() {
        assertNotFound(request("demo-upstream/mode/fail").post(Entity.text("")));
        assertNotFound(request("demo-upstream/mode/ok").post(Entity.text("")));
        assertNotFound(request("demo-upstream/mode").get());
        assertNotFound(request("demo-upstream/prices").get());
        // The stream of trades produces only text/event-stream: asked for anything, it answers as a document.
        assertNotFound(client.target(api.resolve("demo-upstream/trades")).request(MediaType.WILDCARD).get());
    }

    @Test
    void theDemoTopicDoesNotTick() {
        // The heartbeat is 5 s and the demo's tick 1 s: two heartbeats without a tick mean no ticker.
        String token = TestTokens.token().subscribe("demo").sign();
        try (RawStream demo = RawStream.open(api.resolve("topics/demo"), MediaType.SERVER_SENT_EVENTS,
                Map.of("Authorization", "Bearer " + token))) {
            String text = demo.awaitText(body -> body.split(": heartbeat", -1).length > 2, Duration.ofSeconds(30));
            assertTrue(text.contains("event: subscribed"), text);
            assertFalse(text.contains("event: tick"), text);
        }
    }

    @Test
    void noTopicCanBeReadWithoutAToken() {
        for (String topic : List.of("demo", "orders", "prices")) {
            try (EventSubscription stream = EventSubscription.connect(api.resolve("topics/" + topic))) {
                JsonObject problem = stream.awaitCount("error", 1, Duration.ofSeconds(20)).get(0).json();
                assertEquals("urn:herald:problem:unauthorized", problem.getString("type"), problem.toString());
            }
            try (Response status = request("topics/" + topic).get()) {
                assertEquals(401, status.getStatus());
                assertEquals("urn:herald:problem:unauthorized",
                        HeraldClient.json(status.readEntity(String.class)).getString("type"));
            }
        }
    }

    @Test
    void nothingCanBePublishedWithoutAToken() {
        try (Response response = request("topics/orders/events")
                .post(Entity.json("{\"event\":\"order-updated\",\"data\":{\"order\":42}}"))) {
            assertEquals(401, response.getStatus());
            assertEquals("Bearer realm=\"herald\"", response.getHeaderString("WWW-Authenticate"));
            assertEquals("urn:herald:problem:unauthorized",
                    HeraldClient.json(response.readEntity(String.class)).getString("type"));
        }
        String token = TestTokens.token().publish("orders").sign();
        try (Response response = request("topics/orders/events").header("Authorization", "Bearer " + token)
                .post(Entity.json("{\"event\":\"order-updated\",\"data\":{\"order\":42}}"))) {
            assertEquals(202, response.getStatus(), "a token that grants it publishes");
        }
    }

    @Test
    void thereIsNoDevTokenEndpoint() {
        assertNotFound(request("dev/tokens").post(Entity.json("{\"publish\":[\"*\"]}")));
    }

    /**
     * The default broker is memory, and Redis is never touched: readiness says so, and (on Payara Micro, where this
     * deployment has the JVM to itself) not one class of the bundled Redis client is loaded after a publish.
     */
    @Test
    void theMemoryBrokerLoadsNoRedisClass() {
        try (Response ready = client.target(URI.create(deployment.toString()).resolve("/health/ready"))
                .request(MediaType.APPLICATION_JSON).get()) {
            String health = ready.readEntity(String.class);
            assertTrue(health.contains("\"herald-broker\"") && health.contains("\"memory\""), health);
        }
        String token = TestTokens.token().publish("memory-only").sign();
        try (Response published = request("topics/memory-only/events").header("Authorization", "Bearer " + token)
                .post(Entity.json("{\"event\":\"ping\",\"data\":true}"))) {
            assertEquals(202, published.getStatus(), "stored by the memory broker");
        }
        if ("payara".equals(System.getProperty("herald.server"))) {
            assertEquals(List.of(), ServerHeap.loadedClasses(deployment.getPort(), "redis.clients."));
        }
    }

    private Invocation.Builder request(String path) {
        return client.target(api.resolve(path)).request(MediaType.APPLICATION_JSON);
    }

    private static void assertNotFound(Response response) {
        try (response) {
            assertEquals(404, response.getStatus());
            assertEquals("application/problem+json", response.getMediaType().toString());
            assertEquals("urn:herald:problem:not-found",
                    HeraldClient.json(response.readEntity(String.class)).getString("type"));
        }
    }
}
