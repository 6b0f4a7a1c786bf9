package dev.herald.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void anIdSeenBeforeIsADuplicateUntilItIsForgotten() {
        RecentIds ids = new RecentIds(2);
        assertTrue(ids.firstTime("a-1"));
        assertFalse(ids.firstTime("a-1"));
        assertTrue(ids.firstTime("a-2"));
        assertTrue(ids.firstTime("a-3")); // a-1 is forgotten: only the last two are kept
        assertFalse(ids.firstTime("a-2"));
        assertTrue(ids.firstTime("a-1"));
    }
}
