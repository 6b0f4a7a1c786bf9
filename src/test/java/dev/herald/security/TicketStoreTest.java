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

class TicketStoreTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Instant tokenEnds = Instant.ofEpochMilli(now.get() + 600_000);
    private final TicketStore store = new TicketStore(3, 30_000, now::get);

    @Test
    void aTicketIsRedeemedOnceForItsTopic() {
        String ticket = store.mint("orders", tokenEnds, "me");
        TicketStore.Ticket redeemed = store.redeem(ticket).orElseThrow();
        assertEquals("orders", redeemed.topic());
        assertEquals(tokenEnds, redeemed.streamEndsAt());
        assertEquals("me", redeemed.subject());
        assertTrue(store.redeem(ticket).isEmpty(), "a second use");
    }

    @Test
    void aTicketTravelsToOtherNodesAsJsonUnchanged() {
        for (String subject : new String[] {"me", null}) {
            TicketStore.Ticket minted = store.peek(store.mint("orders", tokenEnds, subject)).orElseThrow();
            assertEquals(minted, TicketStore.Ticket.fromJson(minted.toJson()));
        }
    }

    @Test
    void ticketsAreRandomAndOpaque() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String ticket = store.mint("orders", tokenEnds, "me");
            assertTrue(ticket.matches("[A-Za-z0-9_-]{43}"), ticket);
            assertTrue(seen.add(ticket));
            store.redeem(ticket);
        }
    }

    @Test
    void anExpiredTicketIsRefused() {
        String ticket = store.mint("orders", tokenEnds, "me");
        now.addAndGet(30_001);
        assertTrue(store.redeem(ticket).isEmpty());
    }

    @Test
    void aTicketLivesNoLongerThanTheTokenItWasMintedWith() {
        String ticket = store.mint("orders", Instant.ofEpochMilli(now.get() + 1_000), "me");
        now.addAndGet(1_001);
        assertTrue(store.redeem(ticket).isEmpty());
    }

    @Test
    void aFullStoreRefusesUntilTicketsExpireOrAreUsed() {
        String first = store.mint("a", tokenEnds, "me");
        store.mint("b", tokenEnds, "me");
        store.mint("c", tokenEnds, "me");
        assertThrows(TicketStore.FullException.class, () -> store.mint("d", tokenEnds, "me"));
        store.redeem(first);
        String d = store.mint("d", tokenEnds, "me");
        assertThrows(TicketStore.FullException.class, () -> store.mint("e", tokenEnds, "me"));
        now.addAndGet(30_001);
        assertNotEquals(d, store.mint("e", tokenEnds, "me"), "expired tickets made room");
        assertEquals(1, store.size());
    }
}
