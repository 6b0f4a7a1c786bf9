package dev.herald.quota;

import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * How fast one client may publish: a token bucket per principal (or anonymous remote address), refilled at
 * {@code herald.quota.publish-rate-per-*} events per second up to a burst of {@code herald.quota.publish-burst-*}.
 * Buckets that are full again are forgotten, and at most {@code herald.quota.tracked-clients} are kept: past it,
 * full ones are swept at once, and a client that finds no room is refused like one over its rate.
 */
@ApplicationScoped
public class PublishQuota {

    private ClientBuckets buckets;
    private Rate principals;
    private Rate addresses;

    /** Events per second and burst, for one kind of client. */
    record Rate(double perSecond, int burst) {
    }

    protected PublishQuota() {
        // for the CDI proxy
    }

    @Inject
    public PublishQuota(QuotaSettings settings) {
        this(settings.principalPublishes(), settings.addressPublishes(), settings.trackedClients(), System::nanoTime);
    }

    PublishQuota(Rate principals, Rate addresses, int maxTracked, LongSupplier clock) {
        this.principals = principals;
        this.addresses = addresses;
        this.buckets = new ClientBuckets(maxTracked, clock);
    }

    /** Takes one publish from {@code client}'s bucket, or refuses it with {@code rate-limited}. */
    public void take(ClientKey client) {
        Rate rate = client.authenticated() ? principals : addresses;
        long waitMs = buckets.take(client, rate.perSecond(), rate.burst());
        if (waitMs > 0) {
            throw refused(waitMs);
        }
    }

    /** Forgets the buckets that are full again; run now and then, and when the map is at its bound. */
    public void sweep() {
        buckets.sweep();
    }

    int tracked() {
        return buckets.tracked();
    }

    private static HeraldException refused(long retryAfterMs) {
        return new HeraldException(ProblemType.RATE_LIMITED,
                "This client publishes faster than it may; try again after the delay given.", retryAfterMs);
    }
}
