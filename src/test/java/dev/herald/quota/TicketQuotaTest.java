package dev.herald.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class TicketQuotaTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TicketQuota quota = new TicketQuota(10, 3, 2, nanos::get);
    private final ClientKey hog = ClientKey.principal("hog");

    @Test
    void oneClientMintsItsBurstThenAtItsRate() {
        for (int i = 0; i < 3; i++) {
            quota.take(hog);
        }
        HeraldException refused = assertThrows(HeraldException.class, () -> quota.take(hog));
        assertEquals(ProblemType.TICKET_QUOTA, refused.type());
        assertEquals(100L, refused.retryAfterMs(), "one ticket every 100 ms at 10 a second");
        quota.take(ClientKey.principal("someone else")); // not held back
        nanos.addAndGet(100_000_000);
        quota.take(hog);
        assertThrows(HeraldException.class, () -> quota.take(hog));
    }

    @Test
    void fullBucketsAreForgotten() {
        quota.take(hog);
        quota.take(ClientKey.address("10.0.0.1"));
        assertEquals(2, quota.tracked());
        nanos.addAndGet(1_000_000_000);
        quota.sweep();
        assertEquals(0, quota.tracked());
    }
}
