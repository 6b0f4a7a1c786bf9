package dev.herald.topic;

/**
 * Where topics live: an {@link EventLog} and the {@link FeedLeases} of upstreams, chosen once by {@code herald.broker}
 * (see {@code dev.herald.broker.Brokers}). Its implementations are {@code dev.herald.memory.MemoryBroker} (one node)
 * and {@code dev.herald.cluster.RedisBroker} (every node on one Redis).
 */
public interface Broker extends EventLog, FeedLeases {

    /** Its {@code herald.broker} value, e.g. for readiness. */
    String name();

    /**
     * Whether other nodes share its topics: then stream tickets must be shared too (a ticket minted on one node opens
     * a stream on another) and an upstream runs only on the node holding its lease.
     */
    boolean sharedByNodes();

    /** Whether this node can use it now, as far as it knows without asking it (readiness answers at once). */
    boolean available();

    /** The bytes of history it holds on this node's heap (0 for a broker that keeps it elsewhere). */
    long historyBytes();
}
