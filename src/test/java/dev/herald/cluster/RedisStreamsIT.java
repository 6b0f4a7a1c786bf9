package dev.herald.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import redis.clients.jedis.Jedis;

import dev.herald.support.RedisServer;
import dev.herald.support.Waits;
import dev.herald.topic.EventId;
import dev.herald.topic.TopicName;

/**
 * {@link RedisStreams} against the build's real Redis, without a server: what a topic leaves in Redis, and for how
 * long. Topics must not fill Redis forever (a name used once goes after {@code herald.redis.topic-ttl-ms}), and events
 * older than the history's maximum age go with their stream. (Once, in the Payara Micro run.)
 */
@EnabledIfSystemProperty(named = "herald.server", matches = "payara")
class RedisStreamsIT {

    private static final long TOPIC_TTL_MS = 1500;
    private static final long MAX_AGE_MS = 60_000;

    private final RedisStreams streams = new RedisStreams(new RedisSettings(URI.create(RedisServer.url()), 2000, 2, 1,
            500, 100, MAX_AGE_MS, TOPIC_TTL_MS, Optional.empty()));
    private final Jedis redis = new Jedis("127.0.0.1", RedisServer.port());
    private final TopicName topic = TopicName.of("it-ttl-" + UUID.randomUUID().toString().substring(0, 8));

    @AfterEach
    void close() {
        streams.close();
        redis.close();
    }

    @Test
    void aTopicsKeysExpireAfterTheirLastUse() {
        EventId head = streams.head(topic);
        assertEquals(0, head.sequence());
        assertBetween(redis.pttl(RedisStreams.metaKey(topic)), 1, TOPIC_TTL_MS);

        EventId first = streams.append(topic, "step", "{\"n\":1}", null);
        assertEquals(new EventId(head.epoch(), 1), first);
        assertBetween(redis.pttl(RedisStreams.metaKey(topic)), 1, TOPIC_TTL_MS);
        assertBetween(redis.pttl(RedisStreams.eventsKey(topic)), TOPIC_TTL_MS, MAX_AGE_MS);

        // Unused, the topic's hash goes; the next use starts a new epoch, which resuming clients are told (reset).
        Waits.atMost(Duration.ofSeconds(10)).until(() -> !redis.exists(RedisStreams.metaKey(topic)));
        EventId after = streams.head(topic);
        assertNotEquals(head.epoch(), after.epoch());
        assertEquals(0, after.sequence());
        assertTrue(streams.range(topic, 0, 10).isEmpty(), "a new epoch starts with an empty stream");
    }

    @Test
    void everyUseKeepsTheTopicLonger() throws InterruptedException {
        EventId head = streams.head(topic);
        for (int i = 0; i < 6; i++) { // 3 s in all, twice the time to live
            Thread.sleep(TOPIC_TTL_MS / 3);
            streams.append(topic, "step", "{}", null);
        }
        assertEquals(new EventId(head.epoch(), 6), streams.head(topic));
    }

    @Test
    void aPublishThatRepeatsItsIdempotencyKeyStoresNothingAndGetsTheFirstId() {
        EventId first = streams.append(topic, "paid", "{\"order\":42}", "order-42-paid");
        assertEquals(first, streams.append(topic, "paid", "{\"order\":42}", "order-42-paid"));
        EventId other = streams.append(topic, "paid", "{\"order\":43}", "order-43-paid");
        assertEquals(first.sequence() + 1, other.sequence());
        assertEquals(2, streams.range(topic, 0, 10).size(), "stored once each");
        assertBetween(redis.pttl(RedisStreams.idempotencyKey(topic, "order-42-paid")), TOPIC_TTL_MS, MAX_AGE_MS);

        redis.del(RedisStreams.metaKey(topic)); // Redis lost the topic: a key of the old epoch means nothing
        EventId again = streams.append(topic, "paid", "{\"order\":42}", "order-42-paid");
        assertNotEquals(first.epoch(), again.epoch());
        assertEquals(1, again.sequence());
    }

    private static void assertBetween(long value, long low, long high) {
        assertTrue(value >= low && value <= high, value + " not within [" + low + ", " + high + "]");
    }
}
