package dev.herald.upstream.relay;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.sse.SseEventSource;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.herald.guard.GuardSettings;
import dev.herald.upstream.UpstreamException;
import dev.herald.upstream.UpstreamNotFoundException;
import dev.herald.upstream.UpstreamSettings;
import dev.herald.upstream.UpstreamSource;

/**
 * The guarded call of a relay: open the upstream's SSE stream with {@code SseEventSource}, resuming after the
 * relay's last upstream id, and wait for the upstream's answer. Events then flow to the relay's listener
 * outside this call; only opening is guarded, so a retry never repeats an event. The values below can be
 * overridden through the standard keys, e.g. {@code dev.herald.upstream.relay.RelayConnector/connect/Timeout/value}.
 */
@ApplicationScoped
public class RelayConnector {

    static final long TIMEOUT_MS = 2000;
    static final long CIRCUIT_DELAY_MS = 10_000;

    @Inject
    Config config;

    @Inject
    UpstreamSettings settings;

    private Client client;
    private long circuitDelayMs;

    @PostConstruct
    void start() {
        GuardSettings guard = GuardSettings.of(config, RelayConnector.class, "connect", TIMEOUT_MS, CIRCUIT_DELAY_MS);
        circuitDelayMs = guard.circuitDelayMs();
        // The read timeout finds an upstream that went silent without closing: the stream breaks and is resumed.
        client = ClientBuilder.newBuilder()
                .connectTimeout(guard.timeoutMs(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.relayIdleTimeoutMs(), TimeUnit.MILLISECONDS)
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
    @Fallback(value = RelayFallback.class, skipOn = UpstreamNotFoundException.class)
    public RelayConnection connect(UpstreamSource source, RelayListener listener) {
        FirstAnswer firstAnswer = new FirstAnswer();
        WebTarget target = client.target(source.url())
                .register(new LastEventIdHeader(listener::lastUpstreamId))
                .register(firstAnswer);
        SseEventSource events = SseEventSource.target(target)
                .reconnectingEvery(source.intervalMs(), TimeUnit.MILLISECONDS)
                .build();
        listener.attach(events);
        events.register(event -> listener.onEvent(events, event),
                failure -> {
                    firstAnswer.answer().completeExceptionally(failure);
                    listener.onEnd(events, failure);
                },
                () -> listener.onEnd(events, null));
        boolean open = false;
        try {
            events.open();
            FirstAnswer.Answer answer = firstAnswer.answer().get(); // bounded by @Timeout, which interrupts
            if (answer.status() == 404 || answer.status() == 410) {
                throw new UpstreamNotFoundException("Upstream " + source.name() + " answered " + answer.status());
            }
            if (!answer.isEventStream()) {
                throw new UpstreamException(UpstreamException.Kind.FAILED, "Upstream " + source.name()
                        + " answered " + answer.status() + " " + answer.mediaType() + ", not an event stream");
            }
            open = true;
            return new RelayConnection.Open(events);
        } catch (ExecutionException e) {
            throw new UpstreamException(UpstreamException.Kind.FAILED,
                    "Upstream " + source.name() + " could not be reached", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.TIMED_OUT,
                    "Upstream " + source.name() + " did not answer in time", e);
        } finally {
            if (!open) {
                events.close(100, TimeUnit.MILLISECONDS);
            }
        }
    }
}
