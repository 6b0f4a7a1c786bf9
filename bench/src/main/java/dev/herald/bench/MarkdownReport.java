package dev.herald.bench;

import java.util.List;
import java.util.Locale;

/**
 * The table of issue 7: rows = workload figures, columns = targets, then Herald/plain and Herald/Nchan (ratios of
 * the raw figures; whether higher or lower is better depends on the row).
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String table(Results results, List<Target> targets, String heading) {
        StringBuilder md = new StringBuilder(heading).append("\n\n| figure | unit |");
        targets.forEach(t -> md.append(' ').append(t.name()).append(" |"));
        Target herald = find(targets, Target.Kind.HERALD);
        Target plain = find(targets, Target.Kind.PLAIN);
        Target nchan = find(targets, Target.Kind.NCHAN);
        if (herald != null && plain != null) {
            md.append(" ").append(herald.name()).append("/").append(plain.name()).append(" |");
        }
        if (herald != null && nchan != null) {
            md.append(" ").append(herald.name()).append("/").append(nchan.name()).append(" |");
        }
        md.append("\n|---|---|");
        targets.forEach(t -> md.append("---:|"));
        if (herald != null && plain != null) {
            md.append("---:|");
        }
        if (herald != null && nchan != null) {
            md.append("---:|");
        }
        md.append('\n');
        for (Results.Row row : results.rows()) {
            md.append("| ").append(row.label()).append(" | ").append(row.unit()).append(" |");
            targets.forEach(t -> md.append(' ').append(format(row.byTarget().get(t.name()))).append(" |"));
            if (herald != null && plain != null) {
                md.append(' ').append(ratio(row, herald, plain)).append(" |");
            }
            if (herald != null && nchan != null) {
                md.append(' ').append(ratio(row, herald, nchan)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static Target find(List<Target> targets, Target.Kind kind) {
        return targets.stream().filter(t -> t.kind() == kind).findFirst().orElse(null);
    }

    private static String ratio(Results.Row row, Target a, Target b) {
        Double x = row.byTarget().get(a.name());
        Double y = row.byTarget().get(b.name());
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
