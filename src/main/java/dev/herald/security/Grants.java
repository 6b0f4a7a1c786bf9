package dev.herald.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one caller may do: the topics it may subscribe to and those it may publish to. A token carries them in a
 * claim ({@code herald.auth.claim}, {@code herald} by default):
 * <pre>{@code {"herald": {"subscribe": ["orders.42", "prices.*"], "publish": ["orders.*"]}}}</pre>
 * Anything else in the claim is ignored; a claim of the wrong shape grants nothing.
 */
public record Grants(TopicPatterns subscribe, TopicPatterns publish) {

    public static final Grants NONE = new Grants(TopicPatterns.NONE, TopicPatterns.NONE);

    /** From the claim's value as the JSON parser gives it (maps, lists, strings); null grants nothing. */
    public static Grants fromClaim(Object claim) {
        if (!(claim instanceof Map<?, ?> map)) {
            return NONE;
        }
        return new Grants(patterns(map.get("subscribe")), patterns(map.get("publish")));
    }

    private static TopicPatterns patterns(Object value) {
        if (!(value instanceof List<?> list)) {
            return TopicPatterns.NONE;
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof String name) {
                names.add(name);
            }
        }
        return TopicPatterns.of(names);
    }

    /** Both: what either allows (a caller's own grants and what anyone may do). */
    public Grants and(Grants other) {
        return new Grants(subscribe.and(other.subscribe), publish.and(other.publish));
    }

    public boolean allows(Access access, String topic) {
        return switch (access) {
            case SUBSCRIBE -> subscribe.covers(topic);
            case PUBLISH -> publish.covers(topic);
            case AUTHENTICATED -> true;
        };
    }
}
