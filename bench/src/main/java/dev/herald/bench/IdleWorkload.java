package dev.herald.bench;

/**
 * N subscribers connected, no events: server memory (RSS and, for a JVM, live heap after a full GC) and threads
 * per subscriber, measured from 100 subscribers (pools warmed up) to N, as issue 7 states its target.
 */
final class IdleWorkload implements Workload {

    private static final int BASE = 100;

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public void run(Target target, BenchConfig config, Results results) {
        int n = config.idleSubscribers();
        int base = Math.min(BASE, n / 2);
        String w = "idle (" + base + " → " + n + " subs, held " + config.idleHoldSeconds() + " s)";
        try (LoadClient client = new LoadClient(config.selectorThreads(), config.maxConnecting())) {
            String topic = Workload.topic("idle", 0);
            for (int i = 0; i < base; i++) {
                client.subscribe(target, topic, false);
            }
            client.awaitOpen(60_000);
            LoadClient.sleep(1000);
            long heapBefore = target.jvm() ? ServerProbe.liveHeapKb(target.pids().get(0)) : -1;
            long rssBefore = ServerProbe.rssKb(target.pids());
            long threadsBefore = ServerProbe.threads(target.pids());
            String jfrDir = System.getProperty("bench.jfr.dir");
            boolean profile = jfrDir != null && target.jvm();
            if (profile) {
                ServerProbe.jfrStart(target.pids().get(0));
            }
            long start = System.nanoTime();
            for (int i = base; i < n; i++) {
                client.subscribe(target, topic, false);
            }
            long open = client.awaitOpen(300_000);
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            if (profile) {
                java.nio.file.Path file = java.nio.file.Path.of(jfrDir, target.name() + "-idle-openings.jfr");
                ServerProbe.jfrStop(target.pids().get(0), file);
                System.out.println("  JFR recording of the openings: " + file);
            }
            LoadClient.sleep(config.idleHoldSeconds() * 1000L);
            long stillOpen = client.subscriptions.stream().filter(s -> s.open).count();
            long heapAfter = target.jvm() ? ServerProbe.liveHeapKb(target.pids().get(0)) : -1;
            long rssAfter = ServerProbe.rssKb(target.pids());
            long threadsAfter = ServerProbe.threads(target.pids());
            long added = Math.max(1, open - base);
            results.put(w, "subscribers open at the end", "", target.name(), stillOpen);
            results.put(w, "time to open the " + (n - base) + " added", "s", target.name(), connectSeconds);
            // Issue 21's target 5 (≥ 2,000 per second per core): with --pin the server has one core.
            results.put(w, "stream openings per second", "/s", target.name(), (open - base) / connectSeconds);
            results.put(w, "server RSS per added subscriber", "KB", target.name(), (rssAfter - rssBefore) / (double) added);
            if (target.jvm()) {
                results.put(w, "live heap per added subscriber", "KB", target.name(),
                        (heapAfter - heapBefore) / (double) added);
            }
            results.put(w, "server threads added", "", target.name(), threadsAfter - threadsBefore);
        }
    }
}
