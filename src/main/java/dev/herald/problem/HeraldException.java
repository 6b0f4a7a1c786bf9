package dev.herald.problem;

/**
 * A failure Herald can explain to the client. Thrown anywhere; the exception mappers turn it into
 * {@code application/problem+json} or, for an event-stream client, into an {@code error} event.
 * The detail is shown to clients: never put internal state or another client's data in it.
 */
public class HeraldException extends RuntimeException {

    private final ProblemType type;

    public HeraldException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }
}
