package dev.herald.delivery;

/**
 * What a subscriber may ask of its client's connection, beyond the container's sink: whether it can take another
 * write without queueing it on the server's heap, and, for a client that stopped reading, to let go of the socket
 * (closing the sink cannot: the response's last chunk waits behind everything the client never read).
 */
public interface ClientConnection {

    /** For runtimes where the connection cannot be asked (or need not be): always ready, never dropped. */
    ClientConnection UNPROBED = new ClientConnection() {
        @Override
        public boolean canTakeMore() {
            return true;
        }

        @Override
        public void drop() {
        }
    };

    /** Whether a write now would be sent rather than queued; asked from writer threads. */
    boolean canTakeMore();

    /** Closes the socket at once, discarding what is queued for it. */
    void drop();

    /**
     * Runs {@code action} once, on a container thread, when the client closes this connection, where the runtime
     * tells (Payara's Grizzly, HTTP/1.1); returns what takes it off again, for a stream that ends while its
     * connection lives on. Where the runtime does not tell, nothing runs: the next write (a heartbeat at the latest)
     * finds the client gone.
     */
    default Runnable whenClosed(Runnable action) {
        return () -> { };
    }
}
