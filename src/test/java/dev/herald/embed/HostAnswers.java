package dev.herald.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * What the host application answers to its own requests, successes and failures, compared with the answers it
 * gives without Herald: {@code host-answers-<server>.properties}, measured on each server with the host alone and
 * re-checked by {@link HostAloneIT} on every run, so that the file is always what the server answers without
 * Herald. A mismatch writes what was seen to {@code target/host-answers-<server>.seen.properties}.
 */
final class HostAnswers {

    /** One request of the host's own: its name in the expectations file, method, path under the host, Accept. */
    record Probe(String name, String method, String path, String accept) {
    }

    static final List<Probe> PROBES = List.of(
            new Probe("order", "GET", "shop/orders/1", "application/json"),
            // NotFoundException, WebApplicationException(409), IllegalStateException: no mapper of the host's
            new Probe("order-missing", "GET", "shop/orders/999", "application/json"),
            new Probe("cancel-conflict", "POST", "shop/orders/1/cancel", "application/json"),
            new Probe("broken", "GET", "shop/orders/broken", "*/*"),
            // the host's own mappers: for its own IllegalStateException, and for the runtime's 405
            new Probe("locked", "GET", "shop/orders/locked", "*/*"),
            new Probe("method-not-allowed", "DELETE", "shop/orders/1", "*/*"),
            // the runtime's own failures on the host's paths, asked for as an event stream
            new Probe("not-acceptable-stream", "GET", "shop/orders/1", "text/event-stream"),
            new Probe("no-such-path-stream", "GET", "shop/nothing/here", "text/event-stream"));

    /** Status, {@code Content-Type} (empty when absent) and the body, byte for byte. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI host;

    HostAnswers(URI host) {
        this.host = host;
    }

    Answer ask(Probe probe) {
        HttpRequest request = HttpRequest.newBuilder(host.resolve(probe.path()))
                .method(probe.method(), HttpRequest.BodyPublishers.noBody())
                .header("Accept", probe.accept())
                .timeout(Duration.ofSeconds(20))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asks every probe and asserts each answer equals the one the server gives without Herald. */
    void assertAsWithoutHerald() {
        String server = System.getProperty("herald.server", "payara");
        Properties expected = load("host-answers-" + server + ".properties");
        Properties seen = new Properties();
        for (Probe probe : PROBES) {
            Answer answer = ask(probe);
            seen.setProperty(probe.name() + ".status", Integer.toString(answer.status()));
            seen.setProperty(probe.name() + ".type", answer.contentType());
            seen.setProperty(probe.name() + ".body", new String(answer.body(), StandardCharsets.UTF_8));
        }
        if (!seen.equals(expected)) {
            write(seen, Path.of("target", "host-answers-" + server + ".seen.properties"));
        }
        for (Probe probe : PROBES) {
            for (String field : List.of(".status", ".type", ".body")) {
                String key = probe.name() + field;
                assertEquals(expected.getProperty(key), seen.getProperty(key), key);
            }
        }
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (InputStream in = HostAnswers.class.getResourceAsStream(name)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Properties properties, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                    "What the host answered in this run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
