package dev.herald.hostile;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.herald.support.Canary;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldDeployment;
import dev.herald.support.HeraldIT;
import dev.herald.support.RawStream;
import dev.herald.support.ServerHeap;
import dev.herald.support.ServerLog;
import dev.herald.support.SocketStreams;
import dev.herald.support.SseFrames;
import dev.herald.support.StalledReader;
import dev.herald.support.TestTokens;
import dev.herald.support.Waits;

/**
 * Attacks on what streams and topics hold, each while a well-behaved canary keeps publishing and receiving. After
 * each one: the canary got every acknowledged event once and in order, a fresh stream opens within a second, and
 * the server's live heap (after a full collection) is back within Herald's budgets.
 * <p>
 * The test configuration makes the budgets small (see the failsafe settings in pom.xml): 500 topics, history of
 * 8 MiB across topics, 4 MiB of pending events (256 KiB per subscriber), a 1 s heartbeat.
 */
class StreamAttacksIT extends HeraldIT {

    /** What the attacks may leave on the heap: the test configuration's history and pending budgets, and slack. */
    private static final long HEAP_SLACK_BYTES = 48L << 20;

    /**
     * How soon a stream closed by its client is released: on Payara when Grizzly sees the connection close (HTTP/1.1),
     * elsewhere (Open Liberty tells no application) when a heartbeat's write fails.
     */
    private static final Duration CLOSED_STREAMS_RELEASED = "payara".equals(System.getProperty("herald.server"))
            ? Duration.ofMillis(1500) : Duration.ofSeconds(5);
    /** Herald's bound on what clients that go away may add to the server's log (issue 19: 100 KB per 2,000). */
    private static final long ABORTED_LOG_BYTES = 100_000;

    private Canary canary;
    private long heapBefore;

    private String attack;

    @BeforeEach
    void startCanary(org.junit.jupiter.api.TestInfo test) {
        attack = test.getDisplayName();
        heapBefore = ServerHeap.liveBytesAfterFullGc(deployment.getPort());
        canary = Canary.on(herald.topic(uniqueTopic()));
        canary.awaitProgress(5, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopCanary() {
        canary.close();
    }

    /** The checks after every attack. */
    private void assertServerUnharmed() {
        canary.awaitProgress(5, Duration.ofSeconds(20));
        assertFreshStreamOpensWithinASecond();
        canary.assertIntact();
        long heapAfter = ServerHeap.liveBytesAfterFullGc(deployment.getPort());
        System.out.printf("%s: live heap %d MiB before, %d MiB after; slowest canary publish %d ms%n", attack,
                heapBefore >> 20, heapAfter >> 20, canary.slowestPublishMillis());
        assertTrue(heapAfter - heapBefore < HEAP_SLACK_BYTES, "live heap after the attack: " + (heapAfter >> 20)
                + " MiB, before: " + (heapBefore >> 20) + " MiB");
    }

    private void assertFreshStreamOpensWithinASecond() {
        long start = System.nanoTime();
        try (RawStream fresh = RawStream.open(herald.topic(uniqueTopic()), "text/event-stream")) {
            fresh.awaitText(text -> text.contains("event: subscribed"), Duration.ofSeconds(1));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis <= Waits.scaled(Duration.ofSeconds(1)).toMillis(), "a fresh stream took " + millis + " ms");
    }

    @Test
    void headRequestsNeverLeaveASubscriberBehind() throws Exception {
        String topic = uniqueTopic();
        URI uri = herald.topic(topic);
        for (int i = 0; i < 300; i++) {
            String head = SocketStreams.head(uri, "text/event-stream");
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
        }
        assertEquals(0, herald.subscribers(topic), "HEAD subscribes nobody");
        String invalid = SocketStreams.head(herald.topic("bad%20name"), "text/event-stream");
        assertTrue(!invalid.startsWith("HTTP/1.1 2") || !invalid.contains("subscribed"), invalid);
        assertServerUnharmed();
    }

    @Test
    void streamsClosedByTheirClientsAreReleasedWithinSeconds() throws Exception {
        String topic = uniqueTopic();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                sockets.add(SocketStreams.open(herald.topic(topic)));
            }
            assertEquals(300, herald.subscribers(topic));
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        // Nothing is published on the topic. Payara's connection tells when its client closes it; elsewhere the
        // heartbeat (1 s in the test configuration) must find them gone, its second write at the latest.
        long closed = System.nanoTime();
        Waits.atMost(CLOSED_STREAMS_RELEASED).until(() -> herald.subscribers(topic) == 0);
        System.out.printf("%s: 300 streams released %d ms after their clients closed them%n", attack,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed));
        assertServerUnharmed();
    }

    @Test
    void openAndCloseChurnLeavesNothingBehind() throws Exception {
        String topic = uniqueTopic();
        int streams = 3000;
        AtomicInteger opened = new AtomicInteger();
        ExecutorService churners = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < 16; worker++) {
                work.add(churners.submit(() -> {
                    while (opened.incrementAndGet() <= streams) {
                        try (Socket socket = SocketStreams.open(herald.topic(topic))) {
                            // opened and closed at once
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : work) {
                each.get(3, TimeUnit.MINUTES);
            }
        } finally {
            churners.shutdownNow();
        }
        Waits.atMost(CLOSED_STREAMS_RELEASED).until(() -> herald.subscribers(topic) == 0);
        assertServerUnharmed();
    }

    @Test
    void aHistoryFloodAcrossTopicsStaysWithinTheBudgetAndTellsResumersWhatTheyLost() {
        String first = uniqueTopic();
        String resumeFrom = herald.publish(first, "bulk", Json.createValue("a"));
        herald.publish(first, "bulk", Json.createValue("b"));
        String pad = "x".repeat(3500); // near the test configuration's 4096-byte data limit
        for (int topic = 0; topic < 40; topic++) {
            String name = uniqueTopic();
            for (int n = 0; n < 100; n++) {
                herald.publish(name, "bulk", Json.createObjectBuilder().add("n", n).add("pad", pad).build());
            }
        }
        // ~28 MiB of history was published against an 8 MiB budget: the least recently used topic lost its
        // history, and a client resuming there is told what it lost instead of silently missing it.
        String current = herald.publish(first, "bulk", Json.createValue("c"));
        try (RawStream resumed = RawStream.open(herald.topic(first), "text/event-stream",
                Map.of("Last-Event-ID", resumeFrom))) {
            String text = resumed.awaitText(body -> body.contains("event: reset") || body.contains("\"c\""),
                    Duration.ofSeconds(10));
            String reset = SseFrames.split(text).stream().filter(frame -> frame.contains("event: reset"))
                    .findFirst().orElseThrow(() -> new AssertionError("a reset, not a silent gap: " + text));
            JsonObject data = HeraldClient.json(SseFrames.field(reset, "data"));
            assertEquals("evicted", data.getString("reason"));
            assertEquals(1, data.getInt("lost"), "event b");
            assertEquals(current, data.getString("currentId"));
        }
        assertServerUnharmed();
    }

    @Test
    void aFloodOfTinyEventsIsCountedByWhatItCostsOnTheHeap() throws Exception {
        // 26,000 events of one byte of data over 130 topics (the test configuration keeps 200 per topic): ~1 MiB of
        // payload and wire, but ~9 MiB on the heap with their ids, names and bookkeeping, against an 8 MiB budget.
        // Counted by their payload they would never reach it (so 1.8 M tiny events would fill a 512 MB heap at the
        // default 64 MiB); counted by their heap cost, the least recently used topic loses its history.
        String first = uniqueTopic();
        String resumeFrom = herald.publish(first, "e", Json.createValue(0));
        herald.publish(first, "e", Json.createValue(1));
        ExecutorService publishers = Executors.newFixedThreadPool(3); // the canary sends the 4th body this client may
        try {
            List<Future<?>> published = new ArrayList<>();
            for (int topic = 0; topic < 130; topic++) {
                String name = uniqueTopic();
                published.add(publishers.submit(() -> {
                    for (int n = 0; n < 200; n++) {
                        herald.publish(name, "e", Json.createValue(0));
                    }
                }));
            }
            for (Future<?> done : published) {
                done.get(300, TimeUnit.SECONDS);
            }
        } finally {
            publishers.shutdownNow();
        }
        String current = herald.publish(first, "e", Json.createValue(2));
        try (RawStream resumed = RawStream.open(herald.topic(first), "text/event-stream",
                Map.of("Last-Event-ID", resumeFrom))) {
            String text = resumed.awaitText(body -> body.contains("event: reset") || body.contains("data: 2"),
                    Duration.ofSeconds(10));
            String reset = SseFrames.split(text).stream().filter(frame -> frame.contains("event: reset"))
                    .findFirst().orElseThrow(() -> new AssertionError("evicted by the budget: " + text));
            JsonObject data = HeraldClient.json(SseFrames.field(reset, "data"));
            assertEquals("evicted", data.getString("reason"));
            assertEquals(current, data.getString("currentId"));
        }
        assertServerUnharmed();
    }

    @Test
    void clientsStalledOnManyTopicsCannotGrowTheHeap() throws Exception {
        // 40 topics, each with a client that stopped reading, each fed 300 events of ~3.5 KB: ~40 MiB that
        // nobody reads. Herald holds at most 256 KiB per queue and 4 MiB across queues in the test configuration;
        // the rest must not pile up in the server's write buffers either. Checked while they are still connected.
        List<String> topics = new ArrayList<>();
        List<StalledReader> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                String topic = uniqueTopic();
                topics.add(topic);
                stalled.add(new StalledReader(herald.topic(topic)));
            }
            Waits.atMost(Duration.ofSeconds(20)).until(() -> topics.stream().allMatch(t -> herald.subscribers(t) == 1));
            String pad = "x".repeat(3500);
            for (int n = 0; n < 300; n++) {
                for (String topic : topics) {
                    herald.publish(topic, "bulk", Json.createObjectBuilder().add("n", n).add("pad", pad).build());
                }
            }
            assertServerUnharmed();
        } finally {
            for (StalledReader reader : stalled) {
                reader.close();
            }
        }
    }

    @Test
    void clientsThatStopReadingAreClosedAndTheirConnectionsLetGo() throws Exception {
        // 20 clients stop reading on one topic fed far faster than their socket buffers can hold: each is closed as
        // slow-consumer (its queue limit, or, on Payara, its connection full for the stall timeout) and its response
        // ends: a stalled client keeps no stream, buffer or slot on the server (Payara drops its socket).
        String topic = uniqueTopic();
        List<StalledReader> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                stalled.add(new StalledReader(herald.topic(topic)));
            }
            Waits.atMost(Duration.ofSeconds(20)).until(() -> herald.subscribers(topic) == 20);
            String pad = "x".repeat(3500);
            ExecutorService publishers = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> published = new ArrayList<>();
                for (int n = 0; n < 3000; n++) {
                    JsonObject data = Json.createObjectBuilder().add("n", n).add("pad", pad).build();
                    published.add(publishers.submit(() -> herald.publish(topic, "bulk", data)));
                }
                for (Future<String> id : published) {
                    id.get(60, TimeUnit.SECONDS);
                }
            } finally {
                publishers.shutdownNow();
            }
            Waits.atMost(Duration.ofSeconds(60)).until(() -> herald.subscribers(topic) == 0);
            JsonObject counts = herald.status(topic).getJsonObject("counts");
            assertEquals(20, counts.getJsonObject("errors").getInt("slow-consumer"), counts.toString());
            int ended = 0;
            for (StalledReader reader : stalled) {
                reader.drain(10_000);
                ended += reader.ended() ? 1 : 0;
            }
            assertEquals(20, ended, "responses ended by the server (last chunk, or the connection closed)");
            assertServerUnharmed();
        } finally {
            for (StalledReader reader : stalled) {
                reader.close();
            }
        }
    }

    @Test
    void topicNamesCannotBeUsedUp() {
        // Twice the test configuration's 500 topics, each used once and left: the oldest make room for the new.
        for (int n = 0; n < 1000; n++) {
            herald.publish(uniqueTopic(), "once", Json.createValue(n));
        }
        assertServerUnharmed();
    }

    @Test
    void clientsThatResetTheirRequestsCostACounterNotTheLog() throws Exception {
        String topic = uniqueTopic();
        URI uri = herald.topic(topic);
        String body = "{\"event\":\"e\",\"data\":1}";
        String publish = "POST " + uri.getRawPath() + "/events HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n";
        String[] requests = {
            publish + "Authorization: Bearer not.a.token\r\n\r\n" + body, // refused: 401
            publish + "\r\n" + body, // accepted: 202
            "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAccept: text/event-stream\r\n\r\n"};
        // The test configuration's upstreams point at a port where nothing answers in this class: their failed polls
        // are logged, and are not what is measured.
        long logged = ServerLog.bytesWrittenDuring(() -> sendAndReset(uri, requests, 2000),
                record -> record.contains("dev.herald.upstream") || record.contains("upstream it-"));
        System.out.printf("%s: 2000 reset requests added %d bytes to the server's log%n", attack, logged);
        assertTrue(logged < ABORTED_LOG_BYTES, "2000 requests reset by their clients logged " + logged + " bytes");
        // Streams whose client reset before they were even subscribed are released too; on Payara a few of them
        // were seen to wait for the heartbeat after such a storm (the listener's fast path is tested above), and on
        // Open Liberty on a busy CI machine for over 5 s (usually < 100 ms): a bound, not a speed, is tested here.
        long settled = System.nanoTime();
        Waits.atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(0, herald.subscribers(topic), "reset streams still held"));
        System.out.printf("%s: streams released %d ms after the log settled%n", attack,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settled));
        assertServerUnharmed();
    }

    /** Sends {@code count} requests from 16 threads, taking turns, each on a connection reset at once. */
    private static void sendAndReset(URI uri, String[] requests, int count) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < 16; worker++) {
                work.add(clients.submit(() -> {
                    for (int i; (i = sent.getAndIncrement()) < count; ) {
                        sendAndReset(uri, requests[i % requests.length]);
                    }
                    return null;
                }));
            }
            for (Future<?> each : work) {
                each.get(3, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Sends a request and resets the connection at once (SO_LINGER 0: RST instead of FIN), before any answer. */
    private static void sendAndReset(URI uri, String request) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoLinger(true, 0);
        }
    }

    // ---- HTTP/2: streams the client resets (RST_STREAM) on a connection it keeps ----

    @Test
    void streamsResetOverHttp2AreReleasedAtOnceAndGiveBackTheirQuota() throws Exception {
        // 100 streams on two connections of 50: Open Liberty ends a connection at its 100th reset within 30 s
        // (maxResetFrames), which the flood below checks.
        String topic = uniqueTopic();
        try (RawHttp2 first = RawHttp2.connect(HeraldDeployment.httpsPort());
             RawHttp2 second = RawHttp2.connect(HeraldDeployment.httpsPort())) {
            Map<RawHttp2, List<Integer>> streams = Map.of(first, new ArrayList<>(), second, new ArrayList<>());
            int opened = 0;
            for (var each : streams.entrySet()) {
                for (int i = 0; i < 50; i++) {
                    each.getValue().add(each.getKey().get(RawHttp2.path(herald.topic(topic)),
                            Map.of("Accept", "text/event-stream")));
                }
                each.getKey().flush();
                opened += 50;
                int expected = opened;
                Waits.atMost(Duration.ofSeconds(20)).until(() -> herald.subscribers(topic), equalTo(expected));
            }
            long start = System.nanoTime();
            for (var each : streams.entrySet()) {
                for (int stream : each.getValue()) {
                    each.getKey().reset(stream);
                }
                each.getKey().flush();
            }
            // The connections stay open (a browser keeps one for the page's other requests): only the resets tell.
            try {
                Waits.atMost(Duration.ofSeconds(3)).until(() -> herald.subscribers(topic) == 0);
            } finally {
                System.out.printf("%s: %d of 100 reset streams still counted after %d ms%n", attack,
                        herald.subscribers(topic), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            // Requests that end normally are no resets: the connection serves 150 more without a GOAWAY.
            RawHttp2 h2 = first;
            int before = h2.responses();
            try {
                for (int batch = 1; batch <= 3; batch++) {
                    for (int i = 0; i < 50; i++) {
                        h2.get(RawHttp2.path(herald.topic(topic)), Map.of("Accept", "application/json"));
                    }
                    h2.flush();
                    int expected = before + 50 * batch;
                    Waits.atMost(Duration.ofSeconds(20)).until(() -> h2.responses() >= expected || h2.ended());
                }
            } catch (IOException closed) {
                // reported below
            }
            assertTrue(!h2.ended(), "the connection ended: GOAWAY " + h2.goAwayError() + " (last stream "
                    + h2.goAwayLastStream() + ") after " + (h2.responses() - before) + " answered requests");
        }

        // A principal's streams, reset, give its quota back (5 streams in the test configuration): it opens a
        // new stream at once, over HTTP/1.1 too.
        String secret = "sec-" + uniqueTopic();
        String token = TestTokens.token().subscribe(secret).sign();
        Map<String, String> withToken = Map.of("Accept", "text/event-stream", "Authorization", "Bearer " + token);
        try (RawHttp2 h2 = RawHttp2.connect(HeraldDeployment.httpsPort())) {
            List<Integer> streams = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                streams.add(h2.get(RawHttp2.path(herald.topic(secret)), withToken));
            }
            h2.flush();
            Waits.atMost(Duration.ofSeconds(20)).until(() -> herald.subscribers(secret, token) == 5);
            for (int stream : streams) {
                h2.reset(stream);
            }
            h2.flush();
            Waits.atMost(Duration.ofSeconds(3)).until(() -> herald.subscribers(secret, token) == 0);
            try (RawStream again = RawStream.open(herald.topic(secret), "text/event-stream",
                    Map.of("Authorization", "Bearer " + token))) {
                String text = again.awaitText(body -> body.contains("event: "), Duration.ofSeconds(3));
                assertTrue(text.contains("event: subscribed"), "not refused for the reset streams' quota: " + text);
            }
        }
        assertServerUnharmed();
    }

    @Test
    void aFloodOfStreamsResetOverHttp2EndsTheConnection() throws Exception {
        // CVE-2023-44487 ("rapid reset"): HEADERS and RST_STREAM at once, for ever, on one connection. Each
        // request costs the server its dispatch and a subscription while it costs the client two frames; the
        // concurrent-streams limit never applies to streams that are reset. The server ends the connection.
        String topic = uniqueTopic();
        String path = RawHttp2.path(herald.topic(topic));
        long cpuBefore = ServerHeap.cpuMillis(deployment.getPort());
        long start = System.nanoTime();
        int sent = 0;
        try (RawHttp2 h2 = RawHttp2.connect(HeraldDeployment.httpsPort())) {
            try {
                for (; sent < 10_000 && !h2.ended(); sent++) {
                    h2.reset(h2.get(path, Map.of("Accept", "text/event-stream")));
                    if (sent % 50 == 49) {
                        h2.flush();
                    }
                }
                h2.flush();
            } catch (IOException closedByTheServer) {
                // what the test wants
            }
            long sendingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            int count = sent;
            System.out.printf("%s: %d of 10000 HEADERS+RST_STREAM written in %d ms, ended: %b%n", attack, count,
                    sendingMillis, h2.ended());
            try {
                Waits.atMost(Duration.ofSeconds(10)).until(h2::ended);
            } finally {
                System.out.printf("%s: connection ended %b after %d ms, GOAWAY error %d (last stream %d),"
                        + " server CPU %d ms%n", attack, h2.ended(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                        - start), h2.goAwayError(), h2.goAwayLastStream(),
                        ServerHeap.cpuMillis(deployment.getPort()) - cpuBefore);
            }
        }
        Waits.atMost(Duration.ofSeconds(5)).until(() -> herald.subscribers(topic) == 0);
        assertServerUnharmed();
    }
}
