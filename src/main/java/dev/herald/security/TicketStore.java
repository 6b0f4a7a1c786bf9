package dev.herald.security;

import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

/**
 * Stream tickets: opaque random strings, each good for one stream of one topic, once, for a short while. Held in
 * memory, at most {@code max} at a time; expired ones are dropped when room is needed. (In a cluster they are
 * redeemed from {@link SharedTickets}; this store then bounds how many a node mints.) A ticket is taken out of
 * the store when it is shown, whether or not it is then accepted, so it can never be used twice.
 */
final class TicketStore {

    /**
     * What a ticket stands for: one topic, until when it may be redeemed, until when its stream may run, and for
     * whom (the subject of the token it was minted with, or null).
     */
    record Ticket(String topic, long validUntilMillis, Instant streamEndsAt, String subject) {

        /** As JSON, for a store shared by the nodes of a cluster ({@link SharedTickets}). */
        String toJson() {
            JsonObjectBuilder json = Json.createObjectBuilder().add("topic", topic)
                    .add("validUntil", validUntilMillis).add("streamEndsAt", streamEndsAt.toEpochMilli());
            return (subject == null ? json : json.add("subject", subject)).build().toString();
        }

        static Ticket fromJson(String text) {
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
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

    private static final int RANDOM_BYTES = 32;

    private final int max;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Ticket> tickets = new HashMap<>();

    TicketStore(int max, long ttlMillis, LongSupplier clock) {
        this.max = max;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /**
     * A new ticket for {@code topic}, valid for the store's time to live but never beyond {@code streamEndsAt} (the
     * credentials it was minted with), which is also when a stream opened with it ends.
     */
    synchronized String mint(String topic, Instant streamEndsAt, String subject) {
        long now = clock.getAsLong();
        if (tickets.size() >= max) {
            tickets.values().removeIf(ticket -> ticket.validUntilMillis() < now);
            if (tickets.size() >= max) {
                throw new FullException();
            }
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long validUntil = Math.min(now + ttlMillis, streamEndsAt.toEpochMilli());
        tickets.put(value, new Ticket(topic, validUntil, streamEndsAt, subject));
        return value;
    }

    /** The ticket of that value, left in the store; empty if unknown. */
    synchronized Optional<Ticket> peek(String value) {
        return Optional.ofNullable(tickets.get(value));
    }

    /** The ticket, taken out of the store for good; empty if unknown, used already or expired. */
    synchronized Optional<Ticket> redeem(String value) {
        Ticket ticket = tickets.remove(value);
        if (ticket == null || ticket.validUntilMillis() < clock.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of(ticket);
    }

    synchronized int size() {
        return tickets.size();
    }

    long ttlMillis() {
        return ttlMillis;
    }
}
