package dev.herald.upstream;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.herald.threads.Scheduler;
import dev.herald.topic.FeedLostException;
import dev.herald.topic.Topic;
import dev.herald.topic.TopicRegistry;

/**
 * Polls every configured upstream and turns what happens into events on its topic: a snapshot when the content
 * changed, {@code upstream-degraded} when it cannot be had (once per reason), {@code upstream-recovered} when it
 * can again. Subscribers' streams stay open throughout. In a cluster only the node that holds the upstream's lease
 * polls it ({@link UpstreamLeases}).
 */
@ApplicationScoped
public class UpstreamPoller {

    @Inject
    UpstreamSources sources;

    @Inject
    UpstreamFetcher fetcher;

    @Inject
    UpstreamStates states;

    @Inject
    TopicRegistry topics;

    @Inject
    Scheduler scheduler;

    @Inject
    UpstreamLeases leases;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        for (UpstreamSource source : sources.all(UpstreamSource.Kind.POLL)) {
            Topic topic = topics.fedByUpstream(source.topic().value()); // claimed before any client can publish to it
            AtomicReference<ScheduledFuture<?>> polls = new AtomicReference<>();
            leases.run(source, topic, () -> {
                states.of(source).takeOver(source, topic.feedRecord(), System.currentTimeMillis());
                polls.set(scheduler.every(source.intervalMs(), "Polling upstream " + source.name(),
                        () -> poll(source)));
            }, () -> {
                ScheduledFuture<?> running = polls.getAndSet(null);
                if (running != null) {
                    running.cancel(false);
                }
                states.of(source).forget();
            });
        }
    }

    /**
     * One poll. Throws {@link UpstreamUnavailableException} or {@link UpstreamNotFoundException} only when
     * there is no snapshot to serve at all, after telling the topic.
     */
    void poll(UpstreamSource source) {
        SourceState state = states.of(source);
        // One poll of a source at a time (the schedule, and a subscriber that finds no snapshot, may meet): what
        // subscribers are told then keeps the order of what happened, e.g. recovered before the fresh snapshot.
        synchronized (state) {
            try {
                poll(source, state);
            } catch (FeedLostException e) {
                leases.lost(source); // another node polls it now; nothing to tell here
            }
        }
    }

    private void poll(UpstreamSource source, SourceState state) {
        Topic topic = topics.fedByUpstream(source.topic().value());
        Fetched fetched;
        try {
            fetched = fetcher.fetch(source, state.etag());
        } catch (UpstreamUnavailableException e) {
            UpstreamEvents.tellDegraded(source, state, topic, e.degradation());
            throw e;
        } catch (UpstreamNotFoundException e) {
            UpstreamEvents.tellDegraded(source, state, topic, Degradation.of(e, source, fetcher.circuitDelayMs()));
            throw e;
        } finally {
            // An interrupt meant for a timed-out call must not be left for the next task of this pooled thread.
            Thread.interrupted();
        }
        if (fetched.stale()) {
            UpstreamEvents.tellDegraded(source, state, topic, fetched.staleBecause());
            return;
        }
        UpstreamEvents.tellRecovered(source, state, topic);
        if (!fetched.notModified()) {
            if (state.changed(fetched.json())) {
                topic.publishFed(source.eventName(), UpstreamEvents.snapshot(source, fetched.json(), Instant.now()),
                        true, Map.of(SourceState.DIGEST, SourceState.digest(fetched.json())));
            }
            state.fresh(fetched.json(), fetched.etag()); // only once published: a failed publish is tried again
        }
    }

}
