package dev.herald.bench;

import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * A share of the subscribers stop reading (with a small receive buffer, so the server feels it soon): the fast
 * subscribers' latency and losses, server memory growth, and how many slow ones the server closed.
 */
final class SlowReadersWorkload implements Workload {

    @Override
    public String name() {
        return "slow readers";
    }

    @Override
    public void run(Target target, BenchConfig config, Results results) {
        int n = config.slowSubscribers();
        int slow = Math.max(1, (int) Math.round(n * config.slowShare()));
        String w = "slow readers (" + n + " subs, " + slow + " stop reading, " + (int) config.slowRate() + "/s × "
                + config.slowPayloadBytes() + " B, " + config.slowSeconds() + " s)";
        String topic = Workload.topic("slow", 0);
        long rssBefore = ServerProbe.rssKb(target.pids());
        long heapBefore = target.jvm() ? ServerProbe.liveHeapKb(target.pids().get(0)) : -1;
        try (LoadClient client = new LoadClient(config.selectorThreads(), config.maxConnecting());
             Publisher publisher = new Publisher(target, List.of(topic), config.slowRate(), config.slowPayloadBytes())) {
            for (int i = 0; i < n; i++) {
                client.subscribe(target, topic, i < slow);
            }
            client.awaitOpen(120_000);
            LoadClient.sleep(500);
            // Once every stream is open, so that growth from here on is the stalled clients' backlog (plus the
            // topic's history), not the cost of 1,000 open streams.
            long heapOpen = target.jvm() ? ServerProbe.liveHeapKb(target.pids().get(0)) : -1;
            // One probe during the run (one full GC, a pause the fast subscribers feel once): the stalled clients'
            // backlog at its largest is just before the server gives up on them, which the end of the run misses.
            long probeAt = Long.getLong("bench.slow.heapProbeSeconds", -1);
            long heapProbe = -1;
            publisher.start();
            long stallStart = System.nanoTime(); // the slow ones never read: their backlog grows from here
            double[] closedAfter = new double[slow]; // seconds from stallStart; 0 = still open on the server
            LoadClient.sleep(config.warmupSeconds() * 1000L);
            client.resetLatencies();
            client.recording(true);
            Window window = Window.open(target, client);
            long rssPeak = 0;
            long end = System.nanoTime() + config.slowSeconds() * 1_000_000_000L;
            while (System.nanoTime() < end) {
                LoadClient.sleep(500);
                rssPeak = Math.max(rssPeak, ServerProbe.rssKb(target.pids()));
                noteClosed(target, client.subscriptions.subList(0, slow), closedAfter, stallStart);
                if (probeAt > 0 && heapProbe < 0 && target.jvm() && System.nanoTime() - stallStart > probeAt * 1_000_000_000L) {
                    heapProbe = ServerProbe.liveHeapKb(target.pids().get(0));
                    long stillOpen = java.util.Arrays.stream(closedAfter).filter(t -> t == 0).count();
                    System.out.printf("  live heap at %d s: %d KB more than with every stream open, %d stalled still open%n",
                            probeAt, heapProbe - heapOpen, stillOpen);
                }
            }
            window.close();
            client.recording(false);
            Histogram latency = client.latencies();
            publisher.stop();
            long last = publisher.lastSeq(0);
            List<Subscription> fast = client.subscriptions.subList(slow, n);
            List<Subscription> slowOnes = client.subscriptions.subList(0, slow);
            client.awaitAll(s -> s.slow || !s.open || s.maxSeq >= last, 15_000);
            long heap = target.jvm() ? ServerProbe.liveHeapKb(target.pids().get(0)) : -1;
            // Read what the slow ones were sent: a server that gave up on them has closed the stream.
            slowOnes.forEach(s -> client.setReading(s, true));
            client.awaitAll(s -> !s.slow || !s.open || s.maxSeq >= last, 10_000);
            long evicted = slowOnes.stream().filter(s -> s.endedByServer || s.errorEvents > 0 || !s.open).count();
            results.put(w, "fast subscribers' latency p50", "ms", target.name(), latency.getValueAtPercentile(50) / 1000.0);
            results.put(w, "fast subscribers' latency p99", "ms", target.name(), latency.getValueAtPercentile(99) / 1000.0);
            results.put(w, "fast deliveries/s", "/s", target.name(), window.deliveriesPerSecond());
            results.put(w, "fast subscribers' events lost", "", target.name(),
                    fast.stream().mapToLong(s -> s.lost(last)).sum());
            results.put(w, "fast subscribers' events duplicated", "", target.name(),
                    fast.stream().mapToLong(s -> s.duplicates).sum());
            results.put(w, "slow subscribers closed by the server", "", target.name(), evicted);
            double[] closed = java.util.Arrays.stream(closedAfter).filter(t -> t > 0).sorted().toArray();
            results.put(w, "stalled streams the server closed during the run", "", target.name(), closed.length);
            if (closed.length > 0) {
                results.put(w, "seconds to close a stalled stream: median", "s", target.name(), closed[closed.length / 2]);
                results.put(w, "seconds to close a stalled stream: max", "s", target.name(), closed[closed.length - 1]);
            }
            results.put(w, "server RSS growth (peak)", "MB", target.name(), (rssPeak - rssBefore) / 1024.0);
            if (target.jvm()) {
                results.put(w, "live heap growth (after a full GC)", "MB", target.name(), (heap - heapBefore) / 1024.0);
                results.put(w, "live heap growth while publishing (at the end)", "MB", target.name(),
                        (heap - heapOpen) / 1024.0);
                results.put(w, "… per stalled client", "KB", target.name(), (heap - heapOpen) / (double) slow);
                if (heapProbe >= 0) {
                    results.put(w, "live heap growth while publishing (at " + probeAt + " s)", "MB", target.name(),
                            (heapProbe - heapOpen) / 1024.0);
                    results.put(w, "… per stalled client (at " + probeAt + " s)", "KB", target.name(),
                            (heapProbe - heapOpen) / (double) slow);
                }
            }
        }
    }

    /**
     * Notes when the server let go of each stalled stream: its connection leaves ESTABLISHED on the server's side
     * (the client, not reading, cannot see the close yet). Measured from the first publish, to within the 0.5 s poll.
     */
    private static void noteClosed(Target target, List<Subscription> slowOnes, double[] closedAfter, long stallStart) {
        java.util.Set<Integer> established = ServerProbe.establishedPeers(target.port());
        double now = (System.nanoTime() - stallStart) / 1e9;
        for (int i = 0; i < slowOnes.size(); i++) {
            int port = slowOnes.get(i).localPort;
            if (closedAfter[i] == 0 && port != 0 && !established.contains(port)) {
                closedAfter[i] = now;
            }
        }
    }
}
