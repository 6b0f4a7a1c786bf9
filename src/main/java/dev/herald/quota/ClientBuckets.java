package dev.herald.quota;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client, for the quotas that bound how fast one client may do something (publish, mint
 * tickets). At most {@code maxTracked} buckets are kept, so that a crowd of clients cannot grow the map without bound:
 * buckets that are full again are forgotten (swept now and then, and at once when the map is at its bound), and a
 * client that still finds no room waits a second, like one over its rate.
 */
final class ClientBuckets {

    /** What a client that finds no room for its bucket waits. */
    private static final long NO_ROOM_WAIT_MS = 1000;

    private final ConcurrentHashMap<ClientKey, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int maxTracked;
    private final LongSupplier clock;

    ClientBuckets(int maxTracked, LongSupplier clock) {
        this.maxTracked = maxTracked;
        this.clock = clock;
    }

    /**
     * Takes one from {@code client}'s bucket (made with this rate and burst if it has none): 0 when taken, else how
     * many milliseconds the client must wait.
     */
    long take(ClientKey client, double perSecond, int burst) {
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxTracked) {
                sweep(now);
            }
            if (buckets.size() >= maxTracked) {
                return NO_ROOM_WAIT_MS;
            }
            bucket = buckets.computeIfAbsent(client, key -> new TokenBucket(perSecond, burst, now));
        }
        synchronized (bucket) {
            return Math.max(0, bucket.take(now));
        }
    }

    /** Forgets the buckets that are full again. */
    void sweep() {
        sweep(clock.getAsLong());
    }

    private void sweep(long now) {
        buckets.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                return entry.getValue().full(now);
            }
        });
    }

    int tracked() {
        return buckets.size();
    }
}
