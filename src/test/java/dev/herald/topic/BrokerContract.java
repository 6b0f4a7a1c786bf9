package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import dev.herald.problem.Problem;
import dev.herald.support.Waits;

/**
 * What every {@link Broker} does, whichever it is: run by {@code dev.herald.memory.MemoryBrokerTest} and by
 * {@code dev.herald.cluster.RedisBrokerTest} (on a real redis-server). A new broker passes it too.
 */
public abstract class BrokerContract {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    /** The broker under test, the same for every call of one test. */
    protected abstract Broker broker();

    /** A second node on the same store, or null for a one-node broker (whose feed lease is always held). */
    protected abstract Broker otherNode();

    /** A topic name no other test of this run uses (the store may be shared by the tests). */
    protected static TopicName freshTopic() {
        return TopicName.of("contract-" + ProcessHandle.current().pid() + "-" + TOPICS.incrementAndGet());
    }

    private TopicLog open(TopicName topic) {
        return broker().open(topic, new ReentrantLock());
    }

    @Test
    void aFreshTopicHasAnEpochAndNoEventAndKeepsThatEpoch() {
        TopicLog log = open(freshTopic());
        EventId head = log.head();
        assertEquals(0, head.sequence());
        assertEquals(head, EventId.parse(head.toString()), "an id Herald can read back");
        assertEquals(head, log.head());
        assertEquals(List.of(), log.range(0, 10));
    }

    @Test
    void appendedIdsGrowByOnePerTopicInTheTopicsEpoch() {
        TopicName first = freshTopic();
        TopicName second = freshTopic();
        TopicLog one = open(first);
        TopicLog two = open(second);
        String epoch = one.head().epoch();
        TopicEvent a = one.append("step", "{\"n\":1}", null);
        TopicEvent b = one.append("step", "{\"n\":2}", null);
        TopicEvent c = two.append("step", "{\"n\":1}", null);
        assertEquals(new EventId(epoch, 1), a.id());
        assertEquals(new EventId(epoch, 2), b.id());
        assertEquals(1, c.id().sequence(), "every topic counts on its own");
        assertEquals(new EventId(epoch, 2), one.head());
        assertEquals(first, b.topic());
        assertEquals("step", b.name());
        assertEquals("{\"n\":2}", new String(b.data(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRangeHoldsTheEventsAfterItsStartThroughItsEndInOrder() {
        TopicLog log = open(freshTopic());
        for (int n = 1; n <= 5; n++) {
            log.append("step", "{\"n\":" + n + "}", null);
        }
        assertEquals(List.of(3L, 4L, 5L), sequences(log.range(2, 5)));
        assertEquals(List.of(2L, 3L), sequences(log.range(1, 3)));
        assertEquals(List.of(1L), sequences(log.range(0, 1)));
        assertEquals(List.of(), sequences(log.range(5, 9)));
        assertEquals(List.of(), sequences(log.range(3, 3)));
        TopicEvent third = log.range(2, 3).get(0);
        assertEquals("{\"n\":3}", new String(third.data(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(log.head().epoch(), third.id().epoch());
    }

    @Test
    void anIdempotencyKeyStoresOnceAndReturnsTheFirstId() {
        TopicLog log = open(freshTopic());
        TopicEvent first = log.append("paid", "{\"order\":42}", "order-42-paid");
        TopicEvent again = log.append("paid", "{\"order\":42}", "order-42-paid");
        TopicEvent other = log.append("paid", "{\"order\":43}", "order-43-paid");
        assertEquals(first.id(), again.id());
        assertEquals(first.id().sequence() + 1, other.id().sequence());
        assertEquals(2, log.range(0, 10).size(), "stored once");
    }

    @Test
    void aFollowerGetsEveryEventAfterItsPositionInOrderUntilItUnfollows() {
        TopicName name = freshTopic();
        TopicLog log = open(name);
        TopicEvent first = log.append("step", "{}", null);
        log.append("step", "{}", null);
        Recorder follower = new Recorder(name, first.id()); // one event behind the log
        log.follow(follower);
        for (int n = 0; n < 5; n++) {
            log.append("step", "{}", null);
        }
        Waits.atMost(Duration.ofSeconds(10)).until(() -> follower.sequences().size() >= 6);
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L), follower.sequences());

        // A follower that stops gets nothing appended after the log has been read once more: another topic's
        // event, appended after it stopped, shows that read.
        TopicName other = freshTopic();
        TopicLog otherLog = open(other);
        Recorder witness = new Recorder(other, otherLog.head());
        otherLog.follow(witness);
        log.unfollow(follower);
        log.append("step", "{}", null);
        otherLog.append("step", "{}", null);
        Waits.atMost(Duration.ofSeconds(10)).until(() -> witness.sequences().size() == 1);
        int delivered = follower.sequences().size();
        log.append("step", "{}", null);
        otherLog.append("step", "{}", null);
        Waits.atMost(Duration.ofSeconds(10)).until(() -> witness.sequences().size() == 2);
        assertEquals(delivered, follower.sequences().size());
        assertTrue(delivered <= 7, "at most the event of the read under way: " + follower.sequences());
        otherLog.unfollow(witness);
    }

    @Test
    void aFeedLeaseIsHeldByOneNodeAtATime() {
        TopicName topic = freshTopic();
        Broker other = otherNode();
        assertTrue(broker().holdFeed(topic, 5000));
        assertTrue(broker().holdFeed(topic, 5000), "renewed by its holder");
        if (other == null) {
            broker().releaseFeed(topic);
            assertTrue(broker().holdFeed(topic, 5000), "one node: always held");
            return;
        }
        assertFalse(other.holdFeed(topic, 5000));
        broker().releaseFeed(topic);
        assertTrue(other.holdFeed(topic, 5000), "given up: taken at once");
        assertFalse(broker().holdFeed(topic, 5000));
        other.releaseFeed(topic);
    }

    @Test
    void aFeederStoresOnlyWhileItHoldsTheLease() {
        TopicName topic = freshTopic();
        TopicLog log = open(topic);
        assertTrue(broker().holdFeed(topic, 5000));
        TopicEvent fed = broker().appendFed(topic, "snapshot", "{\"v\":1}", true, Map.of());
        assertEquals(1, fed.id().sequence());
        Broker other = otherNode();
        if (other == null) {
            return; // one node: nobody else can take the feed
        }
        broker().releaseFeed(topic);
        assertTrue(other.holdFeed(topic, 5000));
        assertThrows(FeedLostException.class, () -> broker().appendFed(topic, "snapshot", "{\"v\":2}", true,
                Map.of()));
        assertEquals(List.of(1L), sequences(log.range(0, 10)), "nothing stored");
        assertEquals(2, other.appendFed(topic, "snapshot", "{\"v\":2}", true, Map.of()).id().sequence());
        other.releaseFeed(topic);
    }

    @Test
    void theFeedRecordHoldsTheLatestSnapshotAndTheFeedersFields() {
        TopicName topic = freshTopic();
        open(topic);
        assertNull(broker().feedRecord(topic).latestSnapshot());
        assertTrue(broker().holdFeed(topic, 5000));
        TopicEvent snapshot = broker().appendFed(topic, "snapshot", "{\"v\":1}", true, Map.of("digest", "d1"));
        broker().appendFed(topic, "upstream-degraded", "{}", false, Map.of("degraded", "upstream-failed"));
        FeedRecord record = broker().feedRecord(topic);
        assertEquals(snapshot.id(), record.latestSnapshot());
        assertEquals("d1", record.field("digest").orElseThrow());
        assertEquals("upstream-failed", record.field("degraded").orElseThrow());
        broker().appendFed(topic, "upstream-recovered", "{}", false, Map.of("degraded", ""));
        FeedRecord after = broker().feedRecord(topic);
        assertTrue(after.field("degraded").isEmpty(), "an empty value removes a field");
        assertEquals(snapshot.id(), after.latestSnapshot(), "only a snapshot moves it");
        broker().releaseFeed(topic);
    }

    @Test
    void twoTopicsOfOneNameOnTwoNodesShareTheirIds() {
        Broker other = otherNode();
        if (other == null) {
            return; // one node
        }
        TopicName topic = freshTopic();
        TopicLog here = open(topic);
        TopicLog there = other.open(topic, new ReentrantLock());
        assertEquals(here.head(), there.head());
        TopicEvent first = here.append("step", "{}", null);
        TopicEvent second = there.append("step", "{}", null);
        assertEquals(first.id().sequence() + 1, second.id().sequence());
        assertEquals(List.of(1L, 2L), sequences(here.range(0, 2)));
        assertNotEquals(null, broker().name());
    }

    private static List<Long> sequences(List<TopicEvent> events) {
        return events.stream().map(event -> event.id().sequence()).toList();
    }

    /** A follower that records what it is given, and moves its position as a topic does. */
    private static final class Recorder implements Follower {
        private final TopicName name;
        private final List<TopicEvent> events = new CopyOnWriteArrayList<>();
        private volatile EventId position;

        Recorder(TopicName name, EventId position) {
            this.name = name;
            this.position = position;
        }

        List<Long> sequences() {
            return BrokerContract.sequences(events);
        }

        @Override
        public TopicName name() {
            return name;
        }

        @Override
        public EventId position() {
            return position;
        }

        @Override
        public synchronized void deliver(TopicEvent event) {
            if (event.id().sequence() > position.sequence()) {
                events.add(event);
                position = event.id();
            }
        }

        @Override
        public void epochChanged(String newEpoch) {
            position = new EventId(newEpoch, 0);
        }

        @Override
        public void brokerState(Problem problem, long degradedForMs) {
        }
    }
}
