package dev.herald.topic;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;

/**
 * Which topics exist: {@code herald.topics.allowed} lists names, or prefixes ending in {@code *};
 * a lone {@code *} allows every valid name. Anything else is an unknown topic, a fatal problem.
 */
@ApplicationScoped
public class TopicPolicy {

    private List<String> patterns;

    protected TopicPolicy() {
        // for the CDI proxy
    }

    @Inject
    public TopicPolicy(TopicSettings settings) {
        this(settings.allowedTopics());
    }

    /** {@code allowed}: the value of {@code herald.topics.allowed}. */
    public TopicPolicy(String allowed) {
        this.patterns = Arrays.stream(allowed.split(","))
                .map(String::trim)
                .filter(pattern -> !pattern.isEmpty())
                .toList();
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException(TopicSettings.TOPICS_ALLOWED + " must list at least one topic or pattern");
        }
    }

    public TopicName requireKnown(String name) {
        TopicName topic = TopicName.of(name);
        if (patterns.stream().noneMatch(pattern -> matches(pattern, topic.value()))) {
            throw new HeraldException(ProblemType.UNKNOWN_TOPIC, "There is no topic named '" + topic + "'.");
        }
        return topic;
    }

    private static boolean matches(String pattern, String name) {
        return pattern.endsWith("*")
                ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                : name.equals(pattern);
    }
}
