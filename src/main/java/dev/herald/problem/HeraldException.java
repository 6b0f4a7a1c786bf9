package dev.herald.problem;

/**
 * A failure Herald can explain to the client. Thrown anywhere; the exception mappers turn it into
 * {@code application/problem+json} or, for an event-stream client, into an {@code error} event.
 * The detail is shown to clients: never put internal state or another client's data in it.
 */
public class HeraldException extends RuntimeException {

    private final ProblemType type;
    private final Long retryAfterMs;

    public HeraldException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    /** With the delay after which retrying makes sense, when the failure knows it (an open circuit does). */
    public HeraldException(ProblemType type, String detail, Long retryAfterMs) {
        super(detail);
        this.type = type;
        this.retryAfterMs = retryAfterMs;
    }

    /** The failure's own retry delay, or null to use the configured one. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    /**
     * Whether the connection must close after the answer: true when the failure left request bytes unread,
     * which the server would otherwise parse as the next request on the connection.
     */
    public boolean closesConnection() {
        return false;
    }
}
