package dev.herald.upstream;

import static dev.herald.json.SharedJson.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.herald.guard.GuardSettings;

/**
 * The one guarded call to an upstream: GET its JSON, with {@code If-None-Match} when it gave an {@code ETag}.
 * <p>
 * Fault Tolerance sits here, on a call that only reads, never on code that writes to subscribers: a retry must
 * not send an event twice. Every value below can be overridden without rebuilding through the standard keys,
 * e.g. {@code dev.herald.upstream.UpstreamFetcher/fetch/CircuitBreaker/delay=30000}. MicroProfile Fault
 * Tolerance keeps one circuit per method, so all upstreams share this circuit breaker and bulkhead.
 */
@ApplicationScoped
public class UpstreamFetcher {

    static final long TIMEOUT_MS = 2000;
    static final long CIRCUIT_DELAY_MS = 10_000;
    /** An upstream document larger than this is refused as malformed rather than buffered. */
    private static final int MAX_BYTES = 1 << 20;

    @Inject
    Config config;

    private Client client;
    private long circuitDelayMs;

    @PostConstruct
    void start() {
        GuardSettings guard = GuardSettings.of(config, UpstreamFetcher.class, "fetch", TIMEOUT_MS, CIRCUIT_DELAY_MS);
        circuitDelayMs = guard.circuitDelayMs();
        // The client's own timeouts back up @Timeout: interrupting a thread does not stop a blocking read.
        client = ClientBuilder.newBuilder()
                .connectTimeout(guard.timeoutMs(), TimeUnit.MILLISECONDS)
                .readTimeout(guard.timeoutMs() + 250, TimeUnit.MILLISECONDS)
                .build();
    }

    @PreDestroy
    void stop() {
        client.close();
    }

    long circuitDelayMs() {
        return circuitDelayMs;
    }

    @Timeout(TIMEOUT_MS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            abortOn = {UpstreamNotFoundException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = CIRCUIT_DELAY_MS, successThreshold = 1,
            skipOn = UpstreamNotFoundException.class)
    @Bulkhead(4)
    @Fallback(value = UpstreamFallback.class, skipOn = UpstreamNotFoundException.class)
    public Fetched fetch(UpstreamSource source, String etag) {
        Invocation.Builder request = client.target(source.url()).request(MediaType.APPLICATION_JSON);
        if (etag != null) {
            request.header(HttpHeaders.IF_NONE_MATCH, etag);
        }
        try (Response response = request.get()) {
            int status = response.getStatus();
            if (status == 304) {
                return Fetched.notModified(etag);
            }
            if (status == 404 || status == 410) {
                throw new UpstreamNotFoundException("Upstream " + source.name() + " answered " + status);
            }
            if (status != 200) {
                throw new UpstreamException(UpstreamException.Kind.FAILED,
                        "Upstream " + source.name() + " answered " + status);
            }
            return Fetched.fresh(compactJson(source, response), response.getHeaderString(HttpHeaders.ETAG));
        } catch (ProcessingException e) {
            // Which of @Timeout (which interrupts the call) and the client's read timeout fires first, and what
            // the interrupted client then throws, differ between implementations: all of it is a timeout.
            if (Thread.currentThread().isInterrupted() || causedBy(e, InterruptedIOException.class)
                    || causedBy(e, ClosedByInterruptException.class)) {
                throw new UpstreamException(UpstreamException.Kind.TIMED_OUT,
                        "Upstream " + source.name() + " did not answer in time", e);
            }
            throw new UpstreamException(UpstreamException.Kind.FAILED,
                    "Upstream " + source.name() + " could not be reached", e);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Validates the answer as JSON and writes it compactly: one line, ready to be event data. */
    private static String compactJson(UpstreamSource source, Response response) {
        byte[] body;
        try (InputStream in = response.readEntity(InputStream.class)) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.FAILED,
                    "Upstream " + source.name() + " broke off its answer", e);
        }
        if (body.length > MAX_BYTES) {
            throw new UpstreamException(UpstreamException.Kind.MALFORMED,
                    "Upstream " + source.name() + " answered more than " + MAX_BYTES + " bytes");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            return reader.readValue().toString();
        } catch (JsonException e) {
            throw new UpstreamException(UpstreamException.Kind.MALFORMED,
                    "Upstream " + source.name() + " answered something that is not JSON", e);
        }
    }
}
