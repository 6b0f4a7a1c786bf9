package dev.herald.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a run: rows (workload figures) by target, in the order they were first measured, each with one
 * value per round (issue 21: a figure is the rounds' mean, printed with their spread).
 */
final class Results {

    record Row(String label, String unit, Map<String, List<Double>> byTarget) {

        /** The rounds' mean (NaN if any round could not measure it), null when never measured. */
        Double value(String target) {
            List<Double> values = byTarget.get(target);
            if (values == null || values.isEmpty()) {
                return null;
            }
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        List<Double> values(String target) {
            return byTarget.getOrDefault(target, List.of());
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    void put(String workload, String figure, String unit, String target, double value) {
        String label = workload + ": " + figure;
        rows.computeIfAbsent(label, l -> new Row(l, unit, new LinkedHashMap<>())).byTarget()
                .computeIfAbsent(target, t -> new ArrayList<>()).add(value);
        System.out.printf("  %-12s %-45s %14.3f %s%n", target, label, value, unit);
    }

    Iterable<Row> rows() {
        return rows.values();
    }
}
