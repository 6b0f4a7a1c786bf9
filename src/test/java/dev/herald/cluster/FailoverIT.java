package dev.herald.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.herald.browser.Chromium;
import dev.herald.cluster.Subscribers.Seen;
import dev.herald.support.EventSubscription;
import dev.herald.support.FreePort;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldDeployment;
import dev.herald.support.HeraldNode;
import dev.herald.support.LibertyNode;
import dev.herald.support.LoadBalancer;
import dev.herald.support.NodeSettings;
import dev.herald.support.PayaraNode;
import dev.herald.support.TestTokens;
import dev.herald.support.Waits;

/**
 * Herald as production runs it: two nodes on one Redis (the build's) behind nginx, here an Open Liberty ("node A") and a
 * Payara Micro ("node B") started as processes of their own, so that the test can kill and restart them. 200 clients
 * through the balancer — Herald's Java client on {@code SseEventSource}, and {@code herald.js} and plain
 * {@code EventSource}s in Chromium — read one topic while an application publishes to it steadily; a node is killed
 * ({@code kill -9}), then both are restarted one after the other; every client must end with every event, once, in
 * order. Runs in the Payara Micro execution, which has no server of Arquillian's up meanwhile (ClusterIT is Open
 * Liberty's).
 * <p>
 * Node B keeps the default {@code server-shutdown} retry (30–40 s, longer than its restart), node A has 1–2 s, as
 * behind a balancer: a plain {@code EventSource} reading node B directly, not through the balancer, must come back to
 * it after its restart.
 */
@EnabledIfSystemProperty(named = "herald.server", matches = "payara")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {

    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final int JAVA_CLIENTS = 194;
    /** Of the Java clients in the kill test, these are JAX-RS's plain {@code SseEventSource}, not Herald's client. */
    private static final int PLAIN_SSE_EVENT_SOURCES = 10;
    /** Pairs of each kind: a round-robin balancer gives the two of a pair to different nodes. */
    private static final List<String> BROWSER_STREAMS = List.of("plain", "plain", "herald", "herald", "plain", "herald");
    private static final int PUBLISH_RATE = 20;

    private static HeraldNode nodeA;
    private static HeraldNode nodeB;
    private static LoadBalancer balancer;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws IOException {
        int balancerPort = FreePort.pick();
        // The page comes from the balancer; one plain EventSource of it reads node B directly (CORS).
        NodeSettings settings = NodeSettings.of(HeraldDeployment.clusterConfig() + TestTokens.authConfig())
                .with("herald.cors.allowed-origins", "http://127.0.0.1:" + balancerPort);
        nodeA = LibertyNode.start("failover-node-a", settings
                .with("herald.shutdown.retry-ms", "1000").with("herald.shutdown.retry-spread-ms", "1000"));
        nodeB = PayaraNode.start("failover-node-b", settings);
        nodeA.awaitReady(START);
        nodeB.awaitReady(START);
        balancer = LoadBalancer.start(Path.of(System.getProperty("herald.war")).resolveSibling("failover-nginx"),
                balancerPort, List.of(nodeA.port(), nodeB.port()));
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable part : new AutoCloseable[] {chromium, balancer, nodeA, nodeB}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }

    /**
     * Behind a balancer the request that mints a stream ticket and the stream that uses it reach any node: a ticket is
     * good on every node, and still only once.
     */
    @Test
    @Order(1)
    void aStreamTicketMintedOnOneNodeOpensAStreamOnAnyNodeOnce() throws Exception {
        String topic = "tk-" + UUID.randomUUID().toString().substring(0, 8); // not public: a token or a ticket
        String token = TestTokens.token().subscribe(topic).sign();
        String ticket = mintTicket(nodeA, topic, token);
        try (EventSubscription onB = EventSubscription.open(ticketed(nodeB, topic, ticket))) {
            assertEquals(topic, onB.named("subscribed").get(0).json().getString("topic"));
        }
        for (HeraldNode node : List.of(nodeA, nodeB)) {
            try (EventSubscription again = EventSubscription.connect(ticketed(node, topic, ticket))) {
                assertEquals("urn:herald:problem:unauthorized",
                        again.awaitCount("error", 1, CATCH_UP).get(0).json().getString("type"), "used up on " + node);
            }
        }
        for (int i = 0; i < 6; i++) { // through the balancer: minted on one node, used on the other, every other time
            String next = mintTicket(balancer.url(), topic, token);
            try (EventSubscription stream = EventSubscription.open(URI.create(balancer.url() + "api/topics/" + topic
                    + "?ticket=" + next))) {
                assertEquals(1, stream.named("subscribed").size());
            }
        }
    }

    @Test
    @Order(2)
    void whenANodeIsKilledItsClientsResumeOnTheOtherWithNothingLostOrDoubled() throws Exception {
        String topic = uniqueTopic();
        try (Subscribers clients = Subscribers.open(topic, balancer.url(), chromium, BROWSER_STREAMS, List.of(),
                JAVA_CLIENTS - PLAIN_SSE_EVENT_SOURCES, PLAIN_SSE_EVENT_SOURCES).awaitOpen(CATCH_UP);
             SteadyPublisher publisher = SteadyPublisher.start(balancer.url(), topic, PUBLISH_RATE)) {
            Waits.atMost(CATCH_UP).until(() -> publisher.acknowledgedCount() >= 2 * PUBLISH_RATE);
            int onA = subscribers(nodeA, topic);
            assertEquals(JAVA_CLIENTS + BROWSER_STREAMS.size(), onA + subscribers(nodeB, topic));

            nodeA.kill();
            int before = publisher.acknowledgedCount();
            Waits.atMost(CATCH_UP).until(() -> publisher.acknowledgedCount() >= before + 5 * PUBLISH_RATE);
            String last = publisher.stop();

            List<Seen> all = clients.assertEveryClientGotEveryEventOnce(last, CATCH_UP);
            assertStoredOnceEach(publisher, last);
            List<Seen> moved = all.stream().filter(client -> client.opened() > 1).toList();
            System.out.printf("kill -9 of node A with %d of %d clients on it: %d resumed on node B; %d events, %d"
                    + " publishes refused and sent again%n", onA, all.size(), moved.size(), all.get(0).ids().size(),
                    publisher.refused());
            assertTrue(onA >= all.size() / 4, "the balancer spread the clients: " + onA + " on node A");
            assertEquals(onA, moved.size(), "every client of node A resumed once, none of node B had to");
            assertTrue(moved.stream().anyMatch(client -> client.who().startsWith("plain")), "a plain EventSource");
            assertTrue(moved.stream().anyMatch(client -> client.who().startsWith("herald")), "herald.js");
            // JAX-RS's own SseEventSource gives up on a broken connection, but nginx ends the response of a node
            // that died as a stream that ended: it reconnects by itself, with Last-Event-ID.
            assertTrue(moved.stream().anyMatch(client -> client.who().startsWith("sse-event-source")),
                    "a plain SseEventSource");
            assertEquals(all.size(), subscribers(nodeB, topic));
        } finally {
            long started = System.nanoTime();
            nodeA.restart().awaitReady(START);
            System.out.printf("node A (%s) started again after kill -9: ready in %d ms%n", nodeA.runtime(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    @Test
    @Order(3)
    void aRollingRestartOfBothNodesLosesNothingForAnyClient() throws Exception {
        String topic = uniqueTopic();
        try (Subscribers clients = Subscribers.open(topic, balancer.url(), chromium, BROWSER_STREAMS,
                List.of(nodeB.url()), JAVA_CLIENTS - 1, 0).awaitOpen(CATCH_UP);
             SteadyPublisher publisher = SteadyPublisher.start(balancer.url(), topic, PUBLISH_RATE)) {
            Waits.atMost(CATCH_UP).until(() -> publisher.acknowledgedCount() >= 2 * PUBLISH_RATE);
            restart(nodeB);
            restart(nodeA);
            // Node B's clients come back after their retry: (30-40 s), to a running node B or, through the balancer,
            // to either node; the direct one to node B.
            clients.awaitBackAfterShutdown(CATCH_UP);
            String last = publisher.stop();

            List<Seen> all = clients.assertEveryClientGotEveryEventOnce(last, CATCH_UP);
            assertStoredOnceEach(publisher, last);
            Seen direct = all.stream().filter(client -> client.who().startsWith("plain-direct")).findFirst()
                    .orElseThrow();
            System.out.printf("rolling restart: %d clients, %d events, %d publishes refused and sent again; the"
                    + " plain EventSource on node B opened %d times%n", all.size(), all.get(0).ids().size(),
                    publisher.refused(), direct.opened());
            assertEquals(2, direct.opened(), "the plain EventSource came back to node B after its restart");
            assertTrue(all.stream().allMatch(client -> client.opened() >= 2), "every client was moved at least once");
        }
    }

    /** As many events in the topic as publishes acknowledged: none sent again was stored twice. */
    private static void assertStoredOnceEach(SteadyPublisher publisher, String last) {
        assertEquals(publisher.acknowledgedCount(), Long.parseLong(last.substring(last.lastIndexOf('-') + 1)),
                "every publish stored once, those sent again (" + publisher.refused() + ") included");
    }

    /** Stops a node as a container does (SIGTERM) and starts it again; prints how long each took. */
    private static void restart(HeraldNode node) throws IOException {
        long start = System.nanoTime();
        node.stop();
        long stopped = System.nanoTime();
        node.restart().awaitReady(START);
        long ready = System.nanoTime();
        System.out.printf("restart of %s: SIGTERM to exit %d ms, start to ready %d ms, %d ms in all%n",
                node.runtime(), TimeUnit.NANOSECONDS.toMillis(stopped - start),
                TimeUnit.NANOSECONDS.toMillis(ready - stopped), TimeUnit.NANOSECONDS.toMillis(ready - start));
    }

    private static String mintTicket(HeraldNode node, String topic, String token) throws Exception {
        return mintTicket(node.url(), topic, token);
    }

    private static String mintTicket(URL server, String topic, String token) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server + "api/tickets"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"" + topic + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        return HeraldClient.json(answer.body()).getString("ticket");
    }

    private static URI ticketed(HeraldNode node, String topic, String ticket) {
        return URI.create(node.url() + "api/topics/" + topic + "?ticket=" + ticket);
    }

    private static int subscribers(HeraldNode node, String topic) {
        try (HeraldClient herald = new HeraldClient(node.url())) {
            return herald.subscribers(topic);
        }
    }

    private static String uniqueTopic() {
        return "it-failover-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
