package dev.herald.server;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.herald.delivery.ClientConnection;

/**
 * The current request's {@link ClientConnection}, handed from {@link ServletConnections} to
 * {@code dev.herald.stream.StreamResource} on the request thread (the JAX-RS resource never sees the servlet filter). Where no filter ran, the connection is
 * unprobed.
 */
public final class ConnectionProbes {

    private static final Logger LOG = Logger.getLogger(ConnectionProbes.class.getName());
    private static final ThreadLocal<Supplier<ClientConnection>> CURRENT = new ThreadLocal<>();

    private ConnectionProbes() {
    }

    static void set(Supplier<ClientConnection> connection) {
        CURRENT.set(connection);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** The connection of this thread's request; to be called on the request thread, used from any. */
    public static ClientConnection current() {
        Supplier<ClientConnection> connection = CURRENT.get();
        if (connection == null) {
            return ClientConnection.UNPROBED;
        }
        try {
            return connection.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "The connection of a stream cannot be probed; it is taken as always ready", e);
            return ClientConnection.UNPROBED;
        }
    }
}
