package dev.herald.cluster;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.JedisURIHelper;

import dev.herald.topic.Epoch;
import dev.herald.topic.EventId;
import dev.herald.topic.FeedRecord;
import dev.herald.topic.TopicEvent;
import dev.herald.topic.TopicName;

/**
 * Herald's topics in Redis, and the only class that speaks to it (through Jedis): it is created only when
 * {@code herald.broker=redis}, so the memory broker never loads a Redis class.
 * <p>
 * Per topic, a hash {@code herald:{topic}:meta} holds the epoch (created once) and the last sequence, and a stream
 * {@code herald:{topic}:events} the events, with the ids {@code <sequence>-0}, trimmed to about
 * {@code herald.history.max-events} ({@code MAXLEN ~}); each entry holds the epoch ({@code p}), the event name
 * ({@code e}) and its JSON data ({@code d}). One Lua script per publish increments the sequence and adds the entry,
 * atomically: concurrent publishes on any nodes get one order per topic. (The braces keep the keys of a topic in one
 * Redis Cluster slot.)
 * <p>
 * A topic fed by an upstream has a feeder, the one node that runs the upstream: {@code herald:{topic}:feeder} holds
 * its node id and expires unless renewed (the upstream's lease). Its publishes are stored only while the key names
 * it, and record in the meta hash what the next feeder needs: {@code snapshot} (the latest snapshot's sequence) and
 * {@code feed:<field>} (e.g. the upstream's last event id).
 */
final class RedisStreams implements AutoCloseable {

    /**
     * Reads or creates the epoch; a topic whose hash was lost starts a new epoch with an empty stream. Every use keeps
     * the hash ARGV[2] ms longer: a topic nobody publishes to, subscribes to or follows for that long goes, as an idle
     * topic goes from memory, so that names used once cannot fill Redis.
     */
    private static final String EPOCH = """
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if not epoch then
              epoch = ARGV[1]
              redis.call('DEL', KEYS[2])
              redis.call('HSET', KEYS[1], 'epoch', epoch, 'seq', 0)
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            """;
    /** The epoch and the top sequence. */
    private static final String HEAD = EPOCH + """
            return {epoch, redis.call('HGET', KEYS[1], 'seq')}
            """;
    /**
     * After the epoch, the next sequence and the entry with it as id. The stream lives ARGV[6] ms (the history's maximum
     * age) after its last event: after that every event in it is too old to replay.
     */
    private static final String ADD = """
            local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], seq .. '-0', 'p', epoch, 'e', ARGV[4], 'd', ARGV[5])
            redis.call('PEXPIRE', KEYS[2], ARGV[6])
            """;
    /**
     * The epoch, then the next sequence and the entry with it as id: the publish, atomically. With an idempotency key
     * (ARGV[7], '' for none) the event's id is kept under KEYS[3] as long as the stream lives after it, and a publish
     * that repeats the key within that time, in the same epoch, stores nothing and gets that id.
     */
    private static final String APPEND = EPOCH + """
            if ARGV[7] ~= '' then
              local earlier = redis.call('GET', KEYS[3])
              if earlier then
                local earlierEpoch, earlierSeq = string.match(earlier, '^(.*)|(%d+)$')
                if earlierEpoch == epoch then
                  return {epoch, tonumber(earlierSeq)}
                end
              end
            end
            """ + ADD + """
            if ARGV[7] ~= '' then
              redis.call('SET', KEYS[3], epoch .. '|' .. seq, 'PX', ARGV[6])
            end
            return {epoch, seq}
            """;
    /**
     * A feeder's publish: nothing (nil) unless this node (ARGV[7]) holds the feed (KEYS[3]); else the publish, the
     * feeder's fields (ARGV[9], ARGV[10]... in pairs; an empty value removes one) and, if ARGV[8] is 1, the event's
     * sequence as the latest snapshot, atomically: a node that lost the feed can store nothing more.
     */
    private static final String APPEND_FED = """
            if redis.call('GET', KEYS[3]) ~= ARGV[7] then
              return false
            end
            """ + EPOCH + ADD + """
            if ARGV[8] == '1' then
              redis.call('HSET', KEYS[1], 'snapshot', seq)
            end
            for i = 9, #ARGV, 2 do
              if ARGV[i + 1] == '' then
                redis.call('HDEL', KEYS[1], 'feed:' .. ARGV[i])
              else
                redis.call('HSET', KEYS[1], 'feed:' .. ARGV[i], ARGV[i + 1])
              end
            end
            return {epoch, seq}
            """;
    /** Claims the feed (SET NX PX), or renews it (PEXPIRE) when this node (ARGV[1]) holds it: 1 if held, else 0. */
    private static final String HOLD = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            if holder then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """;
    /** Gives the feed up if this node (ARGV[1]) holds it. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;
    private static final String HEAD_SHA = sha1(HEAD);
    private static final String APPEND_SHA = sha1(APPEND);
    private static final String APPEND_FED_SHA = sha1(APPEND_FED);
    private static final String HOLD_SHA = sha1(HOLD);
    private static final String RELEASE_SHA = sha1(RELEASE);
    private static final String FEED_FIELD = "feed:";

    private final RedisSettings settings;
    private final HostAndPort address;
    private final RedisClient client;

    RedisStreams(RedisSettings settings) {
        this.settings = settings;
        this.address = JedisURIHelper.getHostAndPort(settings.url());
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMaxWait(java.time.Duration.ofMillis(settings.timeoutMs()));
        // Idle connections are pinged every few seconds and dropped when broken (e.g. Redis restarted), so that a
        // publish, which is never retried, rarely meets a dead one.
        pool.setTestWhileIdle(true);
        pool.setNumTestsPerEvictionRun(-1);
        pool.setTimeBetweenEvictionRuns(java.time.Duration.ofSeconds(5));
        this.client = RedisClient.builder().hostAndPort(address).clientConfig(config(settings.timeoutMs()))
                .poolConfig(pool).build();
    }

    private DefaultJedisClientConfig config(int blockingTimeoutMs) {
        URI url = settings.url();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.timeoutMs())
                .socketTimeoutMillis(settings.timeoutMs())
                // A blocking read (XREAD BLOCK) waits its block time plus the usual timeout, never for ever: a Redis
                // that stopped answering is noticed.
                .blockingSocketTimeoutMillis(blockingTimeoutMs)
                .clientName("herald")
                .ssl(JedisURIHelper.isRedisSSLScheme(url));
        String password = JedisURIHelper.getPassword(url);
        if (password != null) {
            config.user(JedisURIHelper.getUser(url)).password(password);
        }
        if (JedisURIHelper.hasDbIndex(url)) {
            config.database(JedisURIHelper.getDBIndex(url));
        }
        return config.build();
    }

    static String metaKey(TopicName topic) {
        return topicKey(topic, "meta");
    }

    static String eventsKey(TopicName topic) {
        return topicKey(topic, "events");
    }

    /** Where the id of the event published with this key is kept (Redis Cluster: the topic's slot). */
    static String idempotencyKey(TopicName topic, String key) {
        return topicKey(topic, "key:" + key);
    }

    /** A key of the topic's: the braces put every key of one topic in one Redis Cluster slot. */
    private static String topicKey(TopicName topic, String part) {
        return "herald:{" + topic.value() + "}:" + part;
    }

    EventId head(TopicName topic) {
        return head(client, topic);
    }

    EventId head(JedisCommands redis, TopicName topic) {
        return id((List<?>) script(redis, HEAD, HEAD_SHA, List.of(metaKey(topic), eventsKey(topic)),
                List.of(Epoch.next(), Long.toString(settings.topicTtlMs()))));
    }

    EventId append(TopicName topic, String event, String jsonData, String idempotencyKey) {
        String key = idempotencyKey == null ? "" : idempotencyKey;
        List<String> args = appendArgs(event, jsonData);
        args.add(key);
        return id((List<?>) script(client, APPEND, APPEND_SHA,
                List.of(metaKey(topic), eventsKey(topic), idempotencyKey(topic, key)), args));
    }

    /** ARGV[1] to ARGV[6] of {@link #APPEND} and {@link #APPEND_FED}, in a list that can take more. */
    private List<String> appendArgs(String event, String jsonData) {
        return new ArrayList<>(List.of(Epoch.next(), Long.toString(settings.topicTtlMs()),
                Integer.toString(settings.maxEvents()), event, jsonData, Long.toString(settings.maxAgeMs())));
    }

    private static EventId id(List<?> result) {
        return new EventId(text(result.get(0)), Long.parseLong(text(result.get(1))));
    }

    /** The key naming the node that feeds the topic now (its upstream's lease), in the topic's Cluster slot. */
    static String feedKey(TopicName topic) {
        return topicKey(topic, "feeder");
    }

    /** True if {@code node} holds the topic's feed for {@code ttlMs} from now. */
    boolean holdFeed(TopicName topic, String node, long ttlMs) {
        return ((Number) script(client, HOLD, HOLD_SHA, List.of(feedKey(topic)),
                List.of(node, Long.toString(ttlMs)))).longValue() == 1;
    }

    void releaseFeed(TopicName topic, String node) {
        script(client, RELEASE, RELEASE_SHA, List.of(feedKey(topic)), List.of(node));
    }

    /** The publish of the topic's feeder {@code node}, or null (nothing stored) if it does not hold the feed. */
    EventId appendFed(TopicName topic, String node, String event, String jsonData, boolean snapshot,
                      Map<String, String> record) {
        List<String> args = appendArgs(event, jsonData);
        args.add(node);
        args.add(snapshot ? "1" : "0");
        record.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        List<?> result = (List<?>) script(client, APPEND_FED, APPEND_FED_SHA,
                List.of(metaKey(topic), eventsKey(topic), feedKey(topic)), args);
        return result == null ? null : id(result);
    }

    FeedRecord feedRecord(TopicName topic) {
        Map<String, String> meta = client.hgetAll(metaKey(topic));
        String epoch = meta.get("epoch");
        if (epoch == null) {
            return FeedRecord.NONE;
        }
        String snapshot = meta.get("snapshot");
        Map<String, String> fields = new HashMap<>();
        meta.forEach((field, value) -> {
            if (field.startsWith(FEED_FIELD)) {
                fields.put(field.substring(FEED_FIELD.length()), value);
            }
        });
        return new FeedRecord(snapshot == null ? null : new EventId(epoch, Long.parseLong(snapshot)), fields);
    }

    List<TopicEvent> range(TopicName topic, long after, long through) {
        return events(topic, client.xrange(eventsKey(topic), "(" + after + "-0", through + "-0"));
    }

    /** A stream ticket (security.SharedTickets), kept until it expires or is taken. */
    void putTicket(String ticket, String description, long ttlMillis) {
        client.set(ticketKey(ticket), description, SetParams.setParams().px(ttlMillis));
    }

    /** Takes a ticket out (GETDEL, Redis 6.2): atomic, so that only one node ever gets it; null if not there. */
    String takeTicket(String ticket) {
        return client.getDel(ticketKey(ticket));
    }

    static String ticketKey(String ticket) {
        return "herald:ticket:" + ticket;
    }

    /** A connection of its own for one reader loop, which blocks on it. */
    Jedis readerConnection() {
        return new Jedis(address, config(settings.blockMs() + settings.timeoutMs()));
    }

    /** Ends a reader's blocking read at once, so that it reads again with the topics it has now. */
    void unblock(long clientId) {
        client.sendCommand(Protocol.Command.CLIENT, "UNBLOCK", Long.toString(clientId));
    }

    /** How long a topic's hash outlives its last use (herald.redis.topic-ttl-ms). */
    long topicTtlMs() {
        return settings.topicTtlMs();
    }

    int blockMs() {
        return settings.blockMs();
    }

    static StreamEntryID after(long sequence) {
        return new StreamEntryID(sequence, 0);
    }

    static List<TopicEvent> events(TopicName topic, List<StreamEntry> entries) {
        List<TopicEvent> events = new ArrayList<>(entries.size());
        for (StreamEntry entry : entries) {
            Map<String, String> fields = entry.getFields();
            events.add(new TopicEvent(topic, new EventId(fields.get("p"), entry.getID().getTime()), fields.get("e"),
                    fields.get("d")));
        }
        return events;
    }

    private static Object script(JedisCommands redis, String script, String sha, List<String> keys,
                                 List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException notLoaded) { // a fresh or restarted Redis: sent whole once, cached after
            return redis.eval(script, keys, args);
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static String sha1(String script) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
