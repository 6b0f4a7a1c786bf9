package dev.herald.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

import dev.herald.support.EventSubscription;
import dev.herald.support.EventSubscription.Received;
import dev.herald.support.FakeUpstream;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldDeployment;
import dev.herald.support.NodeSettings;
import dev.herald.support.PayaraNode;
import dev.herald.support.RedisServer;
import dev.herald.support.ServerHeap;
import dev.herald.support.Waits;

/**
 * Two Herald nodes at once on one Redis (the build's, src/test/redis/redis.sh): node A is Arquillian's Open Liberty,
 * node B a Payara Micro this test starts with the built WAR and {@code HERALD_BROKER=redis}. One of each runtime proves
 * both speak the same protocol to Redis. Runs in the Open Liberty execution only, so that the suite starts one extra
 * server, once. Each test stands alone (run one with {@code -Dit.test=ClusterIT#name}): it uses topics of its own (the
 * upstreams' two excepted, which it reads only from a point it marks), and finds Redis running and node B up, started
 * again if an earlier test stopped or killed it. The order below only saves node B's restarts: the kill comes last.
 */
@EnabledIfSystemProperty(named = "herald.server", matches = "liberty")
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Duration DELIVERY = Duration.ofSeconds(15);
    /** Node B's name in the cluster, which the upstreams' leases hold while it runs them (node A's is its own). */
    private static final String NODE_B = "cluster-node-b";
    private static final String RELAYED = "it-relayed";
    private static final String POLLED = "it-upstream";
    /** herald.upstream.lease-ms in cluster-config.properties. */
    private static final long LEASE_MS = 3000;
    private static PayaraNode nodeB;
    private static FakeUpstream upstream;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        // Started before node A, so that both nodes' upstreams (cluster-config.properties) find it from the start.
        upstream = FakeUpstream.start(Integer.getInteger("herald.it.upstreamPort"));
        return HeraldDeployment.clusterNodeWithUpstreams();
    }

    @ArquillianResource
    URL deployment;

    private HeraldClient a;
    private HeraldClient b;

    @BeforeAll
    static void startNodeB() throws IOException {
        NodeSettings settings = NodeSettings.of(HeraldDeployment.clusterConfig() + "\n"
                + HeraldDeployment.clusterUpstreamsConfig()).with("herald.node-id", NODE_B);
        nodeB = PayaraNode.start("cluster-node-b", settings);
        nodeB.awaitReady(Duration.ofSeconds(150)); // apart, so that @AfterAll stops a node that never got ready
    }

    @AfterAll
    static void stopNodeB() {
        RedisServer.resume(); // in case a test failed while Redis was paused
        if (nodeB != null) {
            nodeB.close();
        }
        upstream.close();
    }

    @BeforeEach
    void connect() throws IOException {
        RedisServer.resume(); // a no-op unless a test failed while Redis was paused
        if (!nodeB.isRunning()) {
            nodeB.restart().awaitReady(Duration.ofSeconds(150));
        }
        a = new HeraldClient(deployment);
        b = new HeraldClient(nodeB.url());
    }

    @AfterEach
    void disconnect() {
        a.close();
        b.close();
    }

    @Test
    @Order(1)
    void anEventPublishedOnEitherNodeReachesEverySubscriberOnBothOnceAndInOrder() {
        String topic = uniqueTopic();
        try (EventSubscription onA = EventSubscription.open(a.topic(topic));
             EventSubscription onB = EventSubscription.open(b.topic(topic))) {
            List<String> published = new ArrayList<>();
            for (int n = 1; n <= 20; n++) {
                HeraldClient via = n <= 10 ? a : b;
                published.add(via.publish(topic, "step", Json.createObjectBuilder().add("n", n).build()));
            }
            String epoch = published.get(0).split("-")[0];
            for (int n = 1; n <= 20; n++) {
                assertEquals(epoch + "-" + n, published.get(n - 1), "both nodes number one sequence");
            }
            finish(topic, onA, onB);
            assertFalse(ServerHeap.loadedClasses(nodeB.url().getPort(), "redis.clients.").isEmpty(),
                    "the Redis broker runs on node B (and ProductionConfigIT's check can see its client)");
            for (EventSubscription subscriber : List.of(onA, onB)) {
                assertEquals(published, ids(subscriber.named("step")));
                for (int n = 1; n <= 20; n++) {
                    assertEquals(n, subscriber.named("step").get(n - 1).json().getInt("n"));
                }
            }
        }
    }

    @Test
    @Order(2)
    void aClientResumesOnNodeBWithAnIdItReceivedFromNodeA() {
        String topic = uniqueTopic();
        try (EventSubscription onA = EventSubscription.open(a.topic(topic))) {
            List<String> published = new ArrayList<>();
            for (int n = 1; n <= 10; n++) {
                published.add(a.publish(topic, "step", Json.createObjectBuilder().add("n", n).build()));
            }
            String fifth = onA.awaitCount("step", 10, DELIVERY).get(4).id();
            try (EventSubscription onB = EventSubscription.open(URI.create(b.topic(topic) + "?lastEventId=" + fifth))) {
                published.add(a.publish(topic, "step", Json.createObjectBuilder().add("n", 11).build()));
                finish(topic, onA, onB);
                assertEquals(fifth, onB.named("subscribed").get(0).json().getString("resumedAfter"));
                assertEquals(published.subList(5, 11), ids(onB.named("step")), "6 to 10 replayed, 11 live, once");
                assertTrue(onB.named("reset").isEmpty());
            }
        }
    }

    @Test
    @Order(3)
    void concurrentPublishesOnBothNodesGetOneOrderThatEverySubscriberSees() throws Exception {
        String topic = uniqueTopic();
        int each = 50;
        List<EventSubscription> subscribers = List.of(EventSubscription.open(a.topic(topic)),
                EventSubscription.open(a.topic(topic)), EventSubscription.open(b.topic(topic)),
                EventSubscription.open(b.topic(topic)));
        ExecutorService publishers = Executors.newFixedThreadPool(2);
        try {
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            List<Future<?>> runs = new ArrayList<>();
            for (String node : List.of("a", "b")) {
                HeraldClient via = node.equals("a") ? a : b;
                runs.add(publishers.submit(() -> {
                    for (int n = 1; n <= each; n++) {
                        acknowledged.add(via.publish(topic, "step",
                                Json.createObjectBuilder().add("via", node).add("n", n).build()));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            finish(topic, subscribers.toArray(EventSubscription[]::new));
            List<String> seen = events(subscribers.get(0).named("step"));
            assertEquals(2 * each, seen.size());
            for (EventSubscription subscriber : subscribers) {
                assertEquals(seen, events(subscriber.named("step")), "every subscriber sees the same order");
            }
            List<String> ids = ids(subscribers.get(0).named("step"));
            String epoch = ids.get(0).split("-")[0];
            for (int n = 1; n <= 2 * each; n++) {
                assertEquals(epoch + "-" + n, ids.get(n - 1));
            }
            assertEquals(new HashSet<>(acknowledged), new HashSet<>(ids));
        } finally {
            publishers.shutdownNow();
            subscribers.forEach(EventSubscription::close);
        }
    }

    @Test
    @Order(4)
    void whileRedisIsStoppedPublishesAreRefusedAndStreamsAreToldThenCaughtUp() throws Exception {
        String topic = uniqueTopic();
        try (EventSubscription onA = EventSubscription.open(a.topic(topic));
             EventSubscription onB = EventSubscription.open(b.topic(topic))) {
            List<String> acknowledged = new ArrayList<>();
            acknowledged.add(a.publish(topic, "step", Json.createObjectBuilder().add("phase", "before").build()));
            acknowledged.add(b.publish(topic, "step", Json.createObjectBuilder().add("phase", "before").build()));
            List<JsonObject> refusals = new ArrayList<>();
            JsonObject newStreamError;
            List<JsonObject> streamsAsRedisStops = new ArrayList<>();
            List<Long> refusalsOnceKnownDownMs = new ArrayList<>();
            List<Long> readinessMs = new ArrayList<>();
            for (URL node : List.of(deployment, nodeB.url())) {
                assertEquals("UP", brokerCheck(node, 200).getString("status"), "readiness on " + node);
            }
            RedisServer.pause();
            try {
                // Streams opened as Redis stops, on both nodes, meet its first timeouts (and Fault Tolerance's retry
                // delay, which its timeout may interrupt): a broker problem, never an internal error.
                List<EventSubscription> opening = new ArrayList<>();
                for (HeraldClient via : List.of(a, b, a, b)) {
                    opening.add(EventSubscription.connect(via.topic(uniqueTopic())));
                }
                for (EventSubscription stream : opening) {
                    try (stream) {
                        streamsAsRedisStops.add(stream.awaitCount("error", 1, DELIVERY).get(0).json());
                    }
                }
                // Once a node knows Redis is down (it refused one publish), it refuses the next ones at once.
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                java.util.Set<HeraldClient> knowDown = new HashSet<>();
                while (System.nanoTime() < end) {
                    for (HeraldClient via : List.of(a, b)) {
                        long start = System.nanoTime();
                        boolean stored = tryPublish(via, topic, "during", acknowledged, refusals);
                        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
                        if (!stored && !knowDown.add(via)) {
                            refusalsOnceKnownDownMs.add(tookMs);
                        }
                    }
                    Thread.sleep(200);
                }
                for (EventSubscription subscriber : List.of(onA, onB)) {
                    subscriber.awaitCount("broker-degraded", 1, DELIVERY);
                }
                try (EventSubscription fresh = EventSubscription.connect(b.topic(uniqueTopic()))) {
                    newStreamError = fresh.awaitCount("error", 1, DELIVERY).get(0).json();
                }
                for (URL node : List.of(deployment, nodeB.url())) {
                    long start = System.nanoTime();
                    assertEquals("DOWN", brokerCheck(node, 503).getString("status"), "readiness on " + node);
                    readinessMs.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                }
            } finally {
                RedisServer.resume();
            }
            long resumed = System.nanoTime();
            List<Long> recoveryMs = new ArrayList<>();
            List<String> back = new ArrayList<>();
            for (HeraldClient via : List.of(a, b)) {
                Waits.atMost(DELIVERY).pollInterval(Duration.ofMillis(50))
                        .until(() -> tryPublish(via, topic, "back", back, new ArrayList<>()));
                recoveryMs.add(Duration.ofNanos(System.nanoTime() - resumed).toMillis());
            }
            acknowledged.addAll(back);
            System.out.println("ClusterIT: with Redis stopped, refusals once known down took " + refusalsOnceKnownDownMs
                    + " ms, readiness answered in " + readinessMs + " ms; publishes stored again " + recoveryMs
                    + " ms after Redis resumed");
            for (JsonObject problem : streamsAsRedisStops) {
                assertEquals("urn:herald:problem:broker-unavailable", problem.getString("type"), problem.toString());
            }
            assertFalse(refusalsOnceKnownDownMs.isEmpty());
            assertTrue(refusalsOnceKnownDownMs.stream().allMatch(ms -> ms < Waits.scaled(Duration.ofMillis(500))
                    .toMillis()), "refused at once once known down: " + refusalsOnceKnownDownMs);
            assertTrue(readinessMs.stream().allMatch(ms -> ms < Waits.scaled(Duration.ofSeconds(1)).toMillis()),
                    "readiness answers at once: " + readinessMs);
            assertTrue(recoveryMs.get(0) < Waits.scaled(Duration.ofMillis(1500)).toMillis(),
                    "node A stores again within about a second: " + recoveryMs);
            assertTrue(recoveryMs.get(1) < Waits.scaled(Duration.ofMillis(1500)).toMillis(),
                    "node B stores again within about a second: " + recoveryMs);
            assertFalse(refusals.isEmpty(), "publishes were refused while Redis was stopped");
            for (JsonObject problem : refusals) {
                assertEquals("urn:herald:problem:broker-unavailable", problem.getString("type"));
                assertEquals(503, problem.getInt("status"));
                assertTrue(problem.getBoolean("retryable"));
            }
            assertEquals("urn:herald:problem:broker-unavailable", newStreamError.getString("type"));
            assertTrue(newStreamError.getBoolean("retryable"));
            for (EventSubscription subscriber : List.of(onA, onB)) {
                subscriber.awaitCount("broker-recovered", 1, DELIVERY);
            }
            for (URL node : List.of(deployment, nodeB.url())) {
                Waits.atMost(DELIVERY).ignoreExceptions()
                        .until(() -> "UP".equals(brokerCheck(node, null).getString("status")));
            }
            List<String> after = new ArrayList<>();
            for (HeraldClient via : List.of(a, b, a)) {
                Waits.atMost(DELIVERY).pollInterval(Duration.ofMillis(200))
                        .until(() -> tryPublish(via, topic, "after", after, new ArrayList<>()));
            }
            acknowledged.addAll(after);
            finish(topic, onA, onB);
            for (EventSubscription subscriber : List.of(onA, onB)) {
                List<Received> steps = subscriber.named("step");
                List<String> ids = ids(steps);
                assertTrue(ids.containsAll(acknowledged), "every acknowledged event arrived: " + ids);
                String epoch = ids.get(0).split("-")[0];
                for (int n = 1; n <= ids.size(); n++) {
                    assertEquals(epoch + "-" + n, ids.get(n - 1), "once each and in order");
                }
                List<String> names = subscriber.all().stream().map(Received::name).toList();
                int degraded = names.indexOf("broker-degraded");
                int recovered = names.indexOf("broker-recovered");
                int firstAfter = subscriber.all().stream().map(Received::id).toList().indexOf(after.get(0));
                assertTrue(degraded >= 0 && degraded < recovered && recovered < firstAfter, names.toString());
                JsonObject degradation = subscriber.named("broker-degraded").get(0).json();
                assertEquals("urn:herald:problem:broker-unavailable", degradation.getString("type"));
            }
        }
    }

    @Test
    @Order(5)
    void whenRedisLosesItsDataEveryStreamGetsAResetAndGoesOnInTheNewEpoch() {
        String topic = uniqueTopic();
        try (EventSubscription onA = EventSubscription.open(a.topic(topic));
             EventSubscription onB = EventSubscription.open(b.topic(topic))) {
            a.publish(topic, "step", Json.createObjectBuilder().add("n", 1).build());
            String old = a.publish(topic, "step", Json.createObjectBuilder().add("n", 2).build());
            onA.awaitCount("step", 2, DELIVERY);
            onB.awaitCount("step", 2, DELIVERY);

            RedisServer.flushAll();

            for (EventSubscription subscriber : List.of(onA, onB)) {
                JsonObject reset = subscriber.awaitCount("reset", 1, DELIVERY).get(0).json();
                assertEquals("epoch-changed", reset.getString("reason"));
                assertEquals(old, reset.getString("lastEventId"));
            }
            String next = b.publish(topic, "step", Json.createObjectBuilder().add("n", 3).build());
            assertFalse(next.startsWith(old.split("-")[0]), "a new epoch");
            assertTrue(next.endsWith("-1"));
            for (EventSubscription subscriber : List.of(onA, onB)) {
                Waits.atMost(DELIVERY).until(() -> ids(subscriber.named("step")).contains(next));
                assertEquals(3, subscriber.named("step").size());
            }
            try (EventSubscription resumed = EventSubscription.open(URI.create(a.topic(topic) + "?lastEventId=" + old))) {
                JsonObject reset = resumed.awaitCount("reset", 1, DELIVERY).get(0).json();
                assertEquals("epoch-changed", reset.getString("reason"));
            }
        }
    }

    @Test
    @Order(6)
    void eachUpstreamRunsOnOneNodeAndEachOfItsEventsReachesSubscribersOnBothNodesOnce() {
        String run = UUID.randomUUID().toString();
        for (String topic : List.of(RELAYED, POLLED)) {
            Waits.atMost(DELIVERY).until(() -> feeder(topic) != null);
            Waits.atMost(DELIVERY).until(() -> List.of("standby", "up").equals(
                    List.of(a.status(topic).getString("upstream"), b.status(topic).getString("upstream")).stream()
                            .sorted().toList()));
        }
        try (EventSubscription relayedOnA = EventSubscription.open(a.topic(RELAYED));
             EventSubscription relayedOnB = EventSubscription.open(b.topic(RELAYED));
             EventSubscription polledOnA = EventSubscription.open(a.topic(POLLED));
             EventSubscription polledOnB = EventSubscription.open(b.topic(POLLED))) {
            awaitRelaying(run, relayedOnA);
            long started = System.nanoTime();
            int pollsBefore = upstream.pollRequests();
            for (int n = 1; n <= 20; n++) {
                upstream.stream().emit("price", item(run, n).toString());
            }
            for (int v = 1; v <= 3; v++) {
                upstream.serve(item(run, v).toString());
                int version = v;
                for (EventSubscription subscriber : List.of(polledOnA, polledOnB)) {
                    Waits.atMost(DELIVERY).until(() -> numbers(ofRun(subscriber, "snapshot", run)).contains(version));
                }
            }
            for (EventSubscription subscriber : List.of(relayedOnA, relayedOnB)) {
                Waits.atMost(DELIVERY).until(() -> numbers(ofRun(subscriber, "price", run)).contains(20));
            }
            long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            int polls = upstream.pollRequests() - pollsBefore;

            List<String> relayedIds = ids(ofRun(relayedOnA, "price", run));
            for (EventSubscription subscriber : List.of(relayedOnA, relayedOnB)) {
                assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), numbers(ofRun(subscriber, "price", run)),
                        "every upstream event once, in order");
                assertEquals(relayedIds, ids(ofRun(subscriber, "price", run)), "under one id on both nodes");
                assertEquals(List.of(1, 2, 3), numbers(ofRun(subscriber == relayedOnA ? polledOnA : polledOnB,
                        "snapshot", run)), "every snapshot once");
            }
            assertContiguous(relayedIds);
            assertContiguous(ids(ofRun(polledOnA, "snapshot", run)));
            // One node polls every 250 ms; two would poll twice as often.
            assertTrue(polls <= elapsedMs / 250 * 3 / 2 + 4, polls + " polls in " + elapsedMs + " ms");
        }
    }

    /**
     * Node B, running both upstreams, is stopped as process managers stop it (SIGTERM): it gives their leases up, and
     * node A takes over at its next renewal, without waiting for them to run out.
     */
    @Test
    @Order(7)
    void aNodeThatStopsCleanlyGivesItsUpstreamsUpAndTheOtherTakesOverWithoutLossOrDuplicates() throws Exception {
        List<Boolean> givenUp = nodeBGoesAwayWhileRunningTheUpstreams("stopped",
                () -> assertTrue(nodeB.stop(Duration.ofSeconds(60)), "node B exits after SIGTERM"));
        assertEquals(List.of(true, true), givenUp, "node B gave its leases up: they went before running out");
    }

    /**
     * Node B, running both upstreams, is killed: node A takes over once their leases run out, resuming
     * after what node B stored.
     */
    @Test
    @Order(8)
    void whenTheNodeRunningAnUpstreamIsKilledTheOtherTakesOverWithinTheLeaseWithoutLossOrDuplicates()
            throws Exception {
        List<Boolean> givenUp = nodeBGoesAwayWhileRunningTheUpstreams("killed", nodeB::kill);
        assertEquals(List.of(false, false), givenUp, "node B's leases ran out");
    }

    /**
     * Hands both upstreams to node B, by writing its name into their leases as if it had won them: node A's next
     * renewal (or publish) is refused and it stops them at once; node B's next renewal finds its own name and starts
     * them, the relay resuming after the last upstream id stored. Then node B goes away while the upstream emits, and
     * node A takes over, resuming after what node B stored: every event once, under contiguous ids, on node A's
     * subscribers, and the snapshot published before not again. Returns, for the relayed and the polled upstream,
     * whether node B gave its lease up (it went from Redis before running out) rather than let it run out.
     */
    private List<Boolean> nodeBGoesAwayWhileRunningTheUpstreams(String how, ThrowingRunnable goAway) throws Exception {
        String run = UUID.randomUUID().toString();
        try (EventSubscription relayedOnA = EventSubscription.open(a.topic(RELAYED));
             EventSubscription polledOnA = EventSubscription.open(a.topic(POLLED))) {
            try (Jedis redis = new Jedis("127.0.0.1", RedisServer.port())) {
                for (String topic : List.of(RELAYED, POLLED)) {
                    redis.set(feederKey(topic), NODE_B, SetParams.setParams().px(LEASE_MS));
                }
            }
            upstream.serve(item(run, 1).toString());
            Waits.atMost(DELIVERY).until(() -> numbers(ofRun(polledOnA, "snapshot", run)).contains(1));
            AtomicInteger emitted = new AtomicInteger();
            ExecutorService emitter = Executors.newSingleThreadExecutor();
            ExecutorService watchers = Executors.newFixedThreadPool(2);
            List<Boolean> givenUp;
            try {
                Future<?> emitting = emitter.submit(() -> {
                    while (!Thread.currentThread().isInterrupted() && emitted.get() < 200) {
                        upstream.stream().emit("price", item(run, emitted.incrementAndGet()).toString());
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                for (String topic : List.of(RELAYED, POLLED)) {
                    Waits.atMost(DELIVERY).until(() -> "standby".equals(a.status(topic).getString("upstream"))
                            && "up".equals(b.status(topic).getString("upstream")));
                    assertEquals(NODE_B, feeder(topic), "node B runs " + topic);
                }
                Waits.atMost(DELIVERY).until(() -> ofRun(relayedOnA, "price", run).size() >= 40);
                List<Future<Boolean>> watches = List.of(leaseWatch(watchers, RELAYED), leaseWatch(watchers, POLLED));
                long gone = System.nanoTime();
                goAway.run();
                for (String topic : List.of(RELAYED, POLLED)) {
                    Waits.atMost(DELIVERY).pollInterval(Duration.ofMillis(100))
                            .until(() -> feeder(topic) != null && !NODE_B.equals(feeder(topic)));
                }
                long takeOverMs = Duration.ofNanos(System.nanoTime() - gone).toMillis();
                System.out.println("ClusterIT: node A took the upstreams over " + takeOverMs + " ms after node B was "
                        + how + " (lease " + LEASE_MS + " ms)");
                assertTrue(takeOverMs <= LEASE_MS + 2 * LEASE_MS / 3 + 3000, "taken over after " + takeOverMs + " ms");
                givenUp = new ArrayList<>();
                for (Future<Boolean> watch : watches) {
                    givenUp.add(watch.get());
                }
                emitting.get();
            } finally {
                emitter.shutdownNow();
                watchers.shutdownNow();
            }
            upstream.serve(item(run, 2).toString());
            int last = emitted.get();
            Waits.atMost(DELIVERY).until(() -> numbers(ofRun(relayedOnA, "price", run)).contains(last)
                    && numbers(ofRun(polledOnA, "snapshot", run)).contains(2));
            assertEquals(IntStream.rangeClosed(1, last).boxed().toList(), numbers(ofRun(relayedOnA, "price", run)),
                    "every upstream event once, in order, across the handover and node B " + how);
            assertContiguous(ids(ofRun(relayedOnA, "price", run)));
            assertEquals(List.of(1, 2), numbers(ofRun(polledOnA, "snapshot", run)),
                    "the node that takes over does not publish again the snapshot published before");
            return givenUp;
        }
    }

    /**
     * Watches the lease of the upstream feeding the topic until node B no longer holds it: true if it went before
     * its time to live was up (node B gave it up), false if it ran out.
     */
    private static Future<Boolean> leaseWatch(ExecutorService watchers, String topic) {
        return watchers.submit(() -> {
            try (Jedis redis = new Jedis("127.0.0.1", RedisServer.port())) {
                long expiresAt = Long.MAX_VALUE;
                while (true) {
                    List<?> holderAndTtl = (List<?>) redis.eval("return {redis.call('GET', KEYS[1]) or '',"
                            + " redis.call('PTTL', KEYS[1])}", List.of(feederKey(topic)), List.of());
                    long now = System.nanoTime();
                    if (!NODE_B.equals(holderAndTtl.get(0))) {
                        return now < expiresAt - Duration.ofMillis(200).toNanos();
                    }
                    expiresAt = now + Duration.ofMillis((Long) holderAndTtl.get(1)).toNanos();
                    Thread.sleep(20);
                }
            }
        });
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Emits warm-up events until one is relayed: the relay is connected, whichever node runs it. */
    private static void awaitRelaying(String run, EventSubscription subscriber) {
        Waits.atMost(DELIVERY).pollInterval(Duration.ofMillis(500)).until(() -> {
            upstream.stream().emit("warm-up", item(run, 0).toString());
            return !ofRun(subscriber, "warm-up", run).isEmpty();
        });
    }

    private static JsonObject item(String run, int n) {
        return Json.createObjectBuilder().add("run", run).add("n", n).build();
    }

    /** The events of that name a subscriber got with the upstream's data of this run. */
    private static List<Received> ofRun(EventSubscription subscriber, String name, String run) {
        return subscriber.named(name).stream()
                .filter(event -> run.equals(event.json().getJsonObject("data").getString("run", null))).toList();
    }

    private static List<Integer> numbers(List<Received> events) {
        return events.stream().map(event -> event.json().getJsonObject("data").getInt("n")).toList();
    }

    private static void assertContiguous(List<String> ids) {
        String epoch = ids.get(0).split("-")[0];
        long first = Long.parseLong(ids.get(0).split("-")[1]);
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(epoch + "-" + (first + i), ids.get(i), "published once each, nothing between: " + ids);
        }
    }

    private static String feederKey(String topic) {
        return "herald:{" + topic + "}:feeder";
    }

    /** The node holding the lease of the upstream feeding the topic, or null. */
    private static String feeder(String topic) {
        try (Jedis redis = new Jedis("127.0.0.1", RedisServer.port())) {
            return redis.get(feederKey(topic));
        }
    }

    /** Publishes once; true if acknowledged (its id added), else the refusal (a problem) added. */
    private static boolean tryPublish(HeraldClient via, String topic, String phase, List<String> acknowledged,
                                      List<JsonObject> refusals) {
        String body = Json.createObjectBuilder().add("event", "step")
                .add("data", Json.createObjectBuilder().add("phase", phase)).build().toString();
        try (Response response = via.post(topic, body, MediaType.APPLICATION_JSON)) {
            JsonObject answer = HeraldClient.json(response.readEntity(String.class));
            if (response.getStatus() == 202) {
                acknowledged.add(answer.getString("id"));
                return true;
            }
            refusals.add(answer);
            return false;
        }
    }

    /**
     * The {@code herald-broker} check of a node's readiness, which must answer {@code status} if given.
     */
    private static JsonObject brokerCheck(URL node, Integer status) throws IOException, InterruptedException {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(node.toString()).resolve("/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        if (status != null) {
            assertEquals(status, ready.statusCode(), ready.body());
        }
        return HeraldClient.json(ready.body()).getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals("herald-broker")).findFirst().orElseThrow();
    }

    /** Publishes an end marker on node B and waits until every subscriber has it: everything before has arrived. */
    private void finish(String topic, EventSubscription... subscribers) {
        b.publish(topic, "end", Json.createObjectBuilder().build());
        for (EventSubscription subscriber : subscribers) {
            subscriber.awaitCount("end", 1, DELIVERY);
        }
    }

    private static List<String> ids(List<Received> events) {
        return events.stream().map(Received::id).toList();
    }

    private static List<String> events(List<Received> events) {
        return events.stream().map(event -> event.id() + " " + event.data()).toList();
    }

    private static String uniqueTopic() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
