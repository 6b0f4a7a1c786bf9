package dev.herald.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the workloads against every target in turn, with the same load generator, and writes the Markdown table
 * and the PNG chart. Started by bench/run.sh, which starts and stops the targets.
 *
 * <p>Arguments: {@code --out DIR}, {@code --note TEXT}, {@code --workloads idle,fanout,steady,capacity,topics,storm,slow[,cross][,hostile]},
 * then one {@code --target name=kind,http://host:port,pid[+pid][,nodes=…][,helpers=…]} per target (kind: herald,
 * plain, nchan; see {@link Target#parse}).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Target> targets = new ArrayList<>();
        Path out = Path.of("target/bench");
        String note = "";
        Set<String> selected = Set.of("idle", "capacity", "fanout", "steady", "topics", "storm", "slow");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> targets.add(Target.parse(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                case "--note" -> note = args[++i];
                case "--workloads" -> selected = Arrays.stream(args[++i].split(",")).collect(Collectors.toSet());
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        BenchConfig config = BenchConfig.fromSystemProperties();
        List<Workload> workloads = new ArrayList<>();
        if (selected.contains("idle")) {
            workloads.add(new IdleWorkload());
        }
        if (selected.contains("fanout")) {
            workloads.add(new FanOutWorkload("fan-out", FanOutWorkload.Kind.FULL));
        }
        if (selected.contains("steady")) {
            workloads.add(new FanOutWorkload("fan-out steady", FanOutWorkload.Kind.STEADY));
        }
        if (selected.contains("capacity")) {
            workloads.add(new CapacityWorkload());
        }
        if (selected.contains("topics")) {
            workloads.add(new ManyTopicsWorkload());
        }
        // Only when named: it reads a cluster's nodes directly (on a single server, the same-node baseline).
        if (selected.contains("cross")) {
            workloads.add(new CrossNodeWorkload());
        }
        if (selected.contains("storm")) {
            workloads.add(new ReconnectStormWorkload());
        }
        if (selected.contains("slow")) {
            workloads.add(new SlowReadersWorkload());
        }
        // Only when named: it pushes the server to its limits (up to an OutOfMemoryError) and takes minutes.
        if (selected.contains("hostile")) {
            workloads.add(new HostileWorkload());
        }
        Results results = new Results();
        // Each target warms up first, reported apart (issue 21): nothing later measures a JIT still compiling, and
        // the first phase tells what a JVM that started a minute before gives. Payara failed even the lowest
        // capacity step when it came right after the idle workload on a fresh JVM.
        List<Workload> warmUp = List.of(
                new FanOutWorkload("warm-up 1, fresh JVM: fan-out steady", FanOutWorkload.Kind.FRESH_JVM),
                new FanOutWorkload("warm-up 2: fan-out", FanOutWorkload.Kind.HOT));
        boolean clean = true;
        for (Target target : targets) {
            for (Workload workload : warmUp) {
                clean &= run(workload, target, config, results);
            }
        }
        for (int round = 1; round <= config.rounds(); round++) {
            // Every other round in reverse order: no target or workload always goes first, or always follows the
            // same one.
            boolean reverse = round % 2 == 0;
            System.out.println("== round " + round + " of " + config.rounds() + (reverse ? ", in reverse order" : ""));
            for (Workload workload : inOrder(workloads, reverse)) {
                for (Target target : inOrder(targets, reverse)) {
                    clean &= run(workload, target, config, results);
                }
            }
        }
        Files.createDirectories(out);
        String rounds = config.rounds() < 2 ? "" : ". " + config.rounds() + " rounds, every other one in reverse order"
                + " (targets and workloads); a figure is their mean, with their range (min–max) beside it";
        String heading = "## Benchmark run " + Instant.now() + (config.smoke() ? " (smoke)" : "")
                + (note.isEmpty() ? "" : "\n\n" + note + rounds);
        String table = MarkdownReport.table(results, targets, heading);
        Files.writeString(out.resolve("results.md"), table + "\n");
        Chart.write(results, targets, out.resolve("results.png"));
        System.out.println();
        System.out.println(table);
        System.out.println("Written: " + out.resolve("results.md") + " and " + out.resolve("results.png"));
        if (config.smoke()) {
            clean &= smokeChecks(results, targets);
        }
        System.exit(clean ? 0 : 1);
    }

    private static <T> List<T> inOrder(List<T> items, boolean reverse) {
        List<T> ordered = new ArrayList<>(items);
        if (reverse) {
            Collections.reverse(ordered);
        }
        return ordered;
    }

    private static boolean run(Workload workload, Target target, BenchConfig config, Results results) {
        System.out.println("== " + workload.name() + " on " + target.name());
        boolean clean = true;
        try {
            workload.run(target, config, results);
        } catch (Exception | AssertionError e) {
            clean = false;
            System.out.println("  FAILED: " + e);
            e.printStackTrace(System.out);
        }
        LoadClient.sleep(1000); // let the server close what the workload left
        return clean;
    }

    /** In smoke mode: every target that keeps history must have lost and duplicated nothing. */
    private static boolean smokeChecks(Results results, List<Target> targets) {
        boolean ok = true;
        for (Results.Row row : results.rows()) {
            if (!row.label().contains("events lost") && !row.label().contains("events duplicated")) {
                continue;
            }
            for (Target t : targets) {
                List<Double> v = row.values(t.name());
                boolean mustHold = t.kind() != Target.Kind.PLAIN || !row.label().startsWith("reconnect");
                if (mustHold && (v.isEmpty() || v.stream().anyMatch(value -> value != 0))) {
                    System.out.println("SMOKE FAILED: " + t.name() + " " + row.label() + " = " + v);
                    ok = false;
                }
            }
        }
        return ok;
    }
}
