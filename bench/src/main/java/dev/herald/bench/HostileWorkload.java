package dev.herald.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * Issue 11, "a hostile client cannot take Herald down": four attacks one after another, against the server's
 * default heap, while a canary subscriber receives a steady publish on a topic of its own. For each attack: the
 * server's live heap after a full GC before and after, the canary's publish-to-receive p50/p99 during the attack,
 * what the canary lost or received twice (and how often its stream was cut), and whether a fresh stream opens
 * within 1 s right after the attack.
 * <ol type="a">
 * <li>stream churn: streams opened (up to the head) and closed as fast as {@code connections} allow;</li>
 * <li>HEAD flood: {@code HEAD /api/topics/x} with {@code Accept: text/event-stream}, one per connection;</li>
 * <li>slow bodies: connections trickling a publish body one byte per second;</li>
 * <li>history flood: many topics × many large events, which every topic keeps as history.</li>
 * </ol>
 * Every loop is bounded by a count and a time; all traffic goes to the target (loopback). Not in the default set of
 * bench/run.sh: {@code BENCH_TARGETS=herald BENCH_WORKLOADS=hostile bench/run.sh}. Sizes ({@code -D…}, smoke in
 * brackets): {@code bench.hostile.canaryRate} 10/s; {@code bench.hostile.churn.streams} 20,000 [200],
 * {@code .churn.connections} 50 [5], {@code .churn.seconds} 60 [10]; {@code .head.requests} 5,000 [100],
 * {@code .head.connections} 50 [5]; {@code .slowBodies.connections} 80 [5], {@code .slowBodies.seconds} 30 [3];
 * {@code .history.topics} 200 [3], {@code .history.events} 70 [3] per topic, {@code .history.eventBytes} 60,000,
 * {@code .history.connections} 4, {@code .history.seconds} 60 [10].
 */
final class HostileWorkload implements Workload {

    private static final Pattern SUBSCRIBERS = Pattern.compile("\"subscribers\"\\s*:\\s*(\\d+)");
    /** How long a fresh stream may take to open for the server to count as responsive. */
    private static final long RESPONSIVE_MILLIS = 1000;
    /** How long the streams an attack left behind may take to go (two heartbeat intervals). */
    private static final long SETTLE_MILLIS = 30_000;

    /** One attack: runs bounded, returns its own figures (label → value). */
    private interface Attack {
        Map<String, Double> run(Target target) throws Exception;
    }

    private record Named(String label, String topic, Attack attack) {
    }

    @Override
    public String name() {
        return "hostile";
    }

    @Override
    public void run(Target target, BenchConfig config, Results results) throws Exception {
        boolean smoke = config.smoke();
        double canaryRate = d("bench.hostile.canaryRate", 10);
        int churnStreams = i("bench.hostile.churn.streams", smoke ? 200 : 20_000);
        int churnConnections = i("bench.hostile.churn.connections", smoke ? 5 : 50);
        int churnSeconds = i("bench.hostile.churn.seconds", smoke ? 10 : 60);
        int heads = i("bench.hostile.head.requests", smoke ? 100 : 5_000);
        int headConnections = i("bench.hostile.head.connections", smoke ? 5 : 50);
        int slowBodies = i("bench.hostile.slowBodies.connections", smoke ? 5 : 80);
        int slowBodySeconds = i("bench.hostile.slowBodies.seconds", smoke ? 3 : 30);
        int historyTopics = i("bench.hostile.history.topics", smoke ? 3 : 200);
        int historyEvents = i("bench.hostile.history.events", smoke ? 3 : 70);
        int historyBytes = i("bench.hostile.history.eventBytes", 60_000);
        int historyConnections = i("bench.hostile.history.connections", 4);
        int historySeconds = i("bench.hostile.history.seconds", smoke ? 10 : 60);

        String churnTopic = Workload.topic("hostile-churn", 0);
        String headTopic = Workload.topic("hostile-head", 0);
        String slowTopic = Workload.topic("hostile-slow-body", 0);
        List<Named> attacks = List.of(
                new Named(String.format("(a) stream churn (%,d streams, %d connections, ≤ %d s)", churnStreams,
                        churnConnections, churnSeconds), churnTopic,
                        t -> churn(t, churnTopic, churnStreams, churnConnections, churnSeconds)),
                new Named(String.format("(b) HEAD flood (%,d, %d connections, ≤ 120 s)", heads, headConnections), headTopic,
                        t -> headFlood(t, headTopic, heads, headConnections)),
                new Named(String.format("(c) slow bodies (%d connections, 1 B/s, %d s)", slowBodies, slowBodySeconds),
                        slowTopic, t -> slowBodies(t, slowTopic, slowBodies, slowBodySeconds)),
                new Named(String.format("(d) history flood (%d topics × %d events × %,d B, ≤ %d s)", historyTopics,
                        historyEvents, historyBytes, historySeconds), null,
                        t -> historyFlood(t, historyTopics, historyEvents, historyBytes, historyConnections,
                                historySeconds)));

        String canaryTopic = Workload.topic("hostile-canary", 0);
        try (LoadClient canaryClient = new LoadClient(1, 1);
             Publisher canaryPublisher = new Publisher(target, List.of(canaryTopic), canaryRate, 256)) {
            Subscription canary = canaryClient.subscribe(target, canaryTopic, false);
            if (canaryClient.awaitOpen(30_000) == 0) {
                throw new IllegalStateException("the canary's stream did not open");
            }
            canaryPublisher.start();
            LoadClient.sleep(2000);
            for (Named named : attacks) {
                String w = "hostile " + named.label();
                System.out.println("  attack " + named.label());
                long heapBefore = liveHeapKb(target);
                long firstSeq = canaryPublisher.lastSeq(0) + 1;
                long duplicatesBefore = canary.duplicates;
                long connectsBefore = canary.connects;
                canaryClient.resetLatencies();
                canaryClient.recording(true);
                long start = System.nanoTime();
                Map<String, Double> figures;
                try {
                    figures = named.attack().run(target);
                } catch (Exception | AssertionError e) {
                    System.out.println("  attack failed: " + e);
                    figures = Map.of("attack failed", 1.0);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                // Events published during the attack may still be on their way (a starved publish, a backlog):
                // their latency counts, the canary's events published after the attack do not.
                canaryClient.recordDueBeforeNow();
                long lastSeq = canaryPublisher.lastSeq(0);
                double openMillis = freshStreamMillis(target, 10_000);
                long deadline = System.nanoTime() + 40_000_000_000L; // a publish may take its 30 s timeout
                while (canaryPublisher.inFlight() > 0 && System.nanoTime() < deadline) {
                    LoadClient.sleep(20);
                }
                canaryClient.awaitAll(s -> s.maxSeq >= lastSeq, 10_000);
                canaryClient.recording(false);
                Histogram latency = canaryClient.latencies();
                long[] lost = new long[1];
                canary.loop.call(() -> lost[0] = canary.missing(firstSeq, lastSeq, canaryPublisher::failed));
                long failedPublishes = java.util.stream.LongStream.rangeClosed(firstSeq, lastSeq)
                        .filter(canaryPublisher::failed).count();
                long heapAfter = liveHeapKb(target);

                results.put(w, "attack duration", "s", target.name(), seconds);
                figures.forEach((label, value) -> results.put(w, label, "", target.name(), value));
                if (named.topic() != null && target.kind() == Target.Kind.HERALD) {
                    // Streams the attacker closed stay subscribed until a write to them fails (a heartbeat): how
                    // many, and whether they are gone before the next attack (so that it starts clean).
                    double left = subscribers(target, named.topic());
                    results.put(w, "subscribers left on the attacked topic", "", target.name(), left);
                    long settleEnd = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
                    while (left > 0 && System.nanoTime() < settleEnd) {
                        LoadClient.sleep(1000);
                        left = subscribers(target, named.topic());
                    }
                    results.put(w, "… still left " + SETTLE_MILLIS / 1000 + " s later (at most)", "", target.name(), left);
                }
                results.put(w, "live heap before (after a full GC)", "MB", target.name(), mb(heapBefore));
                results.put(w, "live heap after (after a full GC)", "MB", target.name(), mb(heapAfter));
                results.put(w, "canary latency p50", "ms", target.name(),
                        latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(50) / 1000.0);
                results.put(w, "canary latency p99", "ms", target.name(),
                        latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1000.0);
                results.put(w, "canary events of the attack received", "", target.name(), latency.getTotalCount());
                results.put(w, "canary events lost", "", target.name(), lost[0]);
                results.put(w, "canary events duplicated", "", target.name(), canary.duplicates - duplicatesBefore);
                results.put(w, "canary stream cut (reconnects)", "", target.name(), canary.connects - connectsBefore);
                results.put(w, "canary publishes failed", "", target.name(), failedPublishes);
                results.put(w, "fresh stream open time after the attack", "ms", target.name(), openMillis);
                results.put(w, "responsive (fresh stream within 1 s; 1 = yes)", "", target.name(),
                        openMillis >= 0 && openMillis <= RESPONSIVE_MILLIS ? 1 : 0);
                LoadClient.sleep(2000);
            }
            canaryPublisher.stop();
        }
    }

    // ---------------------------------------------------------------- (a) stream churn

    private static Map<String, Double> churn(Target target, String topic, int streams, int connections, int seconds)
            throws InterruptedException {
        AtomicLong started = new AtomicLong();
        AtomicLong opened = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        byte[] request = ("GET " + target.subscribePath(topic) + " HTTP/1.1\r\nHost: " + hostPort(target)
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long t0 = System.nanoTime();
        parallel(connections, () -> {
            while (started.incrementAndGet() <= streams && System.nanoTime() < deadline) {
                int status = exchange(target, request, 5000, true);
                (status == 200 ? opened : status > 0 ? refused : failed).incrementAndGet();
            }
        });
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return Map.of("streams opened (200)", (double) opened.get(),
                "streams opened per second", opened.get() / elapsed,
                "streams refused (not 200)", (double) refused.get(),
                "streams failed (no answer in 5 s)", (double) failed.get());
    }

    // ---------------------------------------------------------------- (b) HEAD flood

    private static Map<String, Double> headFlood(Target target, String topic, int requests, int connections)
            throws InterruptedException {
        AtomicLong started = new AtomicLong();
        Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
        byte[] request = ("HEAD " + target.subscribePath(topic) + " HTTP/1.1\r\nHost: " + hostPort(target)
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long deadline = System.nanoTime() + 120_000_000_000L;
        parallel(connections, () -> {
            while (started.incrementAndGet() <= requests && System.nanoTime() < deadline) {
                int status = exchange(target, request, 2000, false);
                byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            }
        });
        long ok = byStatus.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(e -> e.getValue().get()).sum();
        long unanswered = byStatus.getOrDefault(-1, new AtomicLong()).get();
        long total = byStatus.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.println("  HEAD answers by status (-1 = none in 2 s): " + byStatus);
        return Map.of("HEAD answered 2xx", (double) ok,
                "HEAD answered otherwise", (double) (total - ok - unanswered),
                "HEAD without an answer in 2 s", (double) unanswered);
    }

    // ---------------------------------------------------------------- (c) slow bodies

    private static Map<String, Double> slowBodies(Target target, String topic, int connections, int seconds)
            throws IOException {
        // A body longer than the attack, so that it is never complete while the attack lasts.
        StringBuilder body = new StringBuilder("{\"event\":\"slow\",\"data\":{\"pad\":\"");
        while (body.length() < seconds + 16) {
            body.append('x');
        }
        byte[] bodyBytes = body.append("\"}}").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("POST " + target.publishUri(topic).getRawPath() + " HTTP/1.1\r\nHost: " + hostPort(target)
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        List<Socket> sockets = new ArrayList<>();
        long cut = 0;
        long answered = 0;
        try {
            for (int c = 0; c < connections; c++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(target.host(), target.port()), 5000);
                socket.setSoTimeout(1);
                socket.getOutputStream().write(head);
                sockets.add(socket);
            }
            boolean[] done = new boolean[sockets.size()];
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            for (int sent = 0; sent < bodyBytes.length && System.nanoTime() < end; sent++) {
                for (int c = 0; c < sockets.size(); c++) {
                    if (done[c]) {
                        continue;
                    }
                    Socket socket = sockets.get(c);
                    try {
                        if (socket.getInputStream().read() >= 0) { // the server answered before the body ended
                            answered++;
                        } else {
                            cut++;
                        }
                        done[c] = true;
                        continue;
                    } catch (SocketTimeoutException stillWaiting) {
                        // nothing from the server yet: go on trickling
                    } catch (IOException reset) {
                        cut++;
                        done[c] = true;
                        continue;
                    }
                    try {
                        socket.getOutputStream().write(bodyBytes[sent]);
                    } catch (IOException gone) {
                        cut++;
                        done[c] = true;
                    }
                }
                LoadClient.sleep(1000);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        return Map.of("slow bodies answered early by the server", (double) answered,
                "slow bodies cut by the server", (double) cut,
                "slow bodies still open at the end", (double) (sockets.size() - answered - cut));
    }

    // ---------------------------------------------------------------- (d) history flood

    private static Map<String, Double> historyFlood(Target target, int topics, int events, int bytes, int connections,
                                                    int seconds) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long total = (long) topics * events;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String prefix = Workload.topic("hostile-history", 0);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long t0 = System.nanoTime();
        parallel(connections, () -> {
            long n;
            while ((n = next.getAndIncrement()) < total && System.nanoTime() < deadline) {
                String topic = prefix + "-" + (n % topics); // topics take turns, so each grows its history
                String payload = Payload.of(n / topics + 1, System.nanoTime(), bytes);
                HttpRequest request = HttpRequest.newBuilder(target.publishUri(topic))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(target.publishBody(payload)))
                        .build();
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    (status / 100 == 2 ? accepted : refused).incrementAndGet();
                } catch (IOException e) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return Map.of("events accepted", (double) accepted.get(),
                "events accepted per second", accepted.get() / elapsed,
                "events refused (not 2xx)", (double) refused.get(),
                "publishes failed (no answer)", (double) failed.get(),
                "event data accepted (MB)", accepted.get() * (double) bytes / (1024 * 1024));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Sends one request on a fresh connection and reads up to the end of the response head; returns the status,
     * or -1 when no head came within {@code timeoutMillis}. With {@code stream}, waits for the first body bytes
     * too (a stream's first event), so that the server has really opened the stream before it is closed.
     */
    private static int exchange(Target target, byte[] request, int timeoutMillis, boolean stream) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int length = 0;
            int headEnd = -1;
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (System.nanoTime() < deadline && length < buffer.length) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
                if (headEnd < 0) {
                    headEnd = indexOf(buffer, length, "\r\n\r\n");
                }
                if (headEnd >= 0 && (!stream || length > headEnd + 4)) {
                    break;
                }
            }
            if (headEnd < 0) {
                return -1;
            }
            String statusLine = new String(buffer, 0, indexOf(buffer, length, "\r\n"), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Milliseconds until a fresh stream (a topic of its own) answered 200 with its first bytes, or -1. */
    private static double freshStreamMillis(Target target, int timeoutMillis) {
        String topic = Workload.topic("hostile-fresh", 0);
        byte[] request = ("GET " + target.subscribePath(topic) + " HTTP/1.1\r\nHost: " + hostPort(target)
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long start = System.nanoTime();
        int status = exchange(target, request, timeoutMillis, true);
        return status == 200 ? (System.nanoTime() - start) / 1e6 : -1;
    }

    /** Herald's count of a topic's subscribers (its JSON status), or NaN. */
    private static double subscribers(Target target, String topic) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.base() + target.subscribePath(topic)))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build();
            Matcher m = SUBSCRIBERS.matcher(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static void parallel(int threads, Runnable task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "hostile");
            thread.setDaemon(true);
            return thread;
        });
        for (int t = 0; t < threads; t++) {
            pool.execute(task);
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
    }

    private static long liveHeapKb(Target target) {
        return target.jvm() ? ServerProbe.liveHeapKb(target.pids().get(0)) : -1;
    }

    private static double mb(long kb) {
        return kb < 0 ? Double.NaN : kb / 1024.0;
    }

    private static String hostPort(Target target) {
        return target.host() + ":" + target.port();
    }

    private static int indexOf(byte[] buffer, int length, String text) {
        byte[] pattern = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (buffer[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int i(String key, int fallback) {
        return Integer.getInteger(key, fallback);
    }

    private static double d(String key, double fallback) {
        String value = System.getProperty(key);
        return value == null ? fallback : Double.parseDouble(value);
    }
}
