package dev.herald.bench;

/** One workload of issue 7, run against one target at a time; each puts its figures into {@link Results}. */
interface Workload {

    String name();

    void run(Target target, BenchConfig config, Results results) throws Exception;

    /** A topic name of its own for each run, so that no history of an earlier run is seen. */
    static String topic(String workload, int index) {
        return "b" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-" + workload.replaceAll("[^A-Za-z0-9]+", "-") + "-" + index;
    }
}
