package dev.herald.server;

import dev.herald.delivery.ClientConnection;

/**
 * Counts the HTTP/2 streams a client reset (a rapid-reset flood): {@link ServletConnections} hands it every request's
 * stream once the request is over. Implemented by {@code dev.herald.stream.Http2Resets}.
 */
public interface StreamResets {

    /** Counts {@code connection} if it is an HTTP/2 stream the client reset. */
    void countIfReset(ClientConnection connection);
}
