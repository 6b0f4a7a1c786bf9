package dev.herald.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Clean fan-out capacity: one topic, N subscribers per node (a cluster gets N × its nodes, through its load
 * balancer), the publish rate raised step by step while the step stays clean (p99 ≤ {@code bench.capacity.p99Ms},
 * deliveries ≥ 95 % of those due, nothing lost); the steps (events/s) are {@code bench.capacity.steps}. The figure
 * is the highest clean step's deliveries/s, the one issue 7 sets a target for (≥ 50,000/s at 1,000 subscribers)
 * and issue 14 compares two nodes with one by.
 */
final class CapacityWorkload implements Workload {

    /** Fine enough that the answer is not decided by the step size (issue 21: 20 → 35 halved it). */
    private static final String STEPS = "5,10,15,20,25,30,35,40,50,60,70,85,100,120,140,170,200,240,280,340,400";

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public void run(Target target, BenchConfig config, Results results) {
        int perNode = config.fanoutSubscribers();
        int n = perNode * target.nodeCount();
        double p99Limit = Double.parseDouble(System.getProperty("bench.capacity.p99Ms", "100"));
        double[] steps = Arrays.stream(System.getProperty("bench.capacity.steps", STEPS).split(","))
                .mapToDouble(Double::parseDouble).toArray();
        // Long enough that a step measures the server, not a collection or a compilation that falls into it.
        int stepSeconds = Integer.getInteger("bench.capacity.stepSeconds", config.smoke() ? 1 : 10);
        String w = "clean fan-out capacity (" + perNode + " subs/node × " + config.payloadBytes() + " B, p99 ≤ "
                + (int) p99Limit + " ms)";
        String topic = Workload.topic("capacity", 0);
        double bestRate = 0;
        double bestDeliveries = 0;
        double bestCpu = Double.NaN;
        double bestP99 = Double.NaN;
        double bestHelperCpu = Double.NaN;
        try (LoadClient client = new LoadClient(config.selectorThreads(), config.maxConnecting());
             Publisher publisher = new Publisher(target, List.of(topic), steps[0], config.payloadBytes())) {
            for (int i = 0; i < n; i++) {
                client.subscribe(target, topic, false);
            }
            long open = client.awaitOpen(120_000);
            LoadClient.sleep(500);
            publisher.start();
            LoadClient.sleep(config.warmupSeconds() * 1000L); // the subscribers' first events out of the way
            for (double rate : steps) {
                if (config.smoke() && rate > 20) {
                    break;
                }
                publisher.rate(rate);
                LoadClient.sleep(1000);
                Step step = step(target, client, publisher, rate * open, stepSeconds, p99Limit);
                if (!step.clean()) {
                    // One more try: on a shared machine a step can fail on someone else's burst.
                    step = step(target, client, publisher, rate * open, stepSeconds, p99Limit);
                }
                boolean clean = step.clean();
                double p99 = step.p99();
                Window window = step.window();
                if (!clean) {
                    break;
                }
                bestRate = rate;
                bestDeliveries = window.deliveriesPerSecond();
                bestCpu = window.serverCpuPerThousand();
                bestP99 = p99;
                bestHelperCpu = window.helperCpuPerThousand();
            }
            publisher.stop();
        }
        results.put(w, "highest clean rate", "events/s", target.name(), bestRate);
        results.put(w, "deliveries/s at that rate", "/s", target.name(), bestDeliveries);
        results.put(w, "latency p99 at that rate", "ms", target.name(), bestP99);
        results.put(w, "server CPU per 1,000 deliveries at that rate", "ms", target.name(), bestCpu);
        if (!target.helperPids().isEmpty()) {
            results.put(w, "load balancer + Redis CPU per 1,000 deliveries at that rate", "ms", target.name(),
                    bestHelperCpu);
        }
    }

    private record Step(Window window, double p99, boolean clean) {
    }

    private static Step step(Target target, LoadClient client, Publisher publisher, double due, int seconds,
                             double p99Limit) {
        client.resetLatencies();
        client.recording(true);
        long lostBefore = lost(client, publisher);
        Window window = Window.open(target, client);
        LoadClient.sleep(seconds * 1000L);
        window.close();
        client.recording(false);
        double p99 = client.latencies().getValueAtPercentile(99) / 1000.0;
        boolean clean = p99 <= p99Limit && window.deliveriesPerSecond() >= 0.95 * due
                && lost(client, publisher) == lostBefore;
        System.out.printf("    step %,7.0f deliveries/s due: %,.0f delivered/s, p99 %.1f ms, %s%n",
                due, window.deliveriesPerSecond(), p99, clean ? "clean" : "NOT clean");
        return new Step(window, p99, clean);
    }

    /**
     * Gaps so far: events up to the newest each subscriber saw that it missed (events still in flight are not
     * gaps yet).
     */
    private static long lost(LoadClient client, Publisher publisher) {
        return client.subscriptions.stream().mapToLong(s -> s.gapsSoFar()).sum();
    }
}
