package dev.herald.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import dev.herald.topic.Epoch;
import dev.herald.topic.EventId;
import dev.herald.topic.FeedRecord;
import dev.herald.topic.Follower;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicLog;
import dev.herald.topic.TopicName;
import dev.herald.topic.TopicRetiredException;

/**
 * One topic's log in this JVM: ids from a counter, a bounded {@link History}, and its follower (the topic, while it
 * has subscribers) handed each event as it is appended. Everything here is guarded by the topic's own lock, so that
 * a publish is one lock: the id, the history and the fan-out in one step, and a subscriber's replay, taken under the
 * same lock, meets every live event either in the replay or live, never both, never neither.
 * <p>
 * Its epoch is chosen when the topic comes into being: a topic that went away when idle and is used again starts a
 * new one, so that an id of its earlier life can never be mistaken for one of the new.
 */
final class MemoryLog implements TopicLog {

    private final TopicName topic;
    private final ReentrantLock lock;
    private final History history;
    private final MemoryBroker broker;
    private final String epoch = Epoch.next();
    private long sequence;
    private Follower follower;
    private boolean closed;
    private EventId latestSnapshot;
    private final Map<String, String> feedFields = new HashMap<>();
    /**
     * For the budget across topics, which drops the history of the least recently used first. Written under the lock,
     * read by the trimmer without it: a stale value only changes which topic loses its history first.
     */
    private long lastUsedMillis;

    MemoryLog(TopicName topic, ReentrantLock lock, History history, MemoryBroker broker, long now) {
        this.topic = topic;
        this.lock = lock;
        this.history = history;
        this.broker = broker;
        this.lastUsedMillis = now;
    }

    @Override
    public EventId head() {
        lock.lock();
        try {
            return new EventId(epoch, sequence);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TopicEvent append(String event, String jsonData, String idempotencyKey) {
        return append(event, jsonData, idempotencyKey, false, Map.of());
    }

    TopicEvent append(String event, String jsonData, String idempotencyKey, boolean snapshot,
                      Map<String, String> record) {
        TopicEvent stored;
        lock.lock();
        try {
            if (closed) {
                throw new TopicRetiredException(); // retired meanwhile: the registry looks the topic up again
            }
            if (idempotencyKey != null) {
                var earlier = history.publishedWith(idempotencyKey);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            stored = new TopicEvent(topic, new EventId(epoch, sequence + 1), event, jsonData);
            sequence++;
            lastUsedMillis = history.append(stored, idempotencyKey);
            if (snapshot) {
                latestSnapshot = stored.id();
            }
            record.forEach((field, value) -> {
                if (value.isEmpty()) {
                    feedFields.remove(field);
                } else {
                    feedFields.put(field, value);
                }
            });
            if (follower != null) {
                follower.deliver(stored); // under this lock, which is the topic's: no second lock is taken
            }
        } finally {
            lock.unlock();
        }
        broker.historyGrew(); // outside the lock: trimming takes other topics' locks
        return stored;
    }

    @Override
    public List<TopicEvent> range(long after, long through) {
        lock.lock();
        try {
            return history.range(after, through);
        } finally {
            lock.unlock();
        }
    }

    /** From its position on: a follower behind the log gets what it missed first, if still kept. */
    @Override
    public void follow(Follower follower) {
        lock.lock();
        try {
            this.follower = follower;
            lastUsedMillis = broker.now();
            EventId from = follower.position();
            if (from.epoch().equals(epoch) && from.sequence() < sequence) {
                history.range(from.sequence(), sequence).forEach(follower::deliver);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unfollow(Follower follower) {
        lock.lock();
        try {
            if (this.follower == follower) {
                this.follower = null;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public EventId lastKnown() {
        return head();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            follower = null;
            history.clear();
        } finally {
            lock.unlock();
        }
        broker.forget(topic, this);
    }

    FeedRecord feedRecord() {
        lock.lock();
        try {
            EventId snapshot = latestSnapshot != null && history.keeps(latestSnapshot.sequence()) ? latestSnapshot
                    : null;
            return snapshot == null && feedFields.isEmpty() ? FeedRecord.NONE
                    : new FeedRecord(snapshot, Map.copyOf(feedFields));
        } finally {
            lock.unlock();
        }
    }

    /** Drops the history to make room across topics; a later resume gets a {@code reset}. */
    void dropHistory() {
        lock.lock();
        try {
            history.clear();
        } finally {
            lock.unlock();
        }
    }

    long historyBytes() {
        lock.lock();
        try {
            return history.bytes();
        } finally {
            lock.unlock();
        }
    }

    long lastUsedMillis() {
        return lastUsedMillis;
    }
}
