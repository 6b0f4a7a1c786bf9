package dev.herald.upstream.relay;

import jakarta.ws.rs.sse.SseEventSource;

import dev.herald.upstream.Degradation;

/** What an attempt to open an upstream stream gave: an open stream, or why there is none for now. */
sealed interface RelayConnection {

    record Open(SseEventSource events) implements RelayConnection {
    }

    record Down(Degradation why) implements RelayConnection {
    }
}
