package dev.herald.topic;

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
}
