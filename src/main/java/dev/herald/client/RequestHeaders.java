package dev.herald.client;

import java.util.function.Supplier;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Puts the subscription's own {@code Last-Event-ID} and token on every request, including a reconnect that
 * {@code SseEventSource} makes by itself: resumption follows what the subscriber actually received.
 */
final class RequestHeaders implements ClientRequestFilter {

    private final Supplier<String> lastEventId;
    private final String bearerToken;

    RequestHeaders(Supplier<String> lastEventId, String bearerToken) {
        this.lastEventId = lastEventId;
        this.bearerToken = bearerToken;
    }

    @Override
    public void filter(ClientRequestContext request) {
        String id = lastEventId.get();
        if (id != null) {
            request.getHeaders().putSingle("Last-Event-ID", id);
        }
        if (bearerToken != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
        }
    }
}
