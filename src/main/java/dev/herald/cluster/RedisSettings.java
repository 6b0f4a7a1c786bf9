package dev.herald.cluster;

import java.net.URI;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;
import dev.herald.topic.TopicSettings;

/**
 * How to reach Redis ({@code herald.redis.*}), how much history a topic keeps there ({@code herald.history.max-events}
 * and {@code max-age-ms}, as in memory: the engine's settings, {@link TopicSettings}) and how long an unused topic
 * stays ({@code herald.redis.topic-ttl-ms}). Read and checked when the Redis broker starts, so only with
 * {@code herald.broker=redis}: with the memory broker, no Redis setting can stop the deployment.
 *
 * @param nodeId this node's name in the upstream leases, when {@code herald.node-id} is set
 */
record RedisSettings(URI url, int timeoutMs, int poolSize, int readers, int blockMs, int maxEvents, long maxAgeMs,
                     long topicTtlMs, Optional<String> nodeId) {

    static final Setting URL = Setting.of("herald.redis.url", "redis://127.0.0.1:6379");
    static final Setting TIMEOUT_MS = Setting.of("herald.redis.timeout-ms", "2000");
    static final Setting POOL_SIZE = Setting.of("herald.redis.pool-size", "16");
    static final Setting READERS = Setting.of("herald.redis.readers", "2");
    static final Setting BLOCK_MS = Setting.of("herald.redis.block-ms", "1000");
    static final Setting TOPIC_TTL_MS = Setting.of("herald.redis.topic-ttl-ms", "604800000");
    /** No default: the host's name and a random suffix ({@code RedisBroker.defaultNodeId}). */
    static final Setting NODE_ID = Setting.of("herald.node-id");

    static RedisSettings of(Config config) {
        Settings settings = Settings.of(config);
        URI url = URI.create(settings.text(URL));
        if (!"redis".equals(url.getScheme()) && !"rediss".equals(url.getScheme())) {
            throw new IllegalArgumentException(URL + " must be redis://host:port or rediss://host:port");
        }
        return new RedisSettings(url,
                settings.positiveInteger(TIMEOUT_MS),
                settings.positiveInteger(POOL_SIZE),
                settings.positiveInteger(READERS),
                settings.positiveInteger(BLOCK_MS),
                // Redis keeps at least one event: live delivery reads the stream too.
                Math.max(1, settings.integer(TopicSettings.HISTORY_MAX_EVENTS)),
                settings.positive(TopicSettings.HISTORY_MAX_AGE_MS),
                settings.positive(TOPIC_TTL_MS),
                settings.optional(NODE_ID).map(String::strip).filter(id -> !id.isEmpty()));
    }
}
