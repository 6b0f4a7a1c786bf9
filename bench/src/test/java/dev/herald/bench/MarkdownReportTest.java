package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private final Target herald = Target.parse("herald=herald,http://127.0.0.1:18080,1");
    private final Target plain = Target.parse("plain=plain,http://127.0.0.1:19080,2");
    private final Target cluster = Target.parse(
            "cluster=herald,http://127.0.0.1:21090,3+4,nodes=http://127.0.0.1:21080+http://127.0.0.1:21081");

    @Test
    void aClusterIsComparedWithOneNodeNeverTakenForIt() {
        List<String> columns = MarkdownReport.ratios(List.of(cluster, herald, plain)).stream()
                .map(r -> r.a().name() + "/" + r.b().name()).toList();

        assertEquals(List.of("herald/plain", "cluster/herald"), columns);
    }

    @Test
    void thisBuildIsComparedWithTheBaselineBuild() {
        Target baseline = Target.parse("herald-baseline=herald,http://127.0.0.1:22080,5");
        List<String> columns = MarkdownReport.ratios(List.of(herald, baseline, plain)).stream()
                .map(r -> r.a().name() + "/" + r.b().name()).toList();

        assertEquals(List.of("herald/plain", "herald/herald-baseline"), columns);
    }

    @Test
    void aClusterAloneHasNoRatio() {
        assertEquals(List.of(), MarkdownReport.ratios(List.of(cluster)));
    }

    @Test
    void theRatioColumnDividesTheClusterByTheNode() {
        Results results = new Results();
        results.put("capacity", "deliveries/s", "/s", "herald", 40_000);
        results.put("capacity", "deliveries/s", "/s", "cluster", 64_000);

        String table = MarkdownReport.table(results, List.of(herald, cluster), "## run");

        assertTrue(table.contains("| figure | unit | herald | cluster | cluster/herald |"), table);
        assertTrue(table.contains("| capacity: deliveries/s | /s | 40,000 | 64,000 | 1.60× |"), table);
    }

    @Test
    void twoRoundsGiveTheirMeanWithTheirRangeAndTheRatioOfTheMeans() {
        Results results = new Results();
        results.put("capacity", "deliveries/s", "/s", "herald", 40_000);
        results.put("capacity", "deliveries/s", "/s", "plain", 10_000);
        results.put("capacity", "deliveries/s", "/s", "plain", 10_000);
        results.put("capacity", "deliveries/s", "/s", "herald", 44_000);

        String table = MarkdownReport.table(results, List.of(herald, plain), "## run");

        assertTrue(table.contains("| capacity: deliveries/s | /s | 42,000 (40,000–44,000) | 10,000 | 4.20× |"),
                table);
    }
}
