package dev.herald.topic;

import java.util.Set;
import java.util.regex.Pattern;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * Validates a published event's name. The name goes into {@code event:} as it is, so a CR or LF in it would
 * inject fields or whole events; and names Herald uses for its own protocol may not be faked by publishers.
 */
public final class EventName {

    static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");
    static final Set<String> RESERVED = Set.of(
            "error", "subscribed", "reset", "heartbeat", "upstream-degraded", "upstream-recovered",
            "broker-degraded", "broker-recovered");

    private EventName() {
    }

    /** Whether {@code name} may be published as it is: valid and not one of Herald's own. */
    public static boolean acceptable(String name) {
        return name != null && VALID.matcher(name).matches() && !RESERVED.contains(name);
    }

    public static String require(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new HeraldException(ProblemType.INVALID_EVENT, "An event name has 1 to " + MAX_LENGTH
                    + " characters from A-Z, a-z, 0-9, '.', '_' and '-', and starts with a letter.");
        }
        if (RESERVED.contains(name)) {
            throw new HeraldException(ProblemType.INVALID_EVENT,
                    "The event name '" + name + "' is reserved for Herald's own events: " + RESERVED + ".");
        }
        return name;
    }
}
