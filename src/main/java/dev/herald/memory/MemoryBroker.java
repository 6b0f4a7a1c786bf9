package dev.herald.memory;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import dev.herald.topic.Broker;
import dev.herald.topic.FeedRecord;
import dev.herald.topic.HistoryLimits;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicLog;
import dev.herald.topic.TopicName;
import dev.herald.topic.TopicRetiredException;

/**
 * The broker of one node ({@code herald.broker=memory}, the default): every topic's ids and history in this JVM,
 * nothing else touched. Its logs deliver each event as it is appended, under the topic's lock (see
 * {@link MemoryLog}). The history of all topics together stays within {@code herald.history.total-bytes}: over it,
 * the least recently used topics' history is dropped first (a client resuming there gets a {@code reset}).
 * <p>
 * One node holds every feed: an upstream's lease is always held here, and its feed record is kept with the topic.
 * Not a CDI bean: {@code dev.herald.broker.Brokers} makes the one the configuration asks for.
 */
public final class MemoryBroker implements Broker {

    public static final String NAME = "memory";

    private final ConcurrentMap<TopicName, MemoryLog> logs = new ConcurrentHashMap<>();
    private final HistoryLimits limits;
    private final HistoryBudget budget;
    private final LongSupplier clock;
    private final ReentrantLock trimming = new ReentrantLock();

    public MemoryBroker(HistoryLimits limits, LongSupplier clock) {
        this.limits = limits;
        this.budget = new HistoryBudget(limits.totalBytes());
        this.clock = clock;
    }

    @Override
    public TopicLog open(TopicName topic, ReentrantLock order) {
        MemoryLog log = new MemoryLog(topic, order, new History(limits, budget, clock), this, clock.getAsLong());
        logs.put(topic, log); // one topic of a name at a time: the registry opens a new one once the last is closed
        return log;
    }

    @Override
    public void requireAvailable() {
        // always: it is this JVM
    }

    @Override
    public boolean holdFeed(TopicName topic, long ttlMs) {
        return true;
    }

    @Override
    public void releaseFeed(TopicName topic) {
        // nobody else could take it
    }

    @Override
    public TopicEvent appendFed(TopicName topic, String event, String jsonData, boolean snapshot,
                                Map<String, String> record) {
        return log(topic).append(event, jsonData, null, snapshot, record);
    }

    @Override
    public FeedRecord feedRecord(TopicName topic) {
        MemoryLog log = logs.get(topic);
        return log == null ? FeedRecord.NONE : log.feedRecord();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean sharedByNodes() {
        return false;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public long historyBytes() {
        return budget.used();
    }

    long now() {
        return clock.getAsLong();
    }

    void forget(TopicName topic, MemoryLog log) {
        logs.remove(topic, log);
    }

    private MemoryLog log(TopicName topic) {
        MemoryLog log = logs.get(topic);
        if (log == null) {
            throw new TopicRetiredException();
        }
        return log;
    }

    /** Over the history budget: drop the history of the least recently used topics until back within it. */
    void historyGrew() {
        if (!budget.exceeded() || !trimming.tryLock()) {
            return; // within the budget, or another publisher is trimming already
        }
        try {
            var leastRecentFirst = logs.values().stream()
                    .filter(log -> log.historyBytes() > 0)
                    .sorted(Comparator.comparingLong(MemoryLog::lastUsedMillis))
                    .iterator();
            while (!budget.backWithin() && leastRecentFirst.hasNext()) {
                leastRecentFirst.next().dropHistory();
            }
        } finally {
            trimming.unlock();
        }
    }
}
