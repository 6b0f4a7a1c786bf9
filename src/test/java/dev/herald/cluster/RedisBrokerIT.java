package dev.herald.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.herald.problem.RetryPolicy;
import dev.herald.support.RedisServer;
import dev.herald.topic.Broker;
import dev.herald.topic.BrokerContract;

/**
 * The Redis broker keeps the contract of every broker, on the run's real redis-server (support.RedisServer), with two
 * nodes on it (outside a container: Fault Tolerance's annotations do nothing here, the calls and scripts are the real
 * ones). An integration test because the unit stage runs before the provisioning that installs redis-server; in the
 * Payara Micro run only, once.
 */
@EnabledIfSystemProperty(named = "herald.server", matches = "payara")
class RedisBrokerIT extends BrokerContract {

    private final List<Runnable> stops = new ArrayList<>();
    private final RedisBroker broker = node("node-a");
    private final RedisBroker otherNode = node("node-b");

    @AfterEach
    void stopNodes() {
        stops.forEach(Runnable::run);
    }

    @Override
    protected Broker broker() {
        return broker;
    }

    @Override
    protected Broker otherNode() {
        return otherNode;
    }

    private RedisBroker node(String nodeId) {
        Config config = new MapConfig(Map.of("herald.redis.url", RedisServer.url(), "herald.node-id", nodeId,
                "herald.redis.block-ms", "200"));
        RetryPolicy retryPolicy = new RetryPolicy(3000, 3_600_000, 30_000, 10_000);
        RedisCalls calls = new RedisCalls();
        calls.config = config;
        calls.retryPolicy = retryPolicy;
        calls.start();
        RedisBroker node = new RedisBroker();
        node.calls = calls;
        node.retryPolicy = retryPolicy;
        node.start();
        stops.add(() -> {
            node.stop();
            calls.stop();
        });
        return node;
    }

    /** The few keys a node reads, as MicroProfile Config would give them. */
    private record MapConfig(Map<String, String> values) implements Config {

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            String value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            Object converted = type == Integer.class ? Integer.valueOf(value)
                    : type == Long.class ? Long.valueOf(value) : value;
            return Optional.of(type.cast(converted));
        }

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }
    }
}
