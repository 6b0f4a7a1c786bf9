package dev.herald.upstream;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * Why an upstream cannot be used right now, in the words subscribers get: a problem type, a detail and
 * when to expect the next try.
 */
public record Degradation(ProblemType type, String detail, long retryAfterMs) {

    /** Classifies what the guarded call threw (after its retries, or instead of them). */
    public static Degradation of(Throwable failure, UpstreamSource source, long circuitDelayMs) {
        if (failure instanceof CircuitBreakerOpenException) {
            return new Degradation(ProblemType.UPSTREAM_CIRCUIT_OPEN, "Upstream '" + source.name()
                    + "' failed repeatedly; calls are paused before the next try.", circuitDelayMs);
        }
        if (failure instanceof BulkheadException) {
            return new Degradation(ProblemType.UPSTREAM_OVERLOADED, "Too many calls to upstream '" + source.name()
                    + "' are under way.", source.intervalMs());
        }
        // Payara's @Timeout can interrupt the thread after the attempt it timed out, during @Retry's delay: the
        // failure is then an InterruptedException. Nothing else interrupts a poll, so it is a timeout too.
        if (failure instanceof TimeoutException || failure instanceof InterruptedException) {
            return timedOut(source);
        }
        if (failure instanceof UpstreamException upstream) {
            return switch (upstream.kind()) {
                case NOT_FOUND -> new Degradation(ProblemType.UPSTREAM_NOT_FOUND, "Upstream '" + source.name()
                        + "' says its resource does not exist.", 0);
                case MALFORMED -> new Degradation(ProblemType.UPSTREAM_MALFORMED, "Upstream '" + source.name()
                        + "' answered something that is not a JSON document.", source.intervalMs());
                case TIMED_OUT -> timedOut(source);
                case FAILED -> failed(source);
            };
        }
        return failed(source);
    }

    private static Degradation timedOut(UpstreamSource source) {
        return new Degradation(ProblemType.UPSTREAM_TIMEOUT, "Upstream '" + source.name()
                + "' did not answer in time.", source.intervalMs());
    }

    private static Degradation failed(UpstreamSource source) {
        return new Degradation(ProblemType.UPSTREAM_FAILED, "Upstream '" + source.name()
                + "' failed, retries included.", source.intervalMs());
    }

    /** For a stream that cannot open because the upstream's snapshot cannot be had. */
    public HeraldException toException() {
        return new HeraldException(type, detail, type.retryable() ? retryAfterMs : null);
    }
}
