package dev.herald.quota;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.herald.threads.Scheduler;

/** Forgets the publish and ticket buckets of clients that have been quiet long enough to fill theirs again. */
@ApplicationScoped
public class QuotaSweeps {

    private static final long EVERY_MS = 30_000;

    @Inject
    Scheduler scheduler;

    @Inject
    PublishQuota publishes;

    @Inject
    TicketQuota tickets;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        scheduler.every(EVERY_MS, "Forgetting idle publish buckets", publishes::sweep);
        scheduler.every(EVERY_MS, "Forgetting idle ticket buckets", tickets::sweep);
    }
}
