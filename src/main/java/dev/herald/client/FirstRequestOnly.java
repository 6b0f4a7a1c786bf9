package dev.herald.client;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Response;

/**
 * Lets an {@code SseEventSource} make its first request only. Jersey and RESTEasy reconnect by themselves after
 * a clean end of stream, silently and without jitter (a network drop often looks like a clean end); such a
 * request is aborted here and reported, so that every reconnect goes through the subscription's own backoff and
 * shows in its connection state.
 */
final class FirstRequestOnly implements ClientRequestFilter {

    private final AtomicBoolean made = new AtomicBoolean();
    private final Runnable onReconnectAttempt;

    FirstRequestOnly(Runnable onReconnectAttempt) {
        this.onReconnectAttempt = onReconnectAttempt;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (made.compareAndSet(false, true)) {
            return;
        }
        onReconnectAttempt.run();
        request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE).build());
    }
}
