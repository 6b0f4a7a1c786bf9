package dev.herald.topic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.herald.threads.Scheduler;

/** Looks for topics nobody has used for {@code herald.topics.idle-ms}, ten times per that period, and retires them. */
@ApplicationScoped
public class IdleTopics {

    private static final long MIN_SWEEP_MS = 1000;

    @Inject
    Scheduler scheduler;

    @Inject
    TopicRegistry topics;

    @Inject
    TopicSettings config;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        long every = Math.max(MIN_SWEEP_MS, config.topicIdleMs() / 10);
        scheduler.every(every, "Retiring idle topics", topics::retireIdle);
    }
}
