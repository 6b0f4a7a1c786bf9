package dev.herald.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;

/**
 * The table of issue 7: rows = workload figures, columns = targets, then Herald/plain, Herald/Nchan and (issue 14)
 * cluster/Herald, the cluster against one node of it (ratios of the raw figures; whether higher or lower is better
 * depends on the row). With more than one round, a cell is the rounds' mean with their range, min–max (issue 21), and
 * a ratio is that of the means.
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    /** The target bench/run.sh names so for another build of Herald (BENCH_BASELINE_WAR): this build against it. */
    static final String BASELINE = "herald-baseline";

    /** A ratio column: {@code a}'s figure divided by {@code b}'s. */
    record Ratio(Target a, Target b) {
    }

    static String table(Results results, List<Target> targets, String heading) {
        List<Ratio> ratios = ratios(targets);
        StringBuilder md = new StringBuilder(heading).append("\n\n| figure | unit |");
        targets.forEach(t -> md.append(' ').append(t.name()).append(" |"));
        ratios.forEach(r -> md.append(' ').append(r.a().name()).append('/').append(r.b().name()).append(" |"));
        md.append("\n|---|---|");
        targets.forEach(t -> md.append("---:|"));
        ratios.forEach(r -> md.append("---:|"));
        md.append('\n');
        for (Results.Row row : results.rows()) {
            md.append("| ").append(row.label()).append(" | ").append(row.unit()).append(" |");
            targets.forEach(t -> md.append(' ').append(cell(row, t.name())).append(" |"));
            ratios.forEach(r -> md.append(' ').append(ratio(row, r.a(), r.b())).append(" |"));
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * Herald (one node) against plain and Nchan, a Herald cluster against one Herald node, and Herald against the
     * baseline build, when present.
     */
    static List<Ratio> ratios(List<Target> targets) {
        Target herald = find(targets, Target.Kind.HERALD);
        List<Ratio> ratios = new ArrayList<>();
        for (Target other : Arrays.asList(find(targets, Target.Kind.PLAIN), find(targets, Target.Kind.NCHAN))) {
            if (herald != null && other != null) {
                ratios.add(new Ratio(herald, other));
            }
        }
        targets.stream().filter(t -> herald != null && t.clustered())
                .forEach(cluster -> ratios.add(new Ratio(cluster, herald)));
        targets.stream().filter(t -> herald != null && t.name().equals(BASELINE))
                .forEach(baseline -> ratios.add(new Ratio(herald, baseline)));
        return ratios;
    }

    /** The first single-server target of a kind. */
    private static Target find(List<Target> targets, Target.Kind kind) {
        return targets.stream().filter(t -> t.kind() == kind && !t.clustered()).findFirst().orElse(null);
    }

    /** The mean, and beside it the range of the rounds when there were several. */
    static String cell(Results.Row row, String target) {
        String mean = format(row.value(target));
        List<Double> values = row.values(target);
        if (values.size() < 2) {
            return mean;
        }
        DoubleSummaryStatistics range = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        if (Double.isNaN(range.getMin()) || range.getMin() == range.getMax()) {
            return mean;
        }
        return mean + " (" + format(range.getMin()) + "–" + format(range.getMax()) + ")";
    }

    private static String ratio(Results.Row row, Target a, Target b) {
        Double x = row.value(a.name());
        Double y = row.value(b.name());
        if (x == null || y == null || x.isNaN() || y.isNaN() || y == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", x / y);
    }

    static String format(Double value) {
        if (value == null) {
            return "–";
        }
        if (value.isNaN()) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (value == Math.rint(value) && abs < 1e12) {
            return String.format(Locale.ROOT, "%,d", value.longValue());
        }
        return String.format(Locale.ROOT, abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : "%.2f", value);
    }
}
