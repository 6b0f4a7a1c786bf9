package dev.herald.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class StreamQuotaTest {

    private final StreamQuota quota = new StreamQuota(3, 2, 3000);

    @Test
    void aClientGetsItsMaximumOfStreamsAndOneMoreOnceOneIsGivenBack() {
        ClientKey alice = ClientKey.principal("alice");
        Runnable first = quota.acquire(alice);
        quota.acquire(alice);
        quota.acquire(alice);
        HeraldException refused = assertThrows(HeraldException.class, () -> quota.acquire(alice));
        assertEquals(ProblemType.TOO_MANY_STREAMS, refused.type());
        assertEquals(3000L, refused.retryAfterMs());
        quota.acquire(ClientKey.principal("bob")); // others are not held back
        first.run();
        first.run(); // given back once, however often it runs
        assertEquals(2, quota.open(alice));
        quota.acquire(alice);
    }

    @Test
    void anonymousClientsAreCountedByAddressWithTheirOwnMaximum() {
        ClientKey address = ClientKey.address("192.0.2.1");
        Runnable one = quota.acquire(address);
        Runnable two = quota.acquire(address);
        assertThrows(HeraldException.class, () -> quota.acquire(address));
        one.run();
        two.run();
        assertEquals(0, quota.open(address), "nothing kept for a client without streams");
    }
}
