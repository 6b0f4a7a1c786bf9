package dev.herald.upstream;

/** 404 or 410 from the upstream: not retried, not counted by the circuit breaker, not hidden by the fallback. */
public class UpstreamNotFoundException extends UpstreamException {

    public UpstreamNotFoundException(String message) {
        super(Kind.NOT_FOUND, message);
    }
}
