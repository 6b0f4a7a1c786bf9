package dev.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.herald.quota.ClientKey;

class TicketStoreTest {

    private static final ClientKey ME = ClientKey.principal("me");
    private static final ClientKey YOU = ClientKey.principal("you");

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Instant tokenEnds = Instant.ofEpochMilli(now.get() + 600_000);
    private final TicketStore store = new TicketStore(3, 2, 30_000, now::get);

    @Test
    void aTicketIsRedeemedOnceForItsTopic() {
        String ticket = store.mint("orders", tokenEnds, "me", ME);
        TicketStore.Ticket redeemed = store.redeem(ticket).orElseThrow();
        assertEquals("orders", redeemed.topic());
        assertEquals(tokenEnds, redeemed.streamEndsAt());
        assertEquals("me", redeemed.subject());
        assertTrue(store.redeem(ticket).isEmpty(), "a second use");
    }

    @Test
    void aTicketTravelsToOtherNodesAsJsonUnchanged() {
        for (String subject : new String[] {"me", null}) {
            TicketStore.Ticket minted = store.peek(store.mint("orders", tokenEnds, subject, ME)).orElseThrow();
            assertEquals(minted, TicketStore.Ticket.fromJson(minted.toJson()));
        }
    }

    @Test
    void ticketsAreRandomAndOpaque() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String ticket = store.mint("orders", tokenEnds, "me", ME);
            assertTrue(ticket.matches("[A-Za-z0-9_-]{43}"), ticket);
            assertTrue(seen.add(ticket));
            store.redeem(ticket);
        }
    }

    @Test
    void anExpiredTicketIsRefused() {
        String ticket = store.mint("orders", tokenEnds, "me", ME);
        now.addAndGet(30_001);
        assertTrue(store.redeem(ticket).isEmpty());
    }

    @Test
    void aTicketLivesNoLongerThanTheTokenItWasMintedWith() {
        String ticket = store.mint("orders", Instant.ofEpochMilli(now.get() + 1_000), "me", ME);
        now.addAndGet(1_001);
        assertTrue(store.redeem(ticket).isEmpty());
    }

    @Test
    void aFullStoreRefusesUntilTicketsExpireOrAreUsed() {
        String first = store.mint("a", tokenEnds, "me", ME);
        store.mint("b", tokenEnds, "you", YOU);
        store.mint("c", tokenEnds, null, ClientKey.address("10.0.0.1"));
        assertThrows(TicketStore.FullException.class, () -> store.mint("d", tokenEnds, null, ClientKey.address("10.0.0.2")));
        store.redeem(first);
        String d = store.mint("d", tokenEnds, "me", ME);
        assertThrows(TicketStore.FullException.class, () -> store.mint("e", tokenEnds, "me", ME));
        now.addAndGet(30_001);
        assertNotEquals(d, store.mint("e", tokenEnds, "me", ME), "expired tickets made room");
        assertEquals(1, store.size());
    }

    @Test
    void oneOwnerHoldsItsOwnMaximumOfUnusedTicketsAndNoMore() {
        String first = store.mint("a", tokenEnds, "me", ME);
        now.addAndGet(1_000);
        store.mint("b", tokenEnds, "me", ME);
        TicketStore.OwnerFullException full = assertThrows(TicketStore.OwnerFullException.class,
                () -> store.mint("c", tokenEnds, "me", ME));
        assertEquals(29_001, full.retryAfterMs(), "until its oldest ticket expires");
        assertEquals(2, store.held(ME));
        store.mint("c", tokenEnds, "you", YOU); // someone else is not held back
        store.redeem(first);
        store.mint("d", tokenEnds, "me", ME); // a used ticket gives its room back
        assertThrows(TicketStore.OwnerFullException.class, () -> store.mint("e", tokenEnds, "me", ME));
        now.addAndGet(30_001);
        store.mint("e", tokenEnds, "me", ME); // and so does an expired one
        assertEquals(1, store.held(ME), "the expired ones were dropped");
    }

    @Test
    void oneOwnerCannotBeAllowedToFillTheStore() {
        assertThrows(IllegalArgumentException.class, () -> new TicketStore(3, 3, 30_000, now::get));
    }
}
