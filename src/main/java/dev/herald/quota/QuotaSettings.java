package dev.herald.quota;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;

/** The per-client quotas (streams, publishes, body reads, stream tickets), read and checked once, at start-up. */
@ApplicationScoped
public class QuotaSettings {

    static final Setting STREAMS_PER_PRINCIPAL = Setting.of("herald.quota.streams-per-principal", "100");
    static final Setting STREAMS_PER_ADDRESS = Setting.of("herald.quota.streams-per-address", "100");
    static final Setting PUBLISH_RATE_PER_PRINCIPAL = Setting.of("herald.quota.publish-rate-per-principal", "100");
    static final Setting PUBLISH_BURST_PER_PRINCIPAL = Setting.of("herald.quota.publish-burst-per-principal", "200");
    static final Setting PUBLISH_RATE_PER_ADDRESS = Setting.of("herald.quota.publish-rate-per-address", "20");
    static final Setting PUBLISH_BURST_PER_ADDRESS = Setting.of("herald.quota.publish-burst-per-address", "40");
    static final Setting BODY_READS_PER_CLIENT = Setting.of("herald.quota.body-reads-per-client", "4");
    static final Setting TRACKED_CLIENTS = Setting.of("herald.quota.tracked-clients", "100000");
    static final Setting TICKET_RATE_PER_PRINCIPAL = Setting.of("herald.auth.tickets.rate-per-principal", "10");
    static final Setting TICKET_BURST_PER_PRINCIPAL = Setting.of("herald.auth.tickets.burst-per-principal", "20");

    private int streamsPerPrincipal;
    private int streamsPerAddress;
    private PublishQuota.Rate principalPublishes;
    private PublishQuota.Rate addressPublishes;
    private int bodyReadsPerClient;
    private int trackedClients;
    private int ticketRate;
    private int ticketBurst;

    protected QuotaSettings() {
        // for the CDI proxy
    }

    @Inject
    public QuotaSettings(Config config) {
        Settings settings = Settings.of(config);
        streamsPerPrincipal = settings.positiveInteger(STREAMS_PER_PRINCIPAL);
        streamsPerAddress = settings.positiveInteger(STREAMS_PER_ADDRESS);
        principalPublishes = new PublishQuota.Rate(settings.positiveInteger(PUBLISH_RATE_PER_PRINCIPAL),
                settings.positiveInteger(PUBLISH_BURST_PER_PRINCIPAL));
        addressPublishes = new PublishQuota.Rate(settings.positiveInteger(PUBLISH_RATE_PER_ADDRESS),
                settings.positiveInteger(PUBLISH_BURST_PER_ADDRESS));
        bodyReadsPerClient = settings.positiveInteger(BODY_READS_PER_CLIENT);
        trackedClients = settings.positiveInteger(TRACKED_CLIENTS);
        ticketRate = settings.positiveInteger(TICKET_RATE_PER_PRINCIPAL);
        ticketBurst = settings.positiveInteger(TICKET_BURST_PER_PRINCIPAL);
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    int streamsPerPrincipal() {
        return streamsPerPrincipal;
    }

    int streamsPerAddress() {
        return streamsPerAddress;
    }

    PublishQuota.Rate principalPublishes() {
        return principalPublishes;
    }

    PublishQuota.Rate addressPublishes() {
        return addressPublishes;
    }

    /** Publish bodies one client may be sending at once. */
    public int bodyReadsPerClient() {
        return bodyReadsPerClient;
    }

    /** Token buckets kept at most, for publishes and for stream tickets alike. */
    int trackedClients() {
        return trackedClients;
    }

    int ticketRate() {
        return ticketRate;
    }

    int ticketBurst() {
        return ticketBurst;
    }
}
