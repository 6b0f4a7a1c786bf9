package dev.herald.stream;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.delivery.Subscriber;
import dev.herald.problem.ProblemType;
import dev.herald.problem.RetryPolicy;
import dev.herald.threads.Scheduler;

/**
 * A stream outlives no token: every second, the streams whose credentials have expired get a retryable
 * {@code token-expired} error (after what was already queued for them) and close; the client comes back with a
 * fresh token and its last event id, and loses nothing. Streams that closed otherwise are forgotten at the same
 * pass.
 */
@ApplicationScoped
public class StreamDeadlines {

    private static final long SWEEP_MS = 1000;

    private final Map<Subscriber, Instant> deadlines = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private Scheduler scheduler;
    private RetryPolicy retryPolicy;

    protected StreamDeadlines() {
        // for the CDI proxy
    }

    @Inject
    public StreamDeadlines(Scheduler scheduler, RetryPolicy retryPolicy) {
        this.scheduler = scheduler;
        this.retryPolicy = retryPolicy;
    }

    /** Ends {@code stream} at {@code deadline}; null: never. */
    public void endAt(Subscriber stream, Instant deadline) {
        if (deadline == null) {
            return;
        }
        deadlines.put(stream, deadline);
        if (started.compareAndSet(false, true)) {
            scheduler.every(SWEEP_MS, "Ending streams whose token expired", this::sweep);
        }
    }

    void sweep() {
        Instant now = Instant.now();
        deadlines.forEach((stream, deadline) -> {
            if (stream.isClosed()) {
                deadlines.remove(stream);
            } else if (!now.isBefore(deadline)) {
                deadlines.remove(stream);
                stream.end(retryPolicy.problem(ProblemType.TOKEN_EXPIRED, "The token this stream was opened with"
                        + " has expired: reconnect with a fresh one and your last event id to resume."));
            }
        });
    }
}
