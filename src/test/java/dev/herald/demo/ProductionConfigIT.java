package dev.herald.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;

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
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldDeployment;
import dev.herald.support.ServerHeap;
import dev.herald.support.Waits;

/**
 * The WAR exactly as built, with no profile set, as a production server runs it: no demo upstream to break, no
 * ticking demo topic. The rest of the suite deploys it with the demo switched on (HeraldDeployment.war()).
 */
@ExtendWith(ArquillianExtension.class)
class ProductionConfigIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return HeraldDeployment.production();
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
        // The suite's heartbeat is 1 s and the demo's tick 1 s: three heartbeats without a tick mean no ticker.
        try (EventSubscription demo = EventSubscription.open(api.resolve("topics/demo"))) {
            Waits.atMost(Duration.ofSeconds(20)).until(() -> demo.comments() >= 3);
            assertTrue(demo.named("tick").isEmpty(), demo.all().toString());
        }
    }

    /**
     * The default broker is memory, and Redis is never touched: readiness says so, and (on Payara Micro, where this
     * deployment has the JVM to itself) not one class of the bundled Redis client is loaded after a publish and a
     * stream.
     */
    @Test
    void theMemoryBrokerLoadsNoRedisClass() {
        try (Response ready = client.target(URI.create(deployment.toString()).resolve("/health/ready"))
                .request(MediaType.APPLICATION_JSON).get()) {
            String health = ready.readEntity(String.class);
            assertTrue(health.contains("\"herald-broker\"") && health.contains("\"memory\""), health);
        }
        try (EventSubscription stream = EventSubscription.open(api.resolve("topics/memory-only"));
             HeraldClient herald = new HeraldClient(deployment)) {
            herald.publish("memory-only", "ping", jakarta.json.JsonValue.TRUE);
            stream.awaitCount("ping", 1, Duration.ofSeconds(10));
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
