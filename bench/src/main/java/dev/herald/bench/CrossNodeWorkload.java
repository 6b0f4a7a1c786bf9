package dev.herald.bench;

import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * Publish → receive across nodes: two topics at once, each with N subscribers connected to one node directly and
 * its events published on the other node directly (node 1 → node 2 and node 2 → node 1), at the steady rate.
 * Figures per direction: latency p50/p99, events lost and duplicated; for both together: deliveries/s and the
 * nodes' CPU (summed) per 1,000 deliveries. On a single server both "nodes" are that server: the same-node baseline.
 */
final class CrossNodeWorkload implements Workload {

    @Override
    public String name() {
        return "cross-node";
    }

    /** One direction: a topic, its subscribers on node {@code to}, its publisher on node {@code from}. */
    private record Direction(String label, String topic, int to, LoadClient client, Publisher publisher) {

        static Direction of(Target target, BenchConfig config, int from, int to) {
            String topic = Workload.topic("cross-" + (from + 1) + "-" + (to + 1), 0);
            return new Direction("node " + (from + 1) + " → node " + (to + 1), topic, to,
                    new LoadClient(config.selectorThreads(), config.maxConnecting()),
                    new Publisher(target.node(from), List.of(topic), config.steadyRate(), config.payloadBytes()));
        }

        void close() {
            publisher.close();
            client.close();
        }
    }

    @Override
    public void run(Target target, BenchConfig config, Results results) {
        int n = config.crossSubscribers();
        String w = "cross-node (" + n + " subs × " + (int) config.steadyRate() + "/s × " + config.payloadBytes()
                + " B, each way)";
        List<Direction> directions = List.of(Direction.of(target, config, 0, 1), Direction.of(target, config, 1, 0));
        try {
            for (Direction d : directions) {
                for (int i = 0; i < n; i++) {
                    d.client().subscribe(target.node(d.to()), d.topic(), false);
                }
            }
            long open = directions.stream().mapToLong(d -> d.client().awaitOpen(120_000)).sum();
            LoadClient.sleep(500);
            directions.forEach(d -> d.publisher().start());
            LoadClient.sleep(config.warmupSeconds() * 1000L);
            directions.forEach(d -> {
                d.client().resetLatencies();
                d.client().recording(true);
            });
            Window window = Window.open(target, directions.stream().map(Direction::client).toArray(LoadClient[]::new));
            LoadClient.sleep(config.durationSeconds() * 1000L);
            window.close();
            if (open < 2L * n) {
                results.put(w, "subscribers refused or failed", "", target.name(), 2L * n - open);
            }
            for (Direction d : directions) {
                d.client().recording(false);
                Histogram latency = d.client().latencies();
                for (double percentile : new double[] {50, 99}) {
                    results.put(w, d.label() + ": latency p" + (int) percentile, "ms", target.name(),
                            latency.getValueAtPercentile(percentile) / 1000.0);
                }
            }
            results.put(w, "deliveries/s", "/s", target.name(), window.deliveriesPerSecond());
            results.put(w, "server CPU per 1,000 deliveries (every node)", "ms", target.name(),
                    window.serverCpuPerThousand());
            if (!target.helperPids().isEmpty()) {
                results.put(w, "load balancer + Redis CPU per 1,000 deliveries", "ms", target.name(),
                        window.helperCpuPerThousand());
            }
            for (Direction d : directions) {
                d.publisher().stop();
                long last = d.publisher().lastSeq(0);
                d.client().awaitAll(s -> !s.open || s.maxSeq >= last, 15_000);
                results.put(w, d.label() + ": events lost", "", target.name(),
                        d.client().subscriptions.stream().mapToLong(s -> s.lost(last)).sum());
                results.put(w, d.label() + ": events duplicated", "", target.name(),
                        d.client().subscriptions.stream().mapToLong(s -> s.duplicates).sum());
                results.put(w, d.label() + ": publishes failed", "", target.name(), d.publisher().failed());
            }
        } finally {
            directions.forEach(Direction::close);
        }
    }
}
