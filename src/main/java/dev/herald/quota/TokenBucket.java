package dev.herald.quota;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; one request takes one. Not
 * thread-safe on its own: {@link PublishQuota} takes it under the bucket's own lock.
 */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.updatedNanos = nowNanos;
    }

    /** 0 if a token was taken, else how long (ms, at least 1) until one will be there. */
    long take(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e6));
    }

    /** Whether the bucket is full again: it remembers nothing a new one would not, and can be forgotten. */
    boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            updatedNanos = nowNanos;
        }
    }
}
