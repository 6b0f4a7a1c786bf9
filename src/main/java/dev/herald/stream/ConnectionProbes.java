package dev.herald.stream;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The probe of the current request's connection ("can it take another write without queueing it on the heap?"),
 * handed from {@link ServletConnections} to {@link StreamResource} on the request thread. Free of servlet types, so
 * that the stream resource loads where the servlet API is not visible to the application; there, or where no
 * filter ran, the probe always answers ready.
 */
final class ConnectionProbes {

    private static final Logger LOG = Logger.getLogger(ConnectionProbes.class.getName());
    static final BooleanSupplier ALWAYS_READY = () -> true;
    private static final ThreadLocal<Supplier<BooleanSupplier>> CURRENT = new ThreadLocal<>();

    private ConnectionProbes() {
    }

    static void set(Supplier<BooleanSupplier> probe) {
        CURRENT.set(probe);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** The probe of this thread's request; to be called on the request thread, used from any. */
    static BooleanSupplier current() {
        Supplier<BooleanSupplier> probe = CURRENT.get();
        if (probe == null) {
            return ALWAYS_READY;
        }
        try {
            return probe.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "The connection of a stream cannot be probed; it is taken as always ready", e);
            return ALWAYS_READY;
        }
    }
}
