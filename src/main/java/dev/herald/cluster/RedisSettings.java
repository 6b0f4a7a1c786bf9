package dev.herald.cluster;

import java.net.URI;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Settings;

/**
 * How to reach Redis ({@code herald.redis.*}, read only when {@code herald.broker=redis}), how much history a topic
 * keeps there ({@code herald.history.max-events} and {@code max-age-ms}, as in memory) and how long an unused topic
 * stays ({@code herald.redis.topic-ttl-ms}).
 */
record RedisSettings(URI url, int timeoutMs, int poolSize, int readers, int blockMs, int maxEvents, long maxAgeMs,
                     long topicTtlMs) {

    static RedisSettings of(Config config) {
        URI url = URI.create(config.getOptionalValue("herald.redis.url", String.class)
                .orElse("redis://127.0.0.1:6379"));
        if (!"redis".equals(url.getScheme()) && !"rediss".equals(url.getScheme())) {
            throw new IllegalArgumentException("herald.redis.url must be redis://host:port or rediss://host:port");
        }
        return new RedisSettings(url,
                positive(config, "herald.redis.timeout-ms", 2000),
                positive(config, "herald.redis.pool-size", 16),
                positive(config, "herald.redis.readers", 2),
                positive(config, "herald.redis.block-ms", 1000),
                // Redis keeps at least one event: live delivery reads the stream too.
                Math.max(1, config.getOptionalValue("herald.history.max-events", Integer.class).orElse(1000)),
                positiveLong(config, "herald.history.max-age-ms", 3_600_000),
                positiveLong(config, "herald.redis.topic-ttl-ms", 604_800_000));
    }

    private static long positiveLong(Config config, String key, long fallback) {
        return Settings.positive(key, config.getOptionalValue(key, Long.class).orElse(fallback));
    }

    private static int positive(Config config, String key, int fallback) {
        return (int) Settings.positive(key, config.getOptionalValue(key, Integer.class).orElse(fallback));
    }
}
