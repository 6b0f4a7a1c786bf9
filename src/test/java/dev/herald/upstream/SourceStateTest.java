package dev.herald.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.herald.problem.ProblemType;
import dev.herald.topic.FeedRecord;
import dev.herald.topic.TopicName;

/**
 * What a node that takes an upstream over (its lease, in a cluster) knows from the feed record the previous one left:
 * it does not publish the same snapshot again, and it knows which degradation subscribers were told of.
 */
class SourceStateTest {

    private final UpstreamSource source = new UpstreamSource("prices", UpstreamSource.Kind.POLL,
            URI.create("http://localhost/x"), TopicName.of("prices"), 2000, "snapshot", true);
    private final SourceState state = new SourceState();

    @Test
    void theSnapshotThePreviousFeederPublishedIsNotPublishedAgainButAChangedOneIs() {
        state.takeOver(source, new FeedRecord(null, Map.of(SourceState.DIGEST, SourceState.digest("{\"v\":1}"))), 0);
        assertFalse(state.changed("{\"v\":1}"));
        assertTrue(state.changed("{\"v\":2}"));
        state.fresh("{\"v\":2}", "\"e2\"");
        assertFalse(state.changed("{\"v\":2}"));
        assertEquals("\"e2\"", state.etag());
    }

    @Test
    void withoutARecordEverySnapshotIsNew() {
        state.takeOver(source, FeedRecord.NONE, 0);
        assertTrue(state.changed("{}"));
    }

    @Test
    void aDegradationToldByThePreviousFeederIsKnownSoThatRecoveryIsToldOnceAndTheSameReasonNotAgain() {
        state.takeOver(source, new FeedRecord(null, Map.of(SourceState.DEGRADED, "upstream-failed",
                SourceState.DEGRADED_SINCE, "1000")), 5000);
        assertEquals(ProblemType.UPSTREAM_FAILED, state.degradation().type());
        assertFalse(state.degrade(Degradation.of(new UpstreamException(UpstreamException.Kind.FAILED, "500"), source,
                10_000), 6000), "subscribers were told of this reason already");
        assertEquals(6000, state.recover(7000), "degraded since the previous feeder said so");
        assertEquals(-1, state.recover(8000));
    }

    @Test
    void aNodeThatStopsFeedingForgetsWhatItKnew() {
        state.fresh("{}", "\"e\"");
        state.degrade(new Degradation(ProblemType.UPSTREAM_TIMEOUT, "slow", 100), 0);
        state.forget();
        assertNull(state.lastGoodJson());
        assertNull(state.etag());
        assertNull(state.degradation());
    }
}
