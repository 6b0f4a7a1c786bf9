package dev.herald.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.herald.support.FakeUpstreamIT;
import dev.herald.support.HeraldClient;
import dev.herald.support.TcpProxy;
import dev.herald.support.TestTokens;
import dev.herald.support.Waits;

/**
 * Herald's Java client against the real server, through a TCP proxy that breaks its connections the way a
 * network does. The test configuration keeps 200 events of history; Herald's {@code retry:} is 3 s, which the
 * client waits at least before it reconnects after a break.
 */
class HeraldSubscriptionIT extends FakeUpstreamIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private HeraldClient herald;
    private TcpProxy proxy;
    private final List<HeraldEvent> events = new CopyOnWriteArrayList<>();
    private final List<HeraldProblem> errors = new CopyOnWriteArrayList<>();
    private final List<JsonObject> resets = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<Long> errorTimes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        herald = new HeraldClient(deployment);
        proxy = TcpProxy.to(URI.create(deployment.toString()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        herald.close();
    }

    private HeraldSubscription.Builder subscription(String topic) {
        return HeraldSubscription.to(proxy.via(herald.topic(topic)))
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .onEvent(events::add)
                .onError(problem -> {
                    errorTimes.add(System.currentTimeMillis());
                    errors.add(problem);
                })
                .onReset(resets::add)
                .onStateChange(states::add);
    }

    private static String uniqueTopic() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private List<String> ids() {
        return events.stream().map(HeraldEvent::id).toList();
    }

    private void publish(String topic, int count) {
        for (int i = 0; i < count; i++) {
            herald.publish(topic, "tick", Json.createValue(i));
        }
    }

    @Test
    void breaksAndARestartLoseAndRepeatNothingAndEveryRequestCarriesTheToken() throws Exception {
        String topic = uniqueTopic();
        List<String> published = new CopyOnWriteArrayList<>();
        String token = TestTokens.token().subscribe(topic).sign(); // checked even on a public topic
        try (HeraldSubscription subscription = subscription(topic).bearerToken(token).open()) {
            Waits.atMost(BOUND).until(() -> states.contains(ConnectionState.OPEN));
            CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 120; i++) {
                    published.add(herald.publish(topic, "tick", Json.createValue(i)));
                    sleep(50);
                }
            });
            Waits.atMost(BOUND).until(() -> events.size() >= 20);
            proxy.cutAll(); // the network drops the stream...
            awaitReconnected(1);
            proxy.refuse(true); // ...then the server is away for a while...
            proxy.cutAll();
            sleep(1000);
            proxy.refuse(false); // ...and back
            awaitReconnected(2);
            publisher.get();
            Waits.atMost(BOUND).until(() -> events.size() >= published.size());

            assertEquals(published, ids(), "every event once, in order");
            assertTrue(resets.isEmpty(), "the history covered the breaks: " + resets);
            List<TcpProxy.Request> requests = proxy.requests();
            assertTrue(requests.size() >= 3, "reconnected at least twice: " + requests + ", states " + states);
            for (TcpProxy.Request request : requests) {
                assertTrue(request.head().contains("Authorization: Bearer " + token), request.head());
            }
            for (TcpProxy.Request request : requests.subList(1, requests.size())) {
                assertTrue(request.head().contains("Last-Event-ID: "), "a reconnect resumes: " + request.head());
            }
        }
    }

    /** Waits until the subscription went through {@code times} reconnects and is open again. */
    private void awaitReconnected(int times) {
        Waits.atMost(BOUND).until(() -> states.stream().filter(ConnectionState.RECONNECTING::equals).count() >= times
                && states.get(states.size() - 1) == ConnectionState.OPEN);
    }

    @Test
    void aFatalErrorStopsTheSubscriptionForGood() {
        // Not among the test configuration's allowed topics (demo, it-*): fatal, retrying cannot help.
        try (HeraldSubscription subscription = subscription("forbidden-" + UUID.randomUUID()).open()) {
            Waits.atMost(BOUND).until(() -> states.contains(ConnectionState.CLOSED));
            assertEquals(1, errors.size());
            assertFalse(errors.get(0).retryable());
            assertEquals("unknown-topic", errors.get(0).slug());
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> proxy.requests().size() == 1);
            assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CLOSED), states);
        }
    }

    @Test
    void aRetryableErrorIsRetriedNoSoonerThanItsRetryAfter() {
        // The relayed topic, with nothing relayed yet in this deployment, cannot start while its upstream fails:
        // a new subscriber gets a retryable error with retryAfterMs.
        upstream.stream().failing(true);
        upstream.stream().dropConnections();
        Waits.atMost(BOUND).until(() -> !"up".equals(herald.status("it-relayed").getString("upstream", "up")));
        try (HeraldSubscription subscription = subscription("it-relayed").open()) {
            Waits.atMost(BOUND).until(() -> errors.size() >= 2);
            HeraldProblem first = errors.get(0);
            assertTrue(first.retryable(), first.toString());
            assertTrue(first.slug().startsWith("upstream-"), first.slug());
            long retryAfter = first.retryAfterMs().orElseThrow();
            long secondAttempt = proxy.requests().get(1).atMillis();
            assertTrue(secondAttempt - errorTimes.get(0) >= retryAfter - 20,
                    "waited " + (secondAttempt - errorTimes.get(0)) + " ms of " + retryAfter);

            upstream.stream().failing(false); // the upstream is mended: the next try opens the stream
            Waits.atMost(BOUND).until(() -> states.get(states.size() - 1) == ConnectionState.OPEN);
            int id = upstream.stream().emit("price", "{\"price\":7}");
            Waits.atMost(BOUND).until(() -> events.stream().anyMatch(event -> "price".equals(event.name())));
            HeraldEvent price = events.stream().filter(event -> "price".equals(event.name())).findFirst().orElseThrow();
            assertEquals(String.valueOf(id), price.data().asJsonObject().getString("upstreamId"));
        }
    }

    @Test
    void aGapIsToldByOneResetThenTheStreamGoesOn() {
        String topic = uniqueTopic();
        try (HeraldSubscription subscription = subscription(topic).open()) {
            Waits.atMost(BOUND).until(() -> states.contains(ConnectionState.OPEN));
            publish(topic, 1);
            Waits.atMost(BOUND).until(() -> events.size() == 1);
            proxy.refuse(true);
            proxy.cutAll();
            publish(topic, 250); // more than the history holds: the client's last id is evicted
            proxy.refuse(false);
            Waits.atMost(BOUND).until(() -> resets.size() == 1);
            assertEquals("evicted", resets.get(0).getString("reason"), resets.get(0).toString());

            proxy.cutAll(); // another break: it resumes after the reset's id, no second reset
            publish(topic, 5);
            Waits.atMost(BOUND).until(() -> events.size() == 6);
            assertEquals(1, resets.size());
        }
    }

    @Test
    void closingLeavesNoThreadAndNoConnection() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        HeraldSubscription subscription = subscription(uniqueTopic()).open();
        Waits.atMost(BOUND).until(() -> states.contains(ConnectionState.OPEN));
        assertEquals(1, proxy.openConnections());

        subscription.close();
        assertEquals(ConnectionState.CLOSED, states.get(states.size() - 1));
        Waits.atMost(BOUND).until(() -> proxy.openConnections() == 0);
        Waits.atMost(BOUND).untilAsserted(() -> assertEquals(List.of(), leftOver(before)));
    }

    /** Threads started since {@code before} that still run, but the proxy's own and the JDK's shared pool. */
    private static List<String> leftOver(Set<Thread> before) {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && thread.isAlive() && !thread.getName().equals("tcp-proxy")
                    && !thread.getName().startsWith("awaitility")
                    && !thread.getName().startsWith("ForkJoinPool.commonPool")) {
                names.add(thread.getName());
            }
        }
        return names.stream().sorted().collect(Collectors.toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
