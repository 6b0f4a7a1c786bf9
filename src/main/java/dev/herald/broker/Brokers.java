package dev.herald.broker;

import java.util.Locale;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.herald.cluster.RedisBroker;
import dev.herald.memory.MemoryBroker;
import dev.herald.topic.Broker;
import dev.herald.topic.TopicConfig;

/**
 * The one switch between brokers: {@code herald.broker} ({@code memory}, the default, or {@code redis}) names the
 * {@link Broker} every bean gets injected. The implementations are not {@code Broker} beans themselves (the memory
 * broker is no bean, the Redis one a bean of its own type only), so that injecting a {@code Broker} is never
 * ambiguous. With {@code memory}, no Redis class is instantiated and no connection made. A new broker is a package of
 * its own and one more case here.
 */
@ApplicationScoped
public class Brokers {

    private static final Logger LOG = Logger.getLogger(Brokers.class.getName());

    /** The value of {@code herald.broker}, checked when the application starts. */
    enum Kind {
        MEMORY, REDIS;

        static Kind of(String value) {
            String wanted = value.strip();
            for (Kind kind : values()) {
                if (kind.key().equals(wanted)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("herald.broker is '" + value + "': it must be " + MEMORY.key()
                    + " or " + REDIS.key());
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Inject
    @ConfigProperty(name = "herald.broker", defaultValue = "memory")
    String broker;

    @Inject
    TopicConfig topics;

    @Inject
    Instance<RedisBroker> redis;

    /** A bad value stops the deployment at once, rather than at the first publish or stream. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Kind kind = Kind.of(broker);
        LOG.fine(() -> "Herald's broker: " + kind.key());
    }

    @Produces
    @ApplicationScoped
    Broker broker() {
        return switch (Kind.of(broker)) {
            case MEMORY -> new MemoryBroker(topics.history(), System::currentTimeMillis);
            case REDIS -> redis.get();
        };
    }
}
