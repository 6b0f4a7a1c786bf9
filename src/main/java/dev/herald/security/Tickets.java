package dev.herald.security;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.config.Settings;
import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/** This server's stream tickets ({@link TicketStore}), sized by {@code herald.auth.tickets.*}. */
@ApplicationScoped
public class Tickets {

    /** A ticket lives at most a minute: it is in a URL, which may be logged. */
    static final long MAX_TTL_MS = 60_000;

    private TicketStore store;

    protected Tickets() {
        // for the CDI proxy
    }

    @Inject
    public Tickets(@ConfigProperty(name = "herald.auth.tickets.max", defaultValue = "10000") int max,
                   @ConfigProperty(name = "herald.auth.tickets.ttl-ms", defaultValue = "30000") long ttlMs) {
        Settings.positive("herald.auth.tickets.max", max);
        Settings.positive("herald.auth.tickets.ttl-ms", ttlMs);
        if (ttlMs > MAX_TTL_MS) {
            throw new IllegalArgumentException("herald.auth.tickets.ttl-ms must be at most " + MAX_TTL_MS + ", was "
                    + ttlMs);
        }
        this.store = new TicketStore(max, ttlMs, System::currentTimeMillis);
    }

    /** A ticket for one stream of {@code topic}, for a caller whose credentials end at {@code streamEndsAt}. */
    public String mint(String topic, Instant streamEndsAt, String subject) {
        try {
            return store.mint(topic, streamEndsAt, subject);
        } catch (TicketStore.FullException full) {
            throw new HeraldException(ProblemType.TOO_MANY_TICKETS, "This server holds its maximum of unused stream"
                    + " tickets; try again shortly.", store.ttlMillis());
        }
    }

    public long ttlMillis() {
        return store.ttlMillis();
    }

    Optional<TicketStore.Ticket> redeem(String value) {
        return store.redeem(value);
    }
}
