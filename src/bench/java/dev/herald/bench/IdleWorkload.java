package dev.herald.bench;

/** N subscribers connected, no events: server memory (RSS and, for a JVM, live heap) and threads per subscriber. */
final class IdleWorkload implements Workload {

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public void run(Target target, BenchConfig config, Results results) {
        int n = config.idleSubscribers();
        String w = "idle (" + n + " subs, " + config.idleHoldSeconds() + " s)";
        long heapBefore = target.jvm() ? ServerProbe.liveHeapKb(target.pids().get(0)) : -1;
        long rssBefore = ServerProbe.rssKb(target.pids());
        long threadsBefore = ServerProbe.threads(target.pids());
        try (LoadClient client = new LoadClient(config.selectorThreads(), config.maxConnecting())) {
            String topic = Workload.topic("idle", 0);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                client.subscribe(target, topic, false);
            }
            long open = client.awaitOpen(300_000);
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            LoadClient.sleep(config.idleHoldSeconds() * 1000L);
            long stillOpen = client.subscriptions.stream().filter(s -> s.open).count();
            long heapAfter = target.jvm() ? ServerProbe.liveHeapKb(target.pids().get(0)) : -1;
            long rssAfter = ServerProbe.rssKb(target.pids());
            long threadsAfter = ServerProbe.threads(target.pids());
            results.put(w, "subscribers open at the end", "", target.name(), stillOpen);
            results.put(w, "time to open all", "s", target.name(), connectSeconds);
            results.put(w, "server RSS per subscriber", "KB", target.name(), (rssAfter - rssBefore) / (double) Math.max(1, open));
            if (target.jvm()) {
                results.put(w, "live heap per subscriber", "KB", target.name(),
                        (heapAfter - heapBefore) / (double) Math.max(1, open));
            }
            results.put(w, "server threads added", "", target.name(), threadsAfter - threadsBefore);
        }
    }
}
