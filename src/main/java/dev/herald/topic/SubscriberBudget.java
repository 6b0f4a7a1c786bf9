package dev.herald.topic;

import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/** How many streams this server holds at once, across topics. */
final class SubscriberBudget {

    private final AtomicInteger open = new AtomicInteger();
    private final int max;

    SubscriberBudget(int max) {
        this.max = max;
    }

    void acquire() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            throw new HeraldException(ProblemType.TOO_MANY_SUBSCRIBERS,
                    "This server holds its maximum of " + max + " streams; try again shortly.");
        }
    }

    void release() {
        open.decrementAndGet();
    }
}
