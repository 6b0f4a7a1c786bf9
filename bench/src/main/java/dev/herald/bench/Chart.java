package dev.herald.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** The PNG beside the table: latency percentiles and deliveries/s per target, for each fan-out workload. */
final class Chart {

    private Chart() {
    }

    static void write(Results results, List<Target> targets, Path png) throws IOException {
        DefaultCategoryDataset latency = new DefaultCategoryDataset();
        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        for (Results.Row row : results.rows()) {
            String label = row.label();
            String workload = label.substring(0, label.indexOf(": "));
            String shortName = workload.contains("(") ? workload.substring(0, workload.indexOf(" (")) : workload;
            String figure = label.substring(label.indexOf(": ") + 2);
            for (Target t : targets) {
                Double v = row.value(t.name());
                if (v == null || v.isNaN()) {
                    continue;
                }
                if (figure.matches("latency p(50|99|99\\.9)") && !workload.startsWith("many")) {
                    latency.addValue(v, t.name(), shortName + " " + figure.substring(8));
                } else if (figure.equals("deliveries/s") || figure.equals("fast deliveries/s")) {
                    throughput.addValue(v, t.name(), shortName);
                }
            }
        }
        JFreeChart latencyChart = ChartFactory.createBarChart("Publish → receive latency", "workload percentile",
                "ms", latency, PlotOrientation.VERTICAL, true, false, false);
        JFreeChart throughputChart = ChartFactory.createBarChart("Deliveries per second", "workload",
                "deliveries/s", throughput, PlotOrientation.VERTICAL, true, false, false);
        int width = 1200;
        int height = 500;
        BufferedImage image = new BufferedImage(width, height * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height * 2);
        latencyChart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        throughputChart.draw(g, new Rectangle2D.Double(0, height, width, height));
        g.dispose();
        try (var out = java.nio.file.Files.newOutputStream(png)) {
            ChartUtils.writeBufferedImageAsPNG(out, image);
        }
    }
}
