package dev.herald.security;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;


import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.quota.ClientKey;
import dev.herald.quota.TicketQuota;
import dev.herald.topic.Broker;

/**
 * This server's stream tickets ({@link TicketStore}), sized by {@code herald.auth.tickets.*}. With a broker shared
 * by nodes ({@code herald.broker=redis}) a ticket is also put in Redis ({@link SharedTickets}) and redeemed from there, so that
 * it opens a stream on any node, still once; the local store then only bounds how many this node mints.
 * <p>
 * One client (a token's subject, or the address of a token without one) mints at most
 * {@code herald.auth.tickets.rate-per-principal} a second and holds at most {@code herald.auth.tickets.max-per-principal}
 * unused ones ({@code ticket-quota}, 429, for that client only), below the store's {@code herald.auth.tickets.max}
 * ({@code too-many-tickets}, 503), which only many clients together can reach.
 */
@ApplicationScoped
public class Tickets {

    /** A ticket lives at most a minute: it is in a URL, which may be logged. */
    static final long MAX_TTL_MS = 60_000;

    private TicketStore store;
    private TicketQuota quota;
    private SharedTickets shared; // null: one node, tickets in memory only

    protected Tickets() {
        // for the CDI proxy
    }

    @Inject
    public Tickets(SecuritySettings settings,
                   Broker broker,
                   TicketQuota quota,
                   Instance<SharedTickets> sharedTickets) {
        this.store = new TicketStore(settings.maxTickets(), settings.maxTicketsPerPrincipal(), settings.ticketTtlMs(),
                System::currentTimeMillis);
        this.quota = quota;
        // Only looked up for a broker shared by nodes, so that one node never loads a Redis class.
        this.shared = broker.sharedByNodes() ? sharedTickets.get() : null;
    }

    /**
     * A ticket for one stream of {@code topic}, for a caller whose credentials end at {@code streamEndsAt}, counted
     * against {@code client}.
     */
    public String mint(String topic, Instant streamEndsAt, String subject, ClientKey client) {
        quota.take(client);
        try {
            String ticket = store.mint(topic, streamEndsAt, subject, client);
            if (shared != null) {
                shared.put(ticket, store.peek(ticket).orElseThrow().toJson(), store.ttlMillis());
            }
            return ticket;
        } catch (TicketStore.OwnerFullException ownerFull) {
            throw TicketQuota.refused(ownerFull.retryAfterMs());
        } catch (TicketStore.FullException full) {
            throw new HeraldException(ProblemType.TOO_MANY_TICKETS, "This server holds its maximum of unused stream"
                    + " tickets; try again shortly.", store.ttlMillis());
        }
    }

    public long ttlMillis() {
        return store.ttlMillis();
    }

    Optional<TicketStore.Ticket> redeem(String value) {
        if (shared == null) {
            return store.redeem(value);
        }
        store.redeem(value); // if minted here: its room is free again
        return shared.take(value).map(TicketStore.Ticket::fromJson)
                .filter(ticket -> ticket.validUntilMillis() >= System.currentTimeMillis());
    }
}
