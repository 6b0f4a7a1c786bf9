package dev.herald.upstream.relay;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.herald.threads.Scheduler;
import dev.herald.topic.EventId;
import dev.herald.topic.FeedRecord;
import dev.herald.topic.Topic;
import dev.herald.topic.TopicRegistry;
import dev.herald.upstream.RelayOpenings;
import dev.herald.upstream.SourceState;
import dev.herald.upstream.UpstreamLeases;
import dev.herald.upstream.UpstreamSource;
import dev.herald.upstream.UpstreamSources;
import dev.herald.upstream.UpstreamStates;

/**
 * Runs a {@link Relay} for every upstream of kind {@code sse}: from when Herald starts to its end on one node; in a
 * cluster while this node holds the upstream's lease, each time resuming after the last upstream id stored.
 */
@ApplicationScoped
public class UpstreamRelays implements RelayOpenings {

    @Inject
    UpstreamSources sources;

    @Inject
    UpstreamStates states;

    @Inject
    TopicRegistry topics;

    @Inject
    RelayConnector connector;

    @Inject
    Scheduler scheduler;

    @Inject
    UpstreamLeases leases;

    private final Map<String, Relay> relays = new ConcurrentHashMap<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        for (UpstreamSource source : sources.all(UpstreamSource.Kind.SSE)) {
            Topic topic = topics.fedByUpstream(source.topic().value());
            SourceState state = states.of(source);
            leases.run(source, topic, () -> {
                FeedRecord record = topic.feedRecord();
                state.takeOver(source, record, System.currentTimeMillis());
                Relay relay = new Relay(source, topic, state, connector, scheduler,
                        record.field(Relay.UPSTREAM_ID).orElse(null), () -> leases.lost(source));
                relays.put(source.name(), relay);
                relay.start();
            }, () -> {
                Relay relay = relays.remove(source.name());
                if (relay != null) {
                    relay.stop();
                }
                state.forget();
            });
        }
    }

    @PreDestroy
    void stop() {
        relays.values().forEach(Relay::stop);
    }

    /**
     * Where a new subscriber of the topic this relay feeds starts; see {@link Relay#openingPoint()}. In a cluster,
     * on a node that does not run the relay: just before the latest event relayed, by whichever node.
     */
    @Override
    public Optional<EventId> openingPoint(UpstreamSource source) {
        Relay relay = relays.get(source.name());
        if (relay != null) {
            return relay.openingPoint();
        }
        Topic topic = topics.fedByUpstream(source.topic().value());
        return topic.latestSnapshot().map(EventId::before);
    }
}
