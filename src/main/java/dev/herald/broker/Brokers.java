package dev.herald.broker;

import java.util.Locale;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import dev.herald.cluster.RedisBroker;
import dev.herald.memory.MemoryBroker;
import dev.herald.topic.Broker;
import dev.herald.topic.TopicSettings;

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
            throw new IllegalArgumentException(BrokerSettings.BROKER + " is '" + value + "': it must be " + MEMORY.key()
                    + " or " + REDIS.key());
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Inject
    BrokerSettings settings;

    @Inject
    TopicSettings topics;

    @Inject
    Instance<RedisBroker> redis;

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.fine(() -> "Herald's broker: " + settings.kind().key());
    }

    @Produces
    @ApplicationScoped
    Broker broker() {
        return switch (settings.kind()) {
            case MEMORY -> new MemoryBroker(topics.history(), System::currentTimeMillis);
            case REDIS -> redis.get();
        };
    }
}
