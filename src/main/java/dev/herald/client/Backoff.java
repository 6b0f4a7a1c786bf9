package dev.herald.client;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: attempt n waits a random time between 0 and
 * {@code min(max, initial * 2^n)}, so that clients dropped together do not come back together; never less than
 * what the server asked for ({@code retry:} or {@code retryAfterMs}).
 */
final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private final LongUnaryOperator random;

    Backoff(long initialMs, long maxMs) {
        this(initialMs, maxMs, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** @param random given a bound, a number from 0 to the bound, both included */
    Backoff(long initialMs, long maxMs, LongUnaryOperator random) {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initialMs + ", " + maxMs);
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    /**
     * @param attempt 0 for the first retry after a success
     * @param serverHintMs what the server asked for, or 0
     */
    long delayMs(int attempt, long serverHintMs) {
        long ceiling = attempt >= 62 ? maxMs : Math.min(maxMs, initialMs << Math.min(attempt, 30));
        return Math.max(serverHintMs, random.applyAsLong(ceiling));
    }
}
