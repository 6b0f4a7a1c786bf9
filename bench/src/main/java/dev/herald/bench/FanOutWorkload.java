package dev.herald.bench;

import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * One topic, N subscribers, M events/s of S bytes: deliveries/s sustained, server CPU, publish-to-receive
 * latency percentiles, events lost and duplicated (both must be 0).
 */
final class FanOutWorkload implements Workload {

    /** Which fan-out: the rate, the seconds before the measured window and the window's length. */
    enum Kind {
        /** At {@code bench.fanout.rate} events/s. */
        FULL,
        /** The low-rate variant: latency at {@code bench.steady.rate} events/s. */
        STEADY,
        /** The warm-up's first phase: the steady rate measured from the first event on a JVM that just started. */
        FRESH_JVM,
        /** The warm-up's second phase: the full rate for {@code bench.warmup.hotSeconds}. */
        HOT;

        double rate(BenchConfig config) {
            return this == STEADY || this == FRESH_JVM ? config.steadyRate() : config.fanoutRate();
        }

        int warmupSeconds(BenchConfig config) {
            return this == FRESH_JVM || this == HOT ? 0 : config.warmupSeconds();
        }

        int durationSeconds(BenchConfig config) {
            return switch (this) {
                case FRESH_JVM -> config.freshJvmSeconds();
                case HOT -> config.hotSeconds();
                default -> config.durationSeconds();
            };
        }
    }

    private final String name;
    private final Kind kind;

    FanOutWorkload(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(Target target, BenchConfig config, Results results) {
        String topic = Workload.topic(name, 0);
        double rate = kind.rate(config);
        int perNode = config.fanoutSubscribers();
        int n = perNode * target.nodeCount(); // a cluster's nodes each get as many, through its load balancer
        String w = name + " (" + perNode + " subs/node × " + (int) rate + "/s × " + config.payloadBytes() + " B)";
        try (LoadClient client = new LoadClient(config.selectorThreads(), config.maxConnecting());
             Publisher publisher = new Publisher(target, List.of(topic), rate, config.payloadBytes())) {
            for (int i = 0; i < n; i++) {
                client.subscribe(target, topic, false);
            }
            long open = client.awaitOpen(120_000);
            LoadClient.sleep(500);
            publisher.start();
            LoadClient.sleep(kind.warmupSeconds(config) * 1000L);
            client.resetLatencies();
            client.recording(true);
            String jfrDir = System.getProperty("bench.jfr.dir");
            boolean profile = jfrDir != null && target.jvm();
            if (profile) {
                ServerProbe.jfrStart(target.pids().get(0));
            }
            Window window = Window.open(target, client);
            LoadClient.sleep(kind.durationSeconds(config) * 1000L);
            window.close();
            if (profile) {
                java.nio.file.Path file = java.nio.file.Path.of(jfrDir, target.name() + "-" + topic.substring(topic.indexOf('-') + 1) + ".jfr");
                ServerProbe.jfrStop(target.pids().get(0), file);
                System.out.println("  JFR recording of the measured window: " + file);
            }
            client.recording(false);
            Histogram latency = client.latencies();
            publisher.stop();
            long last = publisher.lastSeq(0);
            client.awaitAll(s -> !s.open || s.maxSeq >= last, 15_000);
            long lost = client.subscriptions.stream().mapToLong(s -> s.lost(last)).sum();
            long dups = client.subscriptions.stream().mapToLong(s -> s.duplicates).sum();
            if (open < n) {
                results.put(w, "subscribers refused or failed", "", target.name(), n - open);
            }
            results.put(w, "deliveries/s", "/s", target.name(), window.deliveriesPerSecond());
            results.put(w, "expected deliveries/s", "/s", target.name(), rate * open);
            results.put(w, "latency p50", "ms", target.name(), latency.getValueAtPercentile(50) / 1000.0);
            results.put(w, "latency p99", "ms", target.name(), latency.getValueAtPercentile(99) / 1000.0);
            results.put(w, "latency p99.9", "ms", target.name(), latency.getValueAtPercentile(99.9) / 1000.0);
            results.put(w, "latency max", "ms", target.name(), latency.getMaxValue() / 1000.0);
            results.put(w, "server CPU per 1,000 deliveries", "ms", target.name(), window.serverCpuPerThousand());
            results.put(w, "server CPU", "% of a core", target.name(), window.serverCpuPercent());
            if (!target.helperPids().isEmpty()) {
                results.put(w, "load balancer + Redis CPU per 1,000 deliveries", "ms", target.name(),
                        window.helperCpuPerThousand());
            }
            results.put(w, "client CPU per delivery", "µs", target.name(), window.clientCpuMicrosPerDelivery());
            results.put(w, "events lost", "", target.name(), lost);
            results.put(w, "events duplicated", "", target.name(), dups);
            results.put(w, "publishes failed", "", target.name(), publisher.failed());
        }
    }
}
