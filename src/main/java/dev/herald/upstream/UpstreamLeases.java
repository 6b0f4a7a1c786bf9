package dev.herald.upstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.herald.threads.Scheduler;
import dev.herald.topic.Topic;

/**
 * Where each upstream runs. On one node ({@code herald.broker=memory}) always here, with no lease. In a cluster on
 * one node at a time: the one holding the upstream's {@link UpstreamLease} in the broker for
 * {@code herald.upstream.lease-ms}, renewed every third of it; its topic's events then reach every node through the
 * broker.
 */
@ApplicationScoped
public class UpstreamLeases {

    private static final Logger LOG = Logger.getLogger(UpstreamLeases.class.getName());

    @Inject
    Scheduler scheduler;

    @Inject
    UpstreamSettings settings;

    private final Map<String, UpstreamLease> leases = new ConcurrentHashMap<>();
    private Thread hook;

    /**
     * Runs the upstream feeding {@code topic}: {@code start} now on one node, or, in a cluster, whenever this node
     * wins the upstream's lease, and {@code stop} whenever it loses it.
     */
    public void run(UpstreamSource source, Topic topic, Runnable start, Runnable stop) {
        if (!topic.sharedByNodes()) {
            start.run();
            return;
        }
        long ttl = settings.leaseMs();
        UpstreamLease lease = new UpstreamLease(source.name(), ttl, new UpstreamLease.Feed() {
            @Override
            public boolean hold(long ttlMs) {
                return topic.holdFeed(ttlMs);
            }

            @Override
            public void release() {
                topic.releaseFeed();
            }
        }, start, stop, System::currentTimeMillis);
        leases.put(source.name(), lease);
        registerShutdownHook();
        String what = "Renewing the lease of upstream " + source.name();
        scheduler.after(0, what, lease::renew);
        scheduler.every(ttl / 3, what, lease::renew);
    }

    /** Whether the upstream runs on this node now (always on one node). */
    public boolean runsHere(UpstreamSource source) {
        UpstreamLease lease = leases.get(source.name());
        return lease == null || lease.held();
    }

    /** A publish of the upstream's was refused: another node holds its lease; it stops here at once. */
    public void lost(UpstreamSource source) {
        UpstreamLease lease = leases.get(source.name());
        if (lease != null) {
            lease.lost();
        }
    }

    /**
     * A server stopped by a signal (Payara Micro on SIGTERM) does not undeploy, so nothing below runs: a JVM shutdown
     * hook gives the leases up then (see {@code ShutdownNotice}). It is removed again on a normal undeploy.
     */
    private synchronized void registerShutdownHook() {
        if (hook == null) {
            hook = new Thread(this::releaseAll, "herald-upstream-leases");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /**
     * A clean stop gives every lease this node holds up, before the application's beans go (the broker among them),
     * so that other nodes take the upstreams over at their next renewal.
     */
    void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        releaseAll();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                LOG.log(Level.FINE, "The JVM is already shutting down; the hook runs on its own", shuttingDown);
            }
            hook = null;
        }
    }

    private void releaseAll() {
        leases.values().forEach(UpstreamLease::release);
    }
}
