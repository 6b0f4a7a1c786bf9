package dev.herald.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every figure of a run: rows (workload figures) by target, in the order they were measured. */
final class Results {

    record Row(String label, String unit, Map<String, Double> byTarget) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    void put(String workload, String figure, String unit, String target, double value) {
        String label = workload + ": " + figure;
        rows.computeIfAbsent(label, l -> new Row(l, unit, new LinkedHashMap<>())).byTarget().put(target, value);
        System.out.printf("  %-12s %-45s %14.3f %s%n", target, label, value, unit);
    }

    Iterable<Row> rows() {
        return rows.values();
    }

    Double get(String label, String target) {
        Row row = rows.get(label);
        return row == null ? null : row.byTarget().get(target);
    }
}
