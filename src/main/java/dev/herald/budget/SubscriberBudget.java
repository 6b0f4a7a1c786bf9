package dev.herald.budget;

import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/** How many streams this server holds at once, across topics; only live streams count (gone ones are released). */
public final class SubscriberBudget {

    private final AtomicInteger open = new AtomicInteger();
    private final int max;
    private final long retryAfterMs;

    public SubscriberBudget(int max, long retryAfterMs) {
        this.max = max;
        this.retryAfterMs = retryAfterMs;
    }

    public void acquire() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            throw new HeraldException(ProblemType.TOO_MANY_SUBSCRIBERS,
                    "This server holds its maximum of " + max + " streams; try again shortly.", retryAfterMs);
        }
    }

    public void release() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }

    public int max() {
        return max;
    }
}
