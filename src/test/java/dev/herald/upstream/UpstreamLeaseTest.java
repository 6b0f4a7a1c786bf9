package dev.herald.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * An upstream's lease in a cluster, with the broker's side played by the test and a clock it moves: the upstream
 * starts when the lease is won, stops at once when it is lost (refused, a publish refused, or not confirmed before it
 * ran out) and starts again when won back; a clean stop gives it up and never claims it again.
 */
class UpstreamLeaseTest {

    private static final long TTL = 3000;

    private final List<String> calls = new ArrayList<>();
    private long now = 1_000_000;
    private Boolean answer = true; // null: the broker cannot be reached
    private final UpstreamLease lease = new UpstreamLease("prices", TTL, new UpstreamLease.Feed() {
        @Override
        public boolean hold(long ttlMs) {
            calls.add("hold " + ttlMs);
            if (answer == null) {
                throw new IllegalStateException("broker-unavailable");
            }
            return answer;
        }

        @Override
        public void release() {
            calls.add("release");
        }
    }, () -> calls.add("start"), () -> calls.add("stop"), () -> now);

    @Test
    void theUpstreamStartsWhenTheLeaseIsWonAndRunsWhileItIsRenewed() {
        lease.renew();
        now += TTL / 3;
        lease.renew();
        assertTrue(lease.held());
        assertEquals(List.of("hold 3000", "start", "hold 3000"), calls);
    }

    @Test
    void anotherNodesLeaseKeepsItStoppedHereUntilItIsFree() {
        answer = false;
        lease.renew();
        lease.renew();
        assertFalse(lease.held());
        answer = true;
        lease.renew();
        assertTrue(lease.held());
        assertEquals(List.of("hold 3000", "hold 3000", "hold 3000", "start"), calls);
    }

    @Test
    void aRefusedRenewalStopsTheUpstreamAtOnce() {
        lease.renew();
        answer = false;
        lease.renew();
        assertFalse(lease.held());
        assertEquals(List.of("hold 3000", "start", "hold 3000", "stop"), calls);
    }

    @Test
    void anUnreachableBrokerStopsTheUpstreamWhenTheLeaseRunsOutNotBefore() {
        lease.renew();
        answer = null;
        now += TTL / 3;
        lease.renew();
        now += TTL / 3;
        lease.renew();
        assertTrue(lease.held(), "still within the lease");
        now += TTL / 3;
        lease.renew();
        assertFalse(lease.held(), "run out: another node may hold it now");
        assertEquals(List.of("hold 3000", "start", "hold 3000", "hold 3000", "stop", "hold 3000"), calls);
        answer = true;
        lease.renew();
        assertTrue(lease.held(), "won back once the broker answers and nobody else holds it");
    }

    @Test
    void aRefusedPublishStopsTheUpstreamAtOnce() {
        lease.renew();
        lease.lost();
        lease.lost();
        assertFalse(lease.held());
        assertEquals(List.of("hold 3000", "start", "stop"), calls);
    }

    @Test
    void aCleanStopGivesTheLeaseUpAfterStoppingTheUpstreamAndNeverClaimsItAgain() {
        lease.renew();
        lease.release();
        lease.renew();
        assertFalse(lease.held());
        assertEquals(List.of("hold 3000", "start", "stop", "release"), calls);
    }

    @Test
    void anUpstreamThatCannotStartIsTriedAgainAtTheNextRenewal() {
        List<String> starts = new ArrayList<>();
        UpstreamLease failing = new UpstreamLease("prices", TTL, new UpstreamLease.Feed() {
            @Override
            public boolean hold(long ttlMs) {
                return true;
            }

            @Override
            public void release() {
            }
        }, () -> {
            starts.add("start");
            if (starts.size() == 1) {
                throw new IllegalStateException("the feed record cannot be read");
            }
        }, () -> { }, () -> now);
        failing.renew();
        assertFalse(failing.held());
        failing.renew();
        assertTrue(failing.held());
        assertEquals(2, starts.size());
    }
}
