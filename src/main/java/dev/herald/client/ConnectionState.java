package dev.herald.client;

/** Where a {@link HeraldSubscription} is. */
public enum ConnectionState {
    /** The first connection is being made. */
    CONNECTING,
    /** The stream is open: Herald said {@code subscribed}. */
    OPEN,
    /** The stream ended (a retryable error or a broken connection); the next try is scheduled. */
    RECONNECTING,
    /** For good: {@code close()} was called, or Herald sent a fatal error. */
    CLOSED
}
