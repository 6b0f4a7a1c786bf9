package dev.herald.topic;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * A fresh epoch per start of a topic's history: in memory at each start of Herald; with a broker, once per topic in
 * the broker (created by the first node that needs it, and again only if the broker lost the topic).
 */
public final class Epoch {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Epoch() {
    }

    /** Eight base-36 characters: unlikely to repeat across restarts, short on the wire. */
    public static String next() {
        long value = RANDOM.nextLong() & 0x7fffffffffffL;
        String text = Long.toString(value, 36).toLowerCase(Locale.ROOT);
        return "0".repeat(Math.max(0, 8 - text.length())) + text.substring(Math.max(0, text.length() - 8));
    }
}
