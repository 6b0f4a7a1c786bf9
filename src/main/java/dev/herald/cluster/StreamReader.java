package dev.herald.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

import dev.herald.problem.Problem;
import dev.herald.topic.EventId;
import dev.herald.topic.Follower;

/**
 * One of a node's few reader loops: one thread and one Redis connection, blocked in {@code XREAD BLOCK} over the
 * streams of every topic it follows (its share of the topics with subscribers on this node), each from that topic's
 * position, handing what it reads to {@link Follower#deliver}. A change of its topics ends the blocking read at once
 * ({@code CLIENT UNBLOCK}) and the read is issued again with the new set.
 * <p>
 * About every {@code herald.redis.block-ms} it also compares each topic's epoch with Redis's: a Redis that lost its
 * data (a restart without persistence, a flush) has given the topic a new one, and the topic's subscribers get a
 * {@code reset}. When Redis cannot be read, its topics' subscribers are told ({@code broker-degraded}) and the loop
 * tries again; once it can, they are told ({@code broker-recovered}) and get what they missed.
 */
final class StreamReader implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamReader.class.getName());
    /** Entries per stream and read: a topic that is far behind catches up over a few reads. */
    private static final int BATCH = 1000;

    private final RedisStreams redis;
    private final RedisHealth health;
    private final Supplier<Problem> degradedProblem;
    private final Set<Follower> topics = ConcurrentHashMap.newKeySet();
    private final Object changes = new Object();
    /** Guarded by {@link #changes}: the topics changed since the loop last looked. */
    private boolean changed;
    private volatile boolean running = true;
    /** The Redis client id of this loop's connection while it may be blocked in a read, else -1. */
    private volatile long blockedClientId = -1;
    /** Since when Redis cannot be read (System.nanoTime), or -1. */
    private volatile long degradedSince = -1;
    private long lastKeptAlive = System.nanoTime(); // reader thread only

    StreamReader(RedisStreams redis, RedisHealth health, Supplier<Problem> degradedProblem) {
        this.redis = redis;
        this.health = health;
        this.degradedProblem = degradedProblem;
    }

    void add(Follower topic) {
        if (topics.add(topic)) {
            wake();
        }
    }

    /** Not woken for this: what it still reads for the topic is ignored ({@link Follower#deliver}), until its next read. */
    void remove(Follower topic) {
        topics.remove(topic);
    }

    boolean degraded() {
        return degradedSince >= 0;
    }

    void stop() {
        running = false;
        wake();
    }

    private void wake() {
        synchronized (changes) {
            changed = true;
            changes.notifyAll();
        }
        long clientId = blockedClientId;
        if (clientId >= 0 && !degraded() && !health.down()) { // never wait on a Redis known to be silent
            try {
                redis.unblock(clientId);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "A Redis reader could not be woken; it reads again within its block time", e);
            }
        }
    }

    @Override
    public void run() {
        Jedis jedis = null;
        long clientId = -1;
        long nextEpochCheck = System.nanoTime();
        while (running) {
            try {
                if (jedis == null) {
                    jedis = redis.readerConnection();
                    clientId = jedis.clientId();
                }
                synchronized (changes) {
                    changed = false;
                }
                List<Follower> watched = List.copyOf(topics);
                long now = System.nanoTime();
                if (degraded() || watched.isEmpty() || now - nextEpochCheck >= 0) {
                    jedis.ping();
                    health.answered();
                    recovered(watched);
                    checkEpochs(jedis, watched);
                    nextEpochCheck = now + TimeUnit.MILLISECONDS.toNanos(redis.blockMs());
                }
                if (watched.isEmpty()) {
                    pause(redis.blockMs(), false);
                    continue;
                }
                Map<String, StreamEntryID> from = new LinkedHashMap<>();
                Map<String, Follower> byKey = new LinkedHashMap<>();
                for (Follower topic : watched) {
                    String key = RedisStreams.eventsKey(topic.name());
                    from.put(key, RedisStreams.after(topic.position().sequence()));
                    byKey.put(key, topic);
                }
                blockedClientId = clientId;
                List<Map.Entry<String, List<StreamEntry>>> read;
                try {
                    read = jedis.xread(XReadParams.xReadParams().block(redis.blockMs()).count(BATCH), from);
                } finally {
                    blockedClientId = -1;
                }
                health.answered(); // a read that came back, with events or at the end of its block time
                if (read != null) {
                    for (Map.Entry<String, List<StreamEntry>> stream : read) {
                        Follower topic = byKey.get(stream.getKey());
                        RedisStreams.events(topic.name(), stream.getValue()).forEach(topic::deliver);
                    }
                }
            } catch (RuntimeException e) {
                close(jedis);
                jedis = null;
                if (running) {
                    degrade(e);
                    pause(Math.min(redis.blockMs(), 1000), true);
                }
            }
        }
        close(jedis);
    }

    /**
     * Each topic's epoch in Redis, in one round trip; a topic whose epoch changed (or went) is reset to the new one.
     * A quarter of herald.redis.topic-ttl-ms after the last time, the topics are also kept alive in Redis: a topic
     * with subscribers must not expire however long nobody publishes to it.
     */
    private void checkEpochs(Jedis jedis, List<Follower> watched) {
        if (watched.isEmpty()) {
            return;
        }
        boolean keepAlive = System.nanoTime() - lastKeptAlive > TimeUnit.MILLISECONDS.toNanos(redis.topicTtlMs() / 4);
        List<Response<String>> epochs;
        try (Pipeline pipeline = jedis.pipelined()) {
            epochs = watched.stream().map(topic -> pipeline.hget(RedisStreams.metaKey(topic.name()), "epoch")).toList();
            if (keepAlive) {
                watched.forEach(topic -> pipeline.pexpire(RedisStreams.metaKey(topic.name()), redis.topicTtlMs()));
            }
            pipeline.sync();
        }
        if (keepAlive) {
            lastKeptAlive = System.nanoTime();
        }
        for (int i = 0; i < watched.size(); i++) {
            Follower topic = watched.get(i);
            String epoch = epochs.get(i).get();
            EventId position = topic.position();
            if (epoch == null || !epoch.equals(position.epoch())) {
                topic.epochChanged(redis.head(jedis, topic.name()).epoch());
            }
        }
    }

    private void degrade(RuntimeException why) {
        health.noAnswer();
        if (degradedSince >= 0) {
            LOG.log(Level.FINE, "Redis still cannot be read", why);
            return;
        }
        degradedSince = System.nanoTime();
        LOG.warning(() -> "Redis cannot be read; telling the subscribers of " + topics.size() + " topics: " + why);
        Problem problem = degradedProblem.get();
        topics.forEach(topic -> topic.brokerState(problem, 0));
    }

    private void recovered(List<Follower> watched) {
        long since = degradedSince;
        if (since < 0) {
            return;
        }
        degradedSince = -1;
        long degradedForMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
        LOG.info(() -> "Redis can be read again after " + degradedForMs + " ms");
        watched.forEach(topic -> topic.brokerState(null, degradedForMs));
    }

    /** Waits, until the topics change unless {@code fully}, or the loop stops. */
    private void pause(long millis, boolean fully) {
        synchronized (changes) {
            try {
                if (running && (fully || !changed)) {
                    changes.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static void close(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINEST, "Closing a broken Redis connection failed", e);
            }
        }
    }
}
