package dev.herald.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Bounded waits on conditions. {@code -Dherald.wait.factor=3} stretches every bound on a slow machine. */
public final class Waits {

    private static final double FACTOR = Double.parseDouble(System.getProperty("herald.wait.factor", "1"));

    private Waits() {
    }

    public static Duration scaled(Duration bound) {
        return Duration.ofMillis((long) (bound.toMillis() * FACTOR));
    }

    public static ConditionFactory atMost(Duration bound) {
        return Awaitility.await().atMost(scaled(bound)).pollInterval(Duration.ofMillis(50));
    }
}
