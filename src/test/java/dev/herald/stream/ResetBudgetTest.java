package dev.herald.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResetBudgetTest {

    private final ResetBudget budget = new ResetBudget(100, 30_000);

    @Test
    void theHundredAndFirstResetWithinTheWindowIsTooMany() {
        Object connection = new Object();
        for (int i = 0; i < 100; i++) {
            assertFalse(budget.exceeded(connection, 1_000 + i), "reset " + (i + 1));
        }
        assertTrue(budget.exceeded(connection, 29_999));
    }

    @Test
    void eachConnectionHasItsOwnCount() {
        Object first = new Object();
        for (int i = 0; i < 100; i++) {
            budget.exceeded(first, 0);
        }
        assertFalse(budget.exceeded(new Object(), 0));
        assertTrue(budget.exceeded(first, 0));
    }

    @Test
    void aNewWindowStartsFromZeroAndRunOutWindowsAreForgotten() {
        Object connection = new Object();
        for (int i = 0; i < 100; i++) {
            budget.exceeded(connection, 0);
        }
        assertFalse(budget.exceeded(connection, 30_000), "the first reset of a new window");
        budget.exceeded(new Object(), 40_000);
        budget.forgetOlderThan(60_000);
        assertEquals(1, budget.connections());
        budget.forgetOlderThan(70_000);
        assertEquals(0, budget.connections());
    }
}
