package dev.herald.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

import org.junit.jupiter.api.Test;

import dev.herald.budget.PendingBytes;
import dev.herald.budget.SubscriberBudget;
import dev.herald.delivery.Subscriber;
import dev.herald.problem.Problem;
import dev.herald.problem.ProblemType;
import dev.herald.wire.FrameWire;

/**
 * A topic on a broker that delivers its events later, from elsewhere (as Redis does), with a broker in a list and the
 * reader played by the test: ids come from the broker, subscribers get events only through deliver, a resume reads
 * the broker, and the replay/live seam, duplicates, trimmed ranges, lost epochs and outages are told as the protocol
 * says. (What every real broker must do is {@code dev.herald.memory.MemoryBrokerTest}'s and
 * {@code dev.herald.cluster.RedisBrokerTest}'s: {@code BrokerContract}.)
 */
class TopicOnBrokerTest {

    private final ListBroker broker = new ListBroker("epochaaa");
    private final Topic topic = new Topic(new TopicName("orders"), new Topic.Context(
            new Subscriber.Limits(1000, 1 << 20, 5000), new PendingBytes(1 << 26), Runnable::run,
            new SubscriberBudget(100, 1000), () -> { }, why -> new Problem(ProblemType.SLOW_CONSUMER, why, 1000),
            System::currentTimeMillis, broker));

    @Test
    void aPublishIsStoredInTheBrokerAndReachesSubscribersOnlyThroughDelivery() {
        Recorder stream = subscribe(null);
        TopicEvent published = topic.publish("paid", "{\"order\":1}");
        assertEquals("epochaaa-1", published.id().toString());
        assertEquals(List.of("subscribed"), stream.names());
        deliverAll();
        assertEquals(List.of("subscribed", "paid epochaaa-1"), stream.names());
        assertEquals(List.of(topic), broker.followed);
    }

    @Test
    void aResumeReplaysFromTheBrokerUpToThePositionAndLiveEventsFollowOnceEach() {
        Recorder first = subscribe(null);
        publishAndDeliver(5);
        Recorder resumed = subscribe(new EventId("epochaaa", 2));
        assertEquals(List.of("subscribed", "step epochaaa-3", "step epochaaa-4", "step epochaaa-5"), resumed.names());
        topic.deliver(broker.events.get(4)); // a reader that read event 5 again
        publishAndDeliver(1);
        assertEquals(List.of("subscribed", "step epochaaa-3", "step epochaaa-4", "step epochaaa-5", "step epochaaa-6"),
                resumed.names());
        assertEquals(7, first.names().size());
    }

    @Test
    void anIdFromANodeThatIsAheadBringsThisNodeUpToTheBrokerFirst() {
        Recorder first = subscribe(null);
        publishAndDeliver(3);
        for (int n = 0; n < 3; n++) {
            topic.publish("step", "{}"); // stored by another node; this node's reader has not read them yet
        }
        Recorder resumed = subscribe(new EventId("epochaaa", 5));
        assertEquals(List.of("subscribed", "step epochaaa-6"), resumed.names());
        assertEquals(List.of("subscribed", "step epochaaa-1", "step epochaaa-2", "step epochaaa-3", "step epochaaa-4",
                "step epochaaa-5", "step epochaaa-6"), first.names());
        deliverAll(); // the reader catches up: nothing twice
        assertEquals(2, resumed.names().size());
        assertEquals(7, first.names().size());
    }

    @Test
    void aTrimmedRangeAnotherEpochAndAnIdAheadOfTheBrokerGetAReset() {
        subscribe(null);
        publishAndDeliver(6);
        broker.trimBelow(4);
        Recorder trimmed = subscribe(new EventId("epochaaa", 1));
        assertEquals(List.of("subscribed", "reset epochaaa-6"), trimmed.names());
        assertTrue(trimmed.data.get(1).contains("\"reason\":\"evicted\"") && trimmed.data.get(1).contains("\"lost\":2"),
                trimmed.data.get(1));
        Recorder otherEpoch = subscribe(new EventId("epochzzz", 3));
        assertTrue(otherEpoch.data.get(1).contains("\"reason\":\"epoch-changed\""), otherEpoch.data.toString());
        Recorder ahead = subscribe(new EventId("epochaaa", 99));
        assertTrue(ahead.data.get(1).contains("\"reason\":\"unknown-id\""), ahead.data.toString());
    }

    @Test
    void whenTheBrokerLosesTheTopicOpenStreamsGetAResetAndTheNewEpochFromItsStart() {
        Recorder stream = subscribe(null);
        publishAndDeliver(2);
        broker.lose("epochbbb");
        topic.epochChanged("epochbbb");
        assertEquals("epochbbb-0", topic.position().toString());
        publishAndDeliver(1);
        assertEquals(List.of("subscribed", "step epochaaa-1", "step epochaaa-2", "reset epochbbb-0",
                "step epochbbb-1"), stream.names());
        assertTrue(stream.data.get(3).contains("\"reason\":\"epoch-changed\""));
    }

    @Test
    void anOutageIsToldAndTheStreamStaysOpen() {
        Recorder stream = subscribe(null);
        topic.brokerState(new Problem(ProblemType.BROKER_UNAVAILABLE, "down", 3000), 0);
        topic.brokerState(null, 1234);
        publishAndDeliver(1);
        assertEquals(List.of("subscribed", "broker-degraded", "broker-recovered", "step epochaaa-1"), stream.names());
        assertTrue(stream.data.get(1).contains("urn:herald:problem:broker-unavailable"));
        assertTrue(stream.data.get(2).contains("\"degradedForMs\":1234"));
    }

    @Test
    void anUpstreamFedTopicPublishesThroughTheBrokerOnlyWhileThisNodeHoldsItsFeed() {
        topic.feedFromUpstream();
        Recorder stream = subscribe(null);
        assertTrue(topic.holdFeed(3000));
        topic.publishFed("snapshot", "{\"v\":1}", true, Map.of("digest", "d1"));
        topic.publishFed("upstream-degraded", "{}", false, Map.of("degraded", "upstream-failed"));
        assertEquals(List.of("subscribed"), stream.names(), "delivered by the broker's readers only");
        deliverAll();
        assertEquals(List.of("subscribed", "snapshot epochaaa-1", "upstream-degraded epochaaa-2"), stream.names());
        assertEquals(new EventId("epochaaa", 1), topic.latestSnapshot().orElseThrow());
        assertEquals("d1", topic.feedRecord().field("digest").orElseThrow());
        broker.feeding = false; // another node took the feed over
        assertFalse(topic.holdFeed(3000));
        assertThrows(FeedLostException.class, () -> topic.publishFed("snapshot", "{\"v\":2}", true, Map.of()));
        assertEquals(2, broker.events.size(), "nothing stored");
    }

    private void publishAndDeliver(int count) {
        for (int n = 0; n < count; n++) {
            topic.publish("step", "{}");
        }
        deliverAll();
    }

    private void deliverAll() {
        broker.events.forEach(topic::deliver);
    }

    private Recorder subscribe(EventId after) {
        Recorder recorder = new Recorder();
        topic.subscribe(recorder, after, 3000);
        return recorder;
    }

    /** A broker in a list, as Redis would hold one topic's stream. */
    private static final class ListBroker implements Broker {
        final List<TopicEvent> events = new ArrayList<>();
        final List<Follower> followed = new ArrayList<>();
        String epoch;
        long sequence;
        boolean feeding = true;
        EventId latestSnapshot;
        final Map<String, String> record = new HashMap<>();

        ListBroker(String epoch) {
            this.epoch = epoch;
        }

        void trimBelow(long first) {
            events.removeIf(event -> event.id().sequence() < first);
        }

        void lose(String newEpoch) {
            events.clear();
            epoch = newEpoch;
            sequence = 0;
        }

        TopicEvent append(TopicName topic, String event, String jsonData) {
            TopicEvent stored = new TopicEvent(topic, new EventId(epoch, ++sequence), event, jsonData);
            events.add(stored);
            return stored;
        }

        @Override
        public TopicLog open(TopicName topic, java.util.concurrent.locks.ReentrantLock order) {
            return new TopicLog() {
                @Override
                public EventId head() {
                    return new EventId(epoch, sequence);
                }

                @Override
                public TopicEvent append(String event, String jsonData, String idempotencyKey) {
                    return ListBroker.this.append(topic, event, jsonData);
                }

                @Override
                public List<TopicEvent> range(long after, long through) {
                    return events.stream().filter(e -> e.id().sequence() > after && e.id().sequence() <= through)
                            .toList();
                }

                @Override
                public void follow(Follower follower) {
                    followed.add(follower);
                }

                @Override
                public void unfollow(Follower follower) {
                    followed.remove(follower);
                }

                @Override
                public EventId lastKnown() {
                    return null;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public String name() {
            return "list";
        }

        @Override
        public boolean sharedByNodes() {
            return true;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public long historyBytes() {
            return 0;
        }

        @Override
        public void requireAvailable() {
        }

        @Override
        public boolean holdFeed(TopicName topic, long ttlMs) {
            return feeding;
        }

        @Override
        public void releaseFeed(TopicName topic) {
            feeding = false;
        }

        @Override
        public TopicEvent appendFed(TopicName topic, String event, String jsonData, boolean snapshot,
                                    Map<String, String> fields) {
            if (!feeding) {
                throw new FeedLostException(topic);
            }
            TopicEvent stored = append(topic, event, jsonData);
            if (snapshot) {
                latestSnapshot = stored.id();
            }
            record.putAll(fields);
            return stored;
        }

        @Override
        public FeedRecord feedRecord(TopicName topic) {
            return new FeedRecord(latestSnapshot, Map.copyOf(record));
        }
    }

    /** Records "name id" (or the name alone) and the data of every event written to it. */
    private static final class Recorder implements SseEventSink {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> data = new CopyOnWriteArrayList<>();

        List<String> names() {
            return List.copyOf(events);
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            String name = null;
            String id = null;
            for (String line : FrameWire.text(event).split("\n", -1)) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                } else if (line.isEmpty() && name != null) {
                    events.add(id == null ? name : name + " " + id);
                    name = null;
                    id = null;
                }
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }
}
