package dev.herald.upstream;

/**
 * An upstream call that did not give a usable answer. {@link Kind} says why, which decides whether retrying
 * can help and what subscribers are told.
 */
public class UpstreamException extends RuntimeException {

    /** Why the call failed, from the point of view of a subscriber. */
    public enum Kind {
        /** 5xx, connection refused or reset: retrying may help. */
        FAILED,
        /** No answer in time (the client's own read timeout, behind {@code @Timeout}). */
        TIMED_OUT,
        /** The answer is not JSON, or too large. */
        MALFORMED,
        /** 404 or 410: the upstream says the thing does not exist; retrying cannot help. */
        NOT_FOUND
    }

    private final Kind kind;

    public UpstreamException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public UpstreamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
