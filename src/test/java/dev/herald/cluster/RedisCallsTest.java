package dev.herald.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.problem.RetryPolicy;

/** How a guarded call's failures become problems, and what they teach the node about Redis (no Redis needed). */
class RedisCallsTest {

    private final RedisCalls calls = new RedisCalls();

    RedisCallsTest() {
        calls.retryPolicy = new RetryPolicy(3000, 3_600_000, 30_000, 10_000);
    }

    @Test
    void anInterruptedCallIsABrokerProblemNeverAnInternalError() {
        // What Fault Tolerance throws, unchecked, when its @Timeout interrupts the retry's delay (Thread.sleep).
        HeraldException refused = assertThrows(HeraldException.class,
                () -> calls.guarded(sneaky(new InterruptedException("sleep interrupted")), "The stream cannot open"));
        assertEquals(ProblemType.BROKER_UNAVAILABLE, refused.type());
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was for the call given up on");
    }

    @Test
    void onceACallFindsRedisSilentTheNextAreRefusedWithoutACallUntilRedisAnswers() {
        assertThrows(HeraldException.class, () -> calls.guarded(() -> {
            throw new JedisConnectionException("Read timed out");
        }, "The event was not acknowledged"));
        assertTrue(calls.health().down());
        AtomicInteger made = new AtomicInteger();
        HeraldException refused = assertThrows(HeraldException.class,
                () -> calls.guarded(made::incrementAndGet, "The event was not acknowledged"));
        assertEquals(ProblemType.BROKER_UNAVAILABLE, refused.type());
        assertEquals(0, made.get(), "refused at once, no call made");
        calls.health().answered(); // a reader loop read or pinged Redis
        assertEquals(1, calls.guarded(made::incrementAndGet, "The event was not acknowledged"));
    }

    @Test
    void anErrorRedisAnsweredDoesNotMakeItDown() {
        assertThrows(HeraldException.class, () -> calls.guarded(() -> {
            throw new JedisDataException("ERR something");
        }, "The event was not acknowledged"));
        assertFalse(calls.health().down());
    }

    /** Throws {@code thrown} unchecked, with the thread's interrupt flag set, as a Fault Tolerance may leave it. */
    private static <T> Supplier<T> sneaky(Throwable thrown) {
        return () -> {
            Thread.currentThread().interrupt();
            throwAs(thrown);
            return null;
        };
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwAs(Throwable thrown) throws E {
        throw (E) thrown;
    }
}
