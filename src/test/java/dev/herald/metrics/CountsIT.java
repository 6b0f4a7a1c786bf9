package dev.herald.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.herald.support.DevCertificate;
import dev.herald.support.EventSubscription;
import dev.herald.support.HeraldDeployment;
import dev.herald.support.HeraldIT;
import dev.herald.support.Waits;

/** Herald's per-topic counts, in the topic status (every server) and in MicroProfile Metrics. */
class CountsIT extends HeraldIT {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void theTopicStatusCountsWhatWasPublishedAndDelivered() {
        String topic = uniqueTopic();
        try (EventSubscription first = EventSubscription.open(herald.topic(topic));
             EventSubscription second = EventSubscription.open(herald.topic(topic))) {
            for (int i = 0; i < 5; i++) {
                herald.publish(topic, "tick", Json.createValue(i));
            }
            first.awaitCount("tick", 5, BOUND);
            second.awaitCount("tick", 5, BOUND);
            Waits.atMost(BOUND).until(() -> counts(topic).getInt("delivered") == 10);
            JsonObject counts = counts(topic);
            assertEquals(5, counts.getInt("published"));
            assertEquals(0, counts.getInt("dropped"));
            assertEquals(Json.createObjectBuilder().build(), counts.getJsonObject("errors"));
            assertEquals(2, herald.subscribers(topic));
        }
    }

    private JsonObject counts(String topic) {
        return herald.status(topic).getJsonObject("counts");
    }

    @Test
    void microProfileMetricsShowEachTopicsCounts() {
        String topic = uniqueTopic();
        try (EventSubscription subscriber = EventSubscription.open(herald.topic(topic))) {
            for (int i = 0; i < 3; i++) {
                herald.publish(topic, "tick", Json.createValue(i));
            }
            subscriber.awaitCount("tick", 3, BOUND);
            Waits.atMost(BOUND).until(() -> metric("herald_topic_delivered", topic).orElse(0.0) == 3.0);
            assertEquals(Optional.of(3.0), metric("herald_topic_published", topic));
            assertEquals(Optional.of(1.0), metric("herald_topic_subscribers", topic));
            assertEquals(Optional.of(0.0), metric("herald_topic_dropped", topic));
            assertTrue(metric("herald_topics", null).orElse(0.0) >= 1.0);
        }
        // Fault Tolerance's own metrics, for the guarded upstream call the demo and test upstreams go through.
        String all = get("/metrics");
        assertTrue(all.lines().anyMatch(line -> line.startsWith("ft_invocations_total")
                && line.contains("dev.herald.upstream.UpstreamFetcher.fetch")), "Fault Tolerance metrics");
    }

    /** A value from the Prometheus text of the application's metrics: the line of that name (and topic tag). */
    private Optional<Double> metric(String name, String topic) {
        String text = get("/metrics?scope=application");
        Pattern line = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$");
        Matcher matcher = line.matcher(text);
        while (matcher.find()) {
            if (topic == null || matcher.group(1).contains("topic=\"" + topic + "\"")) {
                return Optional.of(Double.parseDouble(matcher.group(2)));
            }
        }
        return Optional.empty();
    }

    /**
     * The server's metrics as Prometheus would scrape them: on Payara Micro over plain HTTP; on Open Liberty over
     * HTTPS with the metrics user (server.xml keeps /metrics behind a login, see docs/security.md), which the test
     * server gets through liberty.var.herald.metrics.password.
     */
    private String get(String path) {
        HttpRequest.Builder request;
        HttpClient client;
        if ("liberty".equals(System.getProperty("herald.server"))) {
            request = HttpRequest.newBuilder(URI.create("https://localhost:" + HeraldDeployment.httpsPort() + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("metrics:" + System.getProperty("herald.metrics.password")).getBytes(StandardCharsets.UTF_8)));
            client = HttpClient.newBuilder().sslContext(DevCertificate.trusting()).build();
        } else {
            request = HttpRequest.newBuilder(URI.create(deployment.toString()).resolve(path));
            client = HttpClient.newHttpClient();
        }
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
