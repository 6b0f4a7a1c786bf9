package dev.herald.security;

/** What a request to a {@link Guarded} resource does, and so what its caller needs. */
public enum Access {
    /** Read a topic: its stream, or its status. Needs the topic in the caller's {@code subscribe} grants. */
    SUBSCRIBE,
    /** Publish to a topic. Needs the topic in the caller's {@code publish} grants. */
    PUBLISH,
    /** Any verified token; the resource checks the rest (a ticket is minted only for a topic one may read). */
    AUTHENTICATED
}
