package dev.herald.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams reset by their client, counted per connection in a fixed window: more than {@code max} within
 * {@code windowMillis} on one connection is a rapid-reset attack (CVE-2023-44487), answered by ending the connection.
 * Open Liberty's own check has the same shape and defaults ({@code maxResetFrames} 100 per {@code resetFramesWindow}
 * 30 s). Connections are keys by identity; a window that has run out is forgotten.
 */
final class ResetBudget {

    private final int max;
    private final long windowMillis;
    private final Map<Object, Window> windows = new ConcurrentHashMap<>();

    ResetBudget(int max, long windowMillis) {
        this.max = max;
        this.windowMillis = windowMillis;
    }

    /** Counts one reset on {@code connection} at {@code nowMillis}; true once it has had more than allowed. */
    boolean exceeded(Object connection, long nowMillis) {
        Window window = windows.compute(connection, (key, current) ->
                current == null || nowMillis - current.startMillis >= windowMillis
                        ? new Window(nowMillis, 1) : new Window(current.startMillis, current.resets + 1));
        return window.resets > max;
    }

    /** Forgets connections whose window has run out (they start again from zero anyway). */
    void forgetOlderThan(long nowMillis) {
        windows.values().removeIf(window -> nowMillis - window.startMillis >= windowMillis);
    }

    /** Connections currently counted (for tests). */
    int connections() {
        return windows.size();
    }

    private record Window(long startMillis, int resets) {
    }
}
