package dev.herald.upstream;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.topic.EventId;
import dev.herald.topic.Topic;

/**
 * Snapshot on subscribe: a new subscriber of an upstream-fed topic starts with the current snapshot (and what
 * was said of the upstream since), fetched through the same guarded call when Herald has none yet. For a relayed
 * stream the latest relayed event stands for the snapshot. In a cluster, the latest snapshot is the broker's, published
 * by whichever node ran the upstream; only the node that runs it now fetches one when there is none.
 */
@ApplicationScoped
public class UpstreamSnapshots {

    static final String STANDBY = "standby";

    @Inject
    UpstreamSources sources;

    @Inject
    UpstreamStates states;

    @Inject
    UpstreamPoller poller;

    @Inject
    UpstreamFetcher fetcher;

    @Inject
    RelayOpenings relays;

    @Inject
    UpstreamLeases leases;

    /**
     * Where a fresh subscription of {@code topic} should start: just before its latest snapshot event. Empty for
     * topics no upstream feeds. Throws a {@code HeraldException} (an error event for the client) when no snapshot
     * can be had.
     */
    public Optional<EventId> openingPoint(Topic topic) {
        Optional<UpstreamSource> fed = sources.feeding(topic.name());
        if (fed.isEmpty()) {
            return Optional.empty();
        }
        UpstreamSource source = fed.get();
        if (source.kind() == UpstreamSource.Kind.SSE) {
            return relays.openingPoint(source);
        }
        Optional<EventId> latest = topic.latestSnapshot();
        if (latest.isEmpty() && leases.runsHere(source)) {
            fetchNow(source);
            latest = topic.latestSnapshot();
        }
        return latest.map(EventId::before);
    }

    /**
     * For the topic status: "up", or the slug of why the upstream feeding the topic is degraded; in a cluster,
     * "standby" on the nodes that do not run it now.
     */
    public Optional<String> upstreamState(Topic topic) {
        return sources.feeding(topic.name()).map(this::state);
    }

    /** "up", the slug of why the upstream is degraded, or "standby" (another node of the cluster runs it). */
    String state(UpstreamSource source) {
        if (!leases.runsHere(source)) {
            return STANDBY;
        }
        Degradation degradation = states.of(source).degradation();
        return degradation == null ? "up" : degradation.type().slug();
    }

    private void fetchNow(UpstreamSource source) {
        try {
            if (states.of(source).lastGoodJson() == null) {
                poller.poll(source);
            }
        } catch (UpstreamUnavailableException e) {
            throw e.degradation().toException();
        } catch (UpstreamNotFoundException e) {
            throw Degradation.of(e, source, fetcher.circuitDelayMs()).toException();
        }
    }
}
