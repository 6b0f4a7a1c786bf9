package dev.herald.upstream.relay;

import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.MediaType;

/**
 * The status and media type of the upstream's first answer. {@code SseEventSource} has no "connected"
 * callback, and what {@code open()} waits for differs between Jersey and RESTEasy; a response filter sees the
 * answer on both.
 */
final class FirstAnswer implements ClientResponseFilter {

    record Answer(int status, MediaType mediaType) {

        boolean isEventStream() {
            return status == 200 && mediaType != null && MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(mediaType);
        }
    }

    private final CompletableFuture<Answer> answer = new CompletableFuture<>();

    CompletableFuture<Answer> answer() {
        return answer;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        answer.complete(new Answer(response.getStatus(), response.getMediaType()));
    }
}
