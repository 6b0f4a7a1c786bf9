package dev.herald.upstream.relay;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Sends the relay's own last upstream id on every connect, including the ones {@code SseEventSource} makes by
 * itself after a clean end of stream: Herald resumes from what it republished, whatever the implementation
 * tracks (and a fresh {@code SseEventSource} would track nothing).
 */
final class LastEventIdHeader implements ClientRequestFilter {

    static final String NAME = "Last-Event-ID";

    private final Supplier<Optional<String>> lastId;

    LastEventIdHeader(Supplier<Optional<String>> lastId) {
        this.lastId = lastId;
    }

    @Override
    public void filter(ClientRequestContext request) {
        lastId.get().ifPresentOrElse(id -> request.getHeaders().putSingle(NAME, id),
                () -> request.getHeaders().remove(NAME));
    }
}
