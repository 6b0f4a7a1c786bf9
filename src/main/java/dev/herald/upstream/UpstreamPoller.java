package dev.herald.upstream;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.herald.threads.Scheduler;
import dev.herald.topic.Topic;
import dev.herald.topic.TopicRegistry;

/**
 * Polls every configured upstream and turns what happens into events on its topic: a snapshot when the content
 * changed, {@code upstream-degraded} when it cannot be had (once per reason), {@code upstream-recovered} when it
 * can again. Subscribers' streams stay open throughout.
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

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        for (UpstreamSource source : sources.all(UpstreamSource.Kind.POLL)) {
            topics.fedByUpstream(source.topic().value()); // claimed before any client can publish to it
            scheduler.every(source.intervalMs(), "Polling upstream " + source.name(), () -> poll(source));
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
            poll(source, state);
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
        if (!fetched.notModified() && state.fresh(fetched.json(), fetched.etag())) {
            topic.publish(source.eventName(), UpstreamEvents.snapshot(source, fetched.json(), Instant.now()));
        }
    }

}
