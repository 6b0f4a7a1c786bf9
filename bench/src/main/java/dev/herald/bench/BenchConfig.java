package dev.herald.bench;

/**
 * Workload sizes, from system properties ({@code -Dbench.fanout.subscribers=1000} …) with defaults sized for a
 * 2-core machine shared by client and servers. {@code -Dbench.smoke=true} shrinks everything to seconds.
 */
record BenchConfig(boolean smoke, int selectorThreads, int maxConnecting,
                   int idleSubscribers, int idleHoldSeconds,
                   int fanoutSubscribers, double fanoutRate, int steadyRate, int payloadBytes, int durationSeconds,
                   int warmupSeconds,
                   int topics, int subscribersPerTopic, double topicsRate,
                   int stormSubscribers, double stormRate, int crossSubscribers,
                   int slowSubscribers, double slowShare, double slowRate, int slowPayloadBytes, int slowSeconds,
                   int rounds, int freshJvmSeconds, int hotSeconds) {

    static BenchConfig fromSystemProperties() {
        boolean smoke = Boolean.getBoolean("bench.smoke");
        return new BenchConfig(smoke,
                i("bench.selectors", 1),
                i("bench.maxConnecting", 500),
                i("bench.idle.subscribers", smoke ? 50 : 2000),
                i("bench.idle.holdSeconds", smoke ? 1 : 5),
                i("bench.fanout.subscribers", smoke ? 20 : 1000),
                d("bench.fanout.rate", smoke ? 20 : 50),
                i("bench.steady.rate", 10),
                i("bench.payloadBytes", 256),
                i("bench.durationSeconds", smoke ? 2 : 15),
                i("bench.warmupSeconds", smoke ? 1 : 3),
                i("bench.topics", smoke ? 5 : 200),
                i("bench.topics.subscribers", smoke ? 2 : 5),
                d("bench.topics.rate", smoke ? 20 : 400),
                i("bench.storm.subscribers", smoke ? 20 : 1000),
                // At most 20,000 deliveries/s due, so that the storm, not the steady load, is what is measured.
                d("bench.storm.rate", Math.min(20, 20_000.0 / Integer.getInteger("bench.storm.subscribers", 1000))),
                // Per direction (node 1 → node 2 and back): issue 14's 1,000 subscribers × 10 events/s in all.
                i("bench.cross.subscribers", smoke ? 10 : 500),
                i("bench.slow.subscribers", smoke ? 20 : 1000),
                d("bench.slow.share", smoke ? 0.1 : 0.01),
                d("bench.slow.rate", smoke ? 20 : 10),
                i("bench.slow.payloadBytes", 256),
                i("bench.slow.seconds", smoke ? 2 : 30),
                // Issue 21: two rounds, the second in reverse order, so that each figure comes with its spread and
                // no target or workload always runs first (or on a machine the previous one left busy).
                i("bench.rounds", smoke ? 1 : 2),
                // The warm-up, reported apart: the steady fan-out on a JVM that has just started, then the fan-out
                // at its full rate, so that the JIT has compiled each server's hot paths before anything is measured.
                i("bench.warmup.freshSeconds", smoke ? 1 : 60),
                i("bench.warmup.hotSeconds", smoke ? 1 : 30));
    }

    private static int i(String key, int fallback) {
        return Integer.getInteger(key, fallback);
    }

    private static double d(String key, double fallback) {
        String value = System.getProperty(key);
        return value == null ? fallback : Double.parseDouble(value);
    }
}
