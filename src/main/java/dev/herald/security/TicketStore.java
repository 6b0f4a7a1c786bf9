package dev.herald.security;

import static dev.herald.json.SharedJson.JSON;

import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import dev.herald.quota.ClientKey;

/**
 * Stream tickets: opaque random strings, each good for one stream of one topic, once, for a short while. Held in
 * memory, at most {@code max} at a time, and at most {@code maxPerOwner} unused ones for one owner (a principal, or
 * an address), so that one owner never fills the store for everyone; expired ones are dropped when room is needed.
 * (In a cluster they are redeemed from {@link SharedTickets}; this store then bounds how many a node mints.) A
 * ticket is taken out of the store when it is shown, whether or not it is then accepted, so it can never be used
 * twice.
 */
final class TicketStore {

    /**
     * What a ticket stands for: one topic, until when it may be redeemed, until when its stream may run, and for
     * whom (the subject of the token it was minted with, or null).
     */
    record Ticket(String topic, long validUntilMillis, Instant streamEndsAt, String subject) {

        /** As JSON, for a store shared by the nodes of a cluster ({@link SharedTickets}). */
        String toJson() {
            JsonObjectBuilder json = JSON.createObjectBuilder().add("topic", topic)
                    .add("validUntil", validUntilMillis).add("streamEndsAt", streamEndsAt.toEpochMilli());
            return (subject == null ? json : json.add("subject", subject)).build().toString();
        }

        static Ticket fromJson(String text) {
            try (JsonReader reader = JSON.createReader(new StringReader(text))) {
                JsonObject json = reader.readObject();
                return new Ticket(json.getString("topic"), json.getJsonNumber("validUntil").longValue(),
                        Instant.ofEpochMilli(json.getJsonNumber("streamEndsAt").longValue()),
                        json.getString("subject", null));
            }
        }
    }

    /** The store holds its maximum of unexpired tickets. */
    static final class FullException extends RuntimeException {
        FullException() {
            super(null, null, false, false);
        }
    }

    /** One owner holds its maximum of unexpired tickets; {@code retryAfterMs}: until its oldest one expires. */
    static final class OwnerFullException extends RuntimeException {
        private final long retryAfterMs;

        OwnerFullException(long retryAfterMs) {
            super(null, null, false, false);
            this.retryAfterMs = retryAfterMs;
        }

        long retryAfterMs() {
            return retryAfterMs;
        }
    }

    /** A ticket in the store, with whom it counts against. */
    private record Held(Ticket ticket, ClientKey owner) {
    }

    private static final int RANDOM_BYTES = 32;

    private final int max;
    private final int maxPerOwner;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Held> tickets = new HashMap<>();
    /** The unused tickets of each owner that holds one (bounded by the store: a key per owner with tickets). */
    private final Map<ClientKey, Set<String>> byOwner = new HashMap<>();

    TicketStore(int max, int maxPerOwner, long ttlMillis, LongSupplier clock) {
        if (maxPerOwner >= max) {
            throw new IllegalArgumentException("herald.auth.tickets.max-per-principal (" + maxPerOwner
                    + ") must be below herald.auth.tickets.max (" + max + "), so that one principal cannot fill"
                    + " the store for everyone");
        }
        this.max = max;
        this.maxPerOwner = maxPerOwner;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /**
     * A new ticket for {@code topic}, valid for the store's time to live but never beyond {@code streamEndsAt} (the
     * credentials it was minted with), which is also when a stream opened with it ends; counted against
     * {@code owner} until it is shown or expires.
     *
     * @throws OwnerFullException when {@code owner} holds {@code maxPerOwner} unexpired tickets
     * @throws FullException when the store holds {@code max}
     */
    synchronized String mint(String topic, Instant streamEndsAt, String subject, ClientKey owner) {
        long now = clock.getAsLong();
        Set<String> owned = byOwner.get(owner);
        if (owned != null && owned.size() >= maxPerOwner) {
            List.copyOf(owned).forEach(value -> dropIfExpired(value, now)); // at most maxPerOwner looked at
            owned = byOwner.get(owner);
            if (owned != null && owned.size() >= maxPerOwner) {
                long oldest = owned.stream().mapToLong(value -> tickets.get(value).ticket().validUntilMillis())
                        .min().orElse(now);
                throw new OwnerFullException(Math.max(1, oldest - now + 1));
            }
        }
        if (tickets.size() >= max) {
            List.copyOf(tickets.keySet()).forEach(value -> dropIfExpired(value, now));
            if (tickets.size() >= max) {
                throw new FullException();
            }
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long validUntil = Math.min(now + ttlMillis, streamEndsAt.toEpochMilli());
        tickets.put(value, new Held(new Ticket(topic, validUntil, streamEndsAt, subject), owner));
        byOwner.computeIfAbsent(owner, key -> new HashSet<>()).add(value);
        return value;
    }

    /** The ticket of that value, left in the store; empty if unknown. */
    synchronized Optional<Ticket> peek(String value) {
        return Optional.ofNullable(tickets.get(value)).map(Held::ticket);
    }

    /** The ticket, taken out of the store for good; empty if unknown, used already or expired. */
    synchronized Optional<Ticket> redeem(String value) {
        Held held = remove(value);
        if (held == null || held.ticket().validUntilMillis() < clock.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of(held.ticket());
    }

    /** Unused tickets {@code owner} holds now, expired ones included until they are dropped. */
    synchronized int held(ClientKey owner) {
        Set<String> owned = byOwner.get(owner);
        return owned == null ? 0 : owned.size();
    }

    private void dropIfExpired(String value, long now) {
        Held held = tickets.get(value);
        if (held != null && held.ticket().validUntilMillis() < now) {
            remove(value);
        }
    }

    private Held remove(String value) {
        Held held = tickets.remove(value);
        if (held != null) {
            Set<String> owned = byOwner.get(held.owner());
            if (owned != null && owned.remove(value) && owned.isEmpty()) {
                byOwner.remove(held.owner());
            }
        }
        return held;
    }

    synchronized int size() {
        return tickets.size();
    }

    long ttlMillis() {
        return ttlMillis;
    }
}
