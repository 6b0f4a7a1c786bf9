package dev.herald.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import dev.herald.problem.ProblemType;
import dev.herald.topic.TopicName;

class DegradationTest {

    private final UpstreamSource source = new UpstreamSource("prices", UpstreamSource.Kind.POLL,
            URI.create("http://localhost/x"), TopicName.of("prices"), 2000, "snapshot", true);

    private ProblemType typeOf(Throwable failure) {
        return Degradation.of(failure, source, 10_000).type();
    }

    @Test
    void eachFailureOfTheGuardedCallHasItsOwnType() {
        assertEquals(ProblemType.UPSTREAM_CIRCUIT_OPEN, typeOf(new CircuitBreakerOpenException()));
        assertEquals(ProblemType.UPSTREAM_OVERLOADED, typeOf(new BulkheadException()));
        assertEquals(ProblemType.UPSTREAM_TIMEOUT, typeOf(new TimeoutException()));
        assertEquals(ProblemType.UPSTREAM_TIMEOUT, typeOf(new InterruptedException()));
        assertEquals(ProblemType.UPSTREAM_TIMEOUT,
                typeOf(new UpstreamException(UpstreamException.Kind.TIMED_OUT, "slow")));
        assertEquals(ProblemType.UPSTREAM_MALFORMED,
                typeOf(new UpstreamException(UpstreamException.Kind.MALFORMED, "garbage")));
        assertEquals(ProblemType.UPSTREAM_FAILED, typeOf(new UpstreamException(UpstreamException.Kind.FAILED, "500")));
        assertEquals(ProblemType.UPSTREAM_FAILED, typeOf(new IllegalStateException("anything else")));
        assertEquals(ProblemType.UPSTREAM_NOT_FOUND, typeOf(new UpstreamNotFoundException("404")));
    }

    @Test
    void anOpenCircuitSaysWhenItWillBeTriedAgainAndNotFoundIsFatal() {
        assertEquals(10_000, Degradation.of(new CircuitBreakerOpenException(), source, 10_000).retryAfterMs());
        assertEquals(2000, Degradation.of(new TimeoutException(), source, 10_000).retryAfterMs());
        assertFalse(Degradation.of(new UpstreamNotFoundException("gone"), source, 10_000).toException().type().retryable());
    }
}
