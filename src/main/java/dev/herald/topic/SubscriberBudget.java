package dev.herald.topic;

import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/** How many streams this server holds at once, across topics; only live streams count (gone ones are released). */
final class SubscriberBudget {

    private final AtomicInteger open = new AtomicInteger();
    private final int max;
    private final long retryAfterMs;

    SubscriberBudget(int max, long retryAfterMs) {
        this.max = max;
        this.retryAfterMs = retryAfterMs;
    }

    void acquire() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            throw new HeraldException(ProblemType.TOO_MANY_SUBSCRIBERS,
                    "This server holds its maximum of " + max + " streams; try again shortly.", retryAfterMs);
        }
    }

    void release() {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }

    int max() {
        return max;
    }
}
