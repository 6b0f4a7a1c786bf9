package dev.herald.upstream;

import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's lease on one upstream, in a cluster: the upstream runs (is polled or relayed) on the one node that holds
 * it. {@link #renew()}, every third of the lease's time, claims it when nobody holds it and renews it when this node
 * does; the upstream starts here when it is won and stops at once when it is lost: another node holds it (the renewal
 * was refused, or a publish was: {@link #lost()}), or the broker could not confirm it before it ran out. On a clean
 * stop this node gives it up ({@link #release()}), so that another node takes over without waiting for it to run out.
 * <p>
 * A node that could not reach the broker may still think it holds the lease for up to a renewal after it ran out;
 * it cannot publish then, since the broker stores a feeder's events only while the lease names it.
 */
public final class UpstreamLease {

    /** The broker's side of the lease (a topic's feed). */
    public interface Feed {

        /** Claims or renews it for {@code ttlMs}: true while this node holds it; throws if it cannot tell. */
        boolean hold(long ttlMs);

        void release();
    }

    private static final Logger LOG = Logger.getLogger(UpstreamLease.class.getName());

    private final String name;
    private final long ttlMs;
    private final Feed feed;
    private final Runnable start;
    private final Runnable stop;
    private final LongSupplier clock;
    private volatile boolean held;
    /** Given up for good (the application stops): never claimed again. */
    private boolean closed;
    /** While held: when the lease runs out unless renewed (by this node's clock, from before it asked). */
    private long validUntil;

    public UpstreamLease(String name, long ttlMs, Feed feed, Runnable start, Runnable stop, LongSupplier clock) {
        this.name = name;
        this.ttlMs = ttlMs;
        this.feed = feed;
        this.start = start;
        this.stop = stop;
        this.clock = clock;
    }

    /** Whether the upstream runs on this node now. */
    public boolean held() {
        return held;
    }

    /** Claims or renews the lease; starts or stops the upstream here accordingly. */
    public synchronized void renew() {
        if (closed) {
            return;
        }
        loseIfExpired();
        long asked = clock.getAsLong();
        boolean holds;
        try {
            holds = feed.hold(ttlMs);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The lease of upstream " + name + " could not be renewed", e);
            loseIfExpired();
            return;
        }
        if (!holds) {
            if (held) {
                lose("another node holds it now");
            }
            return;
        }
        validUntil = asked + ttlMs;
        if (!held) {
            try {
                start.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Upstream " + name + " could not start here; tried again at the next renewal",
                        e);
                return;
            }
            held = true;
            LOG.info(() -> "This node runs upstream " + name + " now (it holds its lease)");
        }
    }

    /** A publish was refused: another node holds the lease. */
    public synchronized void lost() {
        if (held) {
            lose("a publish was refused: another node holds it");
        }
    }

    /** A clean stop: the upstream stops here and the lease is given up, for another node to take at once. */
    public synchronized void release() {
        closed = true;
        if (!held) {
            return;
        }
        held = false;
        stop.run();
        try {
            feed.release();
            LOG.info(() -> "This node gave up its lease of upstream " + name);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "This node could not give up its lease of upstream " + name + "; it runs out", e);
        }
    }

    private void loseIfExpired() {
        if (held && clock.getAsLong() - validUntil >= 0) {
            lose("the broker could not confirm it in time");
        }
    }

    private void lose(String why) {
        held = false;
        LOG.warning(() -> "This node stops running upstream " + name + ": it lost its lease (" + why + ")");
        stop.run();
    }
}
