package dev.herald.bench;

import java.util.List;

/**
 * N subscribers of one topic dropped at once, while events keep coming, reconnect with {@code Last-Event-ID}:
 * time until every one has received an event published after the drop (so, on a server that replays, the whole
 * gap before it), events lost (must be 0) and duplicated (must be 0) over the whole run.
 */
final class ReconnectStormWorkload implements Workload {

    @Override
    public String name() {
        return "reconnect storm";
    }

    @Override
    public void run(Target target, BenchConfig config, Results results) {
        int n = config.stormSubscribers();
        String w = "reconnect storm (" + n + " subs, " + (int) config.stormRate() + " events/s)";
        String topic = Workload.topic("storm", 0);
        try (LoadClient client = new LoadClient(config.selectorThreads(), config.maxConnecting());
             Publisher publisher = new Publisher(target, List.of(topic), config.stormRate(), config.payloadBytes())) {
            for (int i = 0; i < n; i++) {
                client.subscribe(target, topic, false);
            }
            client.awaitOpen(120_000);
            LoadClient.sleep(500);
            publisher.start();
            LoadClient.sleep(Math.max(1, config.warmupSeconds()) * 1000L);
            long dropSeq = publisher.lastSeq(0);
            long start = System.nanoTime();
            client.dropAndReconnectAll();
            boolean all = client.awaitAll(s -> s.connects >= 2 && s.open && s.maxSeq > dropSeq, 60_000);
            double catchUp = (System.nanoTime() - start) / 1e9;
            LoadClient.sleep(1000);
            publisher.stop();
            long last = publisher.lastSeq(0);
            client.awaitAll(s -> !s.open || s.maxSeq >= last, 15_000);
            var behind = client.subscriptions.stream()
                    .filter(s -> !(s.connects >= 2 && s.open && s.maxSeq > dropSeq)).toList();
            long notCaughtUp = behind.size();
            if (!behind.isEmpty()) {
                System.out.println("  not caught up, by last HTTP status (0 = no answer): " + behind.stream()
                        .collect(java.util.stream.Collectors.groupingBy(s -> s.lastStatus,
                                java.util.stream.Collectors.counting())));
            }
            long refused = client.subscriptions.stream().filter(s -> s.connects >= 2 && !s.open).count();
            results.put(w, "time until all caught up", "s", target.name(), all ? catchUp : Double.NaN);
            results.put(w, "subscribers not caught up", "", target.name(), notCaughtUp);
            results.put(w, "subscribers closed or refused at the end", "", target.name(), refused);
            results.put(w, "events lost", "", target.name(),
                    client.subscriptions.stream().mapToLong(s -> s.lost(last)).sum());
            results.put(w, "events duplicated", "", target.name(),
                    client.subscriptions.stream().mapToLong(s -> s.duplicates).sum());
            results.put(w, "reset events (gap told)", "", target.name(),
                    client.subscriptions.stream().mapToLong(s -> s.resets).sum());
            results.put(w, "error events (e.g. too many subscribers)", "", target.name(),
                    client.subscriptions.stream().mapToLong(s -> s.errorEvents).sum());
            results.put(w, "streams ended by the server, then reopened", "", target.name(),
                    client.subscriptions.stream().mapToLong(s -> s.reconnectsAfterEnd).sum());
        }
    }
}
