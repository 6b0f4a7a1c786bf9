package dev.herald.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A plain HTTP/1.1 client that keeps the exact bytes of a response body (de-chunked, nothing else), for
 * checking what goes on the wire: field order, line endings, framing. Closing it drops the connection.
 */
public final class RawStream implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpResponse<InputStream> response;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile boolean ended;

    private RawStream(URI uri, String accept, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", accept).GET();
        headers.forEach(request::header);
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = new Thread(this::read, "raw-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static RawStream open(URI uri, String accept) {
        return open(uri, accept, Map.of());
    }

    public static RawStream open(URI uri, String accept, Map<String, String> headers) {
        try {
            return new RawStream(uri, accept, headers);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        byte[] chunk = new byte[4096];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                synchronized (body) {
                    body.write(chunk, 0, n);
                }
            }
        } catch (IOException closed) {
            // the test closed the stream, or the server dropped it: either way, reading is over
        } finally {
            ended = true;
        }
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    public String text() {
        synchronized (body) {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** True once the server ended the response. */
    public boolean ended() {
        return ended;
    }

    public String awaitText(Predicate<String> condition, Duration bound) {
        try {
            Waits.atMost(bound).until(() -> condition.test(text()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("The stream never met the condition; it holds:\n" + text(), e);
        }
        return text();
    }

    public String awaitEnd(Duration bound) {
        return awaitText(text -> ended, bound);
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
