package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/** T topics × a few subscribers each, events spread over the topics in turn. */
final class ManyTopicsWorkload implements Workload {

    @Override
    public String name() {
        return "many topics";
    }

    @Override
    public void run(Target target, BenchConfig config, Results results) {
        int t = config.topics();
        int per = config.subscribersPerTopic();
        String w = "many topics (" + t + " × " + per + " subs, " + (int) config.topicsRate() + " events/s)";
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            topics.add(Workload.topic("mt", i));
        }
        try (LoadClient client = new LoadClient(config.selectorThreads(), config.maxConnecting());
             Publisher publisher = new Publisher(target, topics, config.topicsRate(), config.payloadBytes())) {
            for (int i = 0; i < t; i++) {
                for (int k = 0; k < per; k++) {
                    client.subscribe(target, topics.get(i), false).topicIndex = i;
                }
            }
            long open = client.awaitOpen(120_000);
            LoadClient.sleep(500);
            publisher.start();
            LoadClient.sleep(config.warmupSeconds() * 1000L);
            client.resetLatencies();
            client.recording(true);
            Window window = Window.open(target, client);
            LoadClient.sleep(config.durationSeconds() * 1000L);
            window.close();
            client.recording(false);
            Histogram latency = client.latencies();
            publisher.stop();
            List<Subscription> subs = client.subscriptions;
            client.awaitAll(s -> !s.open || s.maxSeq >= publisher.lastSeq(s.topicIndex), 15_000);
            long lost = subs.stream().mapToLong(s -> s.lost(publisher.lastSeq(s.topicIndex))).sum();
            long dups = subs.stream().mapToLong(s -> s.duplicates).sum();
            if (open < subs.size()) {
                results.put(w, "subscribers refused or failed", "", target.name(), subs.size() - open);
            }
            results.put(w, "deliveries/s", "/s", target.name(), window.deliveriesPerSecond());
            results.put(w, "latency p50", "ms", target.name(), latency.getValueAtPercentile(50) / 1000.0);
            results.put(w, "latency p99", "ms", target.name(), latency.getValueAtPercentile(99) / 1000.0);
            results.put(w, "server CPU per 1,000 deliveries", "ms", target.name(), window.serverCpuPerThousand());
            results.put(w, "events lost", "", target.name(), lost);
            results.put(w, "events duplicated", "", target.name(), dups);
            results.put(w, "publishes failed", "", target.name(), publisher.failed());
        }
    }
}
