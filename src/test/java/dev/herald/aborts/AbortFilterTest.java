package dev.herald.aborts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** Which records the filter keeps out (a client's going away) and which it lets through (everything else). */
class AbortFilterTest {

    private final LongAdder count = new LongAdder();
    private final AtomicLong now = new AtomicLong(1_000_000);

    private static LogRecord record(Level level, Throwable thrown) {
        LogRecord record = new LogRecord(level, "Error while closing the output stream in order to commit response.");
        record.setThrown(thrown);
        return record;
    }

    @Test
    void aResetOrClosedConnectionDeepInTheChainIsCountedNotLogged() {
        AbortFilter filter = new AbortFilter(null, count, now::get);
        for (String message : new String[] {"Connection reset by peer", "Broken pipe", "Connection is closed",
                "Locally closed"}) {
            Throwable thrown = new IllegalStateException(new UncheckedIOException(new IOException(message)));
            assertFalse(filter.isLoggable(record(Level.SEVERE, thrown)), message);
        }
        assertEquals(4, count.sum());
    }

    @Test
    void everyOtherRecordGoesOnToTheFilterThatWasThere() {
        AbortFilter passAll = new AbortFilter(null, count, now::get);
        assertTrue(passAll.isLoggable(record(Level.SEVERE, new IOException("Disk full"))));
        assertTrue(passAll.isLoggable(record(Level.SEVERE, new IllegalStateException("a host's real bug"))));
        assertTrue(passAll.isLoggable(record(Level.SEVERE, null)));
        AbortFilter before = new AbortFilter(r -> false, count, now::get);
        assertFalse(before.isLoggable(record(Level.SEVERE, new IOException("Disk full"))));
        assertEquals(0, count.sum());
    }

    @Test
    void aFineRecordOfAGoneClientIsLeftAlone() {
        AbortFilter filter = new AbortFilter(null, count, now::get);
        assertTrue(filter.isLoggable(record(Level.FINE, new IOException("Broken pipe"))));
        assertEquals(0, count.sum());
    }

    @Test
    void aCauseThatIsItsOwnCauseEndsTheWalk() {
        IOException loop = new IOException("odd") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertFalse(AbortFilter.isClientGone(loop));
    }
}
