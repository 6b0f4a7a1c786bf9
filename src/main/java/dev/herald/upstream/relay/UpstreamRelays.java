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
import dev.herald.topic.TopicRegistry;
import dev.herald.upstream.RelayOpenings;
import dev.herald.upstream.UpstreamSource;
import dev.herald.upstream.UpstreamSources;
import dev.herald.upstream.UpstreamStates;

/** Starts a {@link Relay} for every upstream of kind {@code sse} when Herald starts, and stops them at the end. */
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

    private final Map<String, Relay> relays = new ConcurrentHashMap<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        for (UpstreamSource source : sources.all(UpstreamSource.Kind.SSE)) {
            Relay relay = new Relay(source, topics.fedByUpstream(source.topic().value()), states.of(source), connector,
                    scheduler);
            relays.put(source.name(), relay);
            relay.start();
        }
    }

    @PreDestroy
    void stop() {
        relays.values().forEach(Relay::stop);
    }

    /** Where a new subscriber of the topic this relay feeds starts; see {@link Relay#openingPoint()}. */
    @Override
    public Optional<EventId> openingPoint(UpstreamSource source) {
        Relay relay = relays.get(source.name());
        return relay == null ? Optional.empty() : relay.openingPoint();
    }
}
