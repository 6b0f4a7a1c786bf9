package dev.herald.aborts;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A filter on a container's logger that keeps out the records of clients that went away before their answer was
 * written (a reset, a closed connection): each is counted instead, and at most one short line per minute says how
 * many there were. Every other record goes on to the filter that was there before, if any, so a host
 * application's real errors are logged as they were.
 * <p>
 * A record is a client's going away when its exception chain holds an {@code IOException} that says so (the JDK's
 * "Broken pipe" and "Connection reset by peer", Grizzly's "Connection is closed" and "Locally closed", Grizzly's
 * {@code EOFException} from reading a closed connection), or a container's own exception type for it.
 */
final class AbortFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(AbortFilter.class.getName());
    static final long LINE_INTERVAL_MILLIS = 60_000;
    /** Messages of the IOExceptions a write to a gone client ends with, lower case. */
    private static final Set<String> GONE_MESSAGES = Set.of("broken pipe", "connection reset by peer",
            "connection is closed", "locally closed", "connection closed");
    /** Exception types that only ever mean the client went away. */
    private static final Set<String> GONE_TYPES = Set.of("org.apache.catalina.connector.ClientAbortException");
    private static final int MAX_CAUSES = 16;

    private final Filter previous;
    private final LongAdder count;
    private final LongSupplier clock;
    private final AtomicLong lastLineMillis;
    private final AtomicLong sinceLastLine = new AtomicLong();

    AbortFilter(Filter previous, LongAdder count, LongSupplier clock) {
        this.previous = previous;
        this.count = count;
        this.clock = clock;
        this.lastLineMillis = new AtomicLong(clock.getAsLong() - LINE_INTERVAL_MILLIS);
    }

    /** The filter this one was put in front of (given back when Herald goes away). */
    Filter previous() {
        return previous;
    }

    /** Whether this filter counts into {@code counter} (is the one a given application put there). */
    boolean isFrom(LongAdder counter) {
        return count == counter;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue() && isClientGone(record.getThrown())) {
            count.increment();
            sinceLastLine.incrementAndGet();
            long now = clock.getAsLong();
            long last = lastLineMillis.get();
            if (now - last >= LINE_INTERVAL_MILLIS && lastLineMillis.compareAndSet(last, now)) {
                LOG.log(Level.INFO, "{0} client(s) went away before their answer was written (counted in"
                        + " herald.clients.gone; at most one such line a minute)",
                        sinceLastLine.getAndSet(0));
            }
            return false;
        }
        return previous == null || previous.isLoggable(record);
    }

    /** Whether an exception (with its causes) says that the client went away. */
    static boolean isClientGone(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (GONE_TYPES.contains(t.getClass().getName())) {
                return true;
            }
            if (t instanceof EOFException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("org.glassfish.grizzly.")) {
                return true; // Grizzly read the end of a connection its client closed
            }
            if (t instanceof IOException && t.getMessage() != null
                    && GONE_MESSAGES.contains(t.getMessage().strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
