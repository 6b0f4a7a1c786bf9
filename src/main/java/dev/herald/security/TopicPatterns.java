package dev.herald.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Topic names, or prefixes ending in {@code *} ({@code prices.*} covers {@code prices.eur}; a lone {@code *}
 * covers every topic): what a principal may subscribe or publish to, or what anyone may. No other wildcard.
 */
public final class TopicPatterns {

    /** Covers no topic. */
    public static final TopicPatterns NONE = new TopicPatterns(List.of());

    private final List<String> patterns;

    private TopicPatterns(List<String> patterns) {
        this.patterns = patterns;
    }

    /** From a comma-separated setting; blanks are ignored. */
    public static TopicPatterns parse(String commaSeparated) {
        if (commaSeparated == null) {
            return NONE;
        }
        return of(Arrays.asList(commaSeparated.split(",")));
    }

    public static TopicPatterns of(Collection<String> patterns) {
        return new TopicPatterns(patterns.stream()
                .map(String::strip)
                .filter(pattern -> !pattern.isEmpty())
                .distinct()
                .toList());
    }

    public boolean covers(String topic) {
        return topic != null && patterns.stream().anyMatch(pattern -> matches(pattern, topic));
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Both lists: what either covers. */
    public TopicPatterns and(TopicPatterns other) {
        return of(java.util.stream.Stream.concat(patterns.stream(), other.patterns.stream()).toList());
    }

    private static boolean matches(String pattern, String topic) {
        return pattern.endsWith("*")
                ? topic.startsWith(pattern.substring(0, pattern.length() - 1))
                : topic.equals(pattern);
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
