package dev.herald.security;

import java.util.Optional;

/**
 * Stream tickets where every node of a cluster sees them ({@code herald.broker=redis}): behind a load balancer the
 * request that mints a ticket and the stream that uses it may reach different nodes. Implemented in
 * {@code dev.herald.cluster}; looked up only when the broker is Redis.
 */
public interface SharedTickets {

    /** Keeps {@code description} under {@code ticket} for {@code ttlMillis}. */
    void put(String ticket, String description, long ttlMillis);

    /** Takes the description out for good, atomically across nodes; empty if unknown, taken already or expired. */
    Optional<String> take(String ticket);
}
