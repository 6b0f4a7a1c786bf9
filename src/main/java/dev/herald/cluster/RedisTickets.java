package dev.herald.cluster;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.security.SharedTickets;

/**
 * Stream tickets in Redis ({@code herald:ticket:<ticket>}, expiring with the ticket), so that a ticket minted on one
 * node opens a stream on any node, once: a ticket is taken with one atomic {@code GETDEL}. Looked up only with
 * {@code herald.broker=redis}. A Redis that cannot be reached makes minting and redeeming a retryable
 * {@code broker-unavailable}.
 */
@ApplicationScoped
public class RedisTickets implements SharedTickets {

    @Inject
    RedisCalls calls;

    @Override
    public void put(String ticket, String description, long ttlMillis) {
        calls.guarded(() -> {
            calls.putTicket(ticket, description, ttlMillis);
            return null;
        }, "No ticket was minted");
    }

    @Override
    public Optional<String> take(String ticket) {
        return Optional.ofNullable(calls.guarded(() -> calls.takeTicket(ticket), "The ticket cannot be checked"));
    }
}
