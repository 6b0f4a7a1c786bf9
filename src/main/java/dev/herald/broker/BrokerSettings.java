package dev.herald.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;

/**
 * Which broker runs ({@code herald.broker}), read and checked once, at start-up: a bad value stops the deployment at
 * once, rather than at the first publish or stream. A broker's own settings are its package's (e.g.
 * {@code cluster.RedisSettings}).
 */
@ApplicationScoped
public class BrokerSettings {

    static final Setting BROKER = Setting.of("herald.broker", "memory");

    private Brokers.Kind kind;

    protected BrokerSettings() {
        // for the CDI proxy
    }

    @Inject
    public BrokerSettings(Config config) {
        kind = Brokers.Kind.of(Settings.of(config).text(BROKER));
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the setting: a bad one stops the deployment
    }

    Brokers.Kind kind() {
        return kind;
    }
}
