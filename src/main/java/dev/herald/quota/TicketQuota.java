package dev.herald.quota;

import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * How fast one client may mint stream tickets: a token bucket per principal (or, for a token without a subject, per
 * remote address), refilled at {@code herald.auth.tickets.rate-per-principal} a second up to
 * {@code herald.auth.tickets.burst-per-principal}. With the store's own bound on one client's unused tickets
 * ({@code herald.auth.tickets.max-per-principal}) it keeps one client from filling the store for everyone. Full
 * buckets are forgotten ({@link QuotaSweeps}); at most {@code herald.quota.tracked-clients} are kept.
 */
@ApplicationScoped
public class TicketQuota {

    private ClientBuckets buckets;
    private double perSecond;
    private int burst;

    protected TicketQuota() {
        // for the CDI proxy
    }

    @Inject
    public TicketQuota(QuotaSettings settings) {
        this(settings.ticketRate(), settings.ticketBurst(), settings.trackedClients(), System::nanoTime);
    }

    TicketQuota(double perSecond, int burst, int maxTracked, LongSupplier clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = new ClientBuckets(maxTracked, clock);
    }

    /** Takes one mint from {@code client}'s bucket, or refuses it with {@code ticket-quota} (429, Retry-After). */
    public void take(ClientKey client) {
        long waitMs = buckets.take(client, perSecond, burst);
        if (waitMs > 0) {
            throw refused(waitMs);
        }
    }

    /** Forgets the buckets that are full again. */
    public void sweep() {
        buckets.sweep();
    }

    int tracked() {
        return buckets.tracked();
    }

    /** The refusal of one client's ticket (its rate, or its unused tickets): nobody else's. */
    public static HeraldException refused(long retryAfterMs) {
        return new HeraldException(ProblemType.TICKET_QUOTA, "This client mints stream tickets faster than it may,"
                + " or holds its maximum of unused ones: use them, or try again after the delay given.", retryAfterMs);
    }
}
