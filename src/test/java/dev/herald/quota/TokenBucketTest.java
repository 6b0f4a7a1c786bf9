package dev.herald.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

class TokenBucketTest {

    private static final long MS = 1_000_000;

    @Test
    void aBurstIsAllowedThenTheRateWithTheWaitSaid() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(100, bucket.take(0), "10 per second: the next token in 100 ms");
        assertEquals(50, bucket.take(50 * MS));
        assertEquals(0, bucket.take(100 * MS));
        assertFalse(bucket.full(100 * MS));
        assertTrue(bucket.full(400 * MS), "refilled, never above the burst");
        assertEquals(0, bucket.take(10_000 * MS));
        assertEquals(0, bucket.take(10_000 * MS));
        assertEquals(0, bucket.take(10_000 * MS));
        assertEquals(100, bucket.take(10_000 * MS));
    }

    @Test
    void eachClientHasItsOwnBucketAndPrincipalsTheirOwnRate() {
        AtomicLong now = new AtomicLong();
        PublishQuota quota = new PublishQuota(new PublishQuota.Rate(100, 5), new PublishQuota.Rate(1, 2), 1000,
                now::get);
        ClientKey address = ClientKey.address("192.0.2.1");
        quota.take(address);
        quota.take(address);
        HeraldException refused = assertThrows(HeraldException.class, () -> quota.take(address));
        assertEquals(ProblemType.RATE_LIMITED, refused.type());
        assertEquals(1000L, refused.retryAfterMs());
        quota.take(ClientKey.address("192.0.2.2")); // another client is not held back
        for (int n = 0; n < 5; n++) {
            quota.take(ClientKey.principal("alice"));
        }
        assertThrows(HeraldException.class, () -> quota.take(ClientKey.principal("alice")));
    }

    @Test
    void quietClientsAreForgottenAndTheMapNeverGrowsPastItsBound() {
        AtomicLong now = new AtomicLong();
        PublishQuota quota = new PublishQuota(new PublishQuota.Rate(100, 5), new PublishQuota.Rate(1, 1), 3,
                now::get);
        for (int n = 0; n < 3; n++) {
            quota.take(ClientKey.address("192.0.2." + n));
        }
        HeraldException full = assertThrows(HeraldException.class,
                () -> quota.take(ClientKey.address("192.0.2.9")), "none is quiet yet: a new client finds no room");
        assertEquals(ProblemType.RATE_LIMITED, full.type());
        now.addAndGet(1_000 * MS); // every bucket full again
        quota.take(ClientKey.address("192.0.2.9"));
        assertEquals(1, quota.tracked(), "the quiet ones were swept to make room");
        now.addAndGet(1_000 * MS);
        quota.sweep();
        assertEquals(0, quota.tracked());
    }
}
