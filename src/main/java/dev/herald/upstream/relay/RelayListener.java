package dev.herald.upstream.relay;

import java.util.Optional;

import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;

/**
 * What a relay hears from the streams opened for it. Every callback names its stream, so that a stream the
 * relay has given up on cannot speak for the current one.
 */
interface RelayListener {

    /** The upstream id to resume after, sent as {@code Last-Event-ID} on every (re)connect. */
    Optional<String> lastUpstreamId();

    /** A stream is about to be opened for this relay; it is the current one from now on. */
    void attach(SseEventSource events);

    void onEvent(SseEventSource events, InboundSseEvent event);

    /** The stream ended for good: an error, or the implementation gave up reconnecting ({@code failure} null). */
    void onEnd(SseEventSource events, Throwable failure);
}
