package dev.herald.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {

    /** With the largest random draw, the delay is the ceiling of full jitter. */
    private final Backoff highest = new Backoff(100, 5000, bound -> bound);
    private final Backoff lowest = new Backoff(100, 5000, bound -> 0);

    @Test
    void theCeilingDoublesPerAttemptUpToTheMaximum() {
        assertEquals(100, highest.delayMs(0, 0));
        assertEquals(200, highest.delayMs(1, 0));
        assertEquals(1600, highest.delayMs(4, 0));
        assertEquals(5000, highest.delayMs(6, 0));
        assertEquals(5000, highest.delayMs(1000, 0));
    }

    @Test
    void fullJitterCanBeAnythingFromZeroButNeverLessThanTheServerAsked() {
        assertEquals(0, lowest.delayMs(3, 0));
        assertEquals(3000, lowest.delayMs(3, 3000));
        assertEquals(3000, highest.delayMs(0, 3000));
        Backoff random = new Backoff(100, 5000);
        for (int i = 0; i < 1000; i++) {
            long delay = random.delayMs(3, 0);
            assertTrue(delay >= 0 && delay <= 800, "delay " + delay);
        }
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(200, 100));
    }
}
